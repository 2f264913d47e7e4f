#include "LineEnds.h"

#include <stdint.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// See LineEnds.h.

size_t lineends_scan_baseline(const unsigned char *text, size_t from, size_t to, size_t *ends, size_t capacity,
                              size_t *next, int *nul) {
    size_t count = 0, at = from;
    if (capacity == 0) {
        *next = from;
        return 0;
    }
    while (at < to && count < capacity) {
        const unsigned char *end = memchr(text + at, '\n', to - at);
        if (!end) {
            at = to;
            break;
        }
        ends[count++] = (size_t)(end - text);
        at = (size_t)(end - text) + 1;
    }
    if (at > from && memchr(text + from, 0, at - from)) *nul = 1;
    *next = at;
    return count;
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,bmi")))

/// 64 bytes at a time: the line ends' bits extracted from two compares, the
/// NUL compares OR-ed into one vector tested once at the end; the last
/// partial block byte by byte.
AVX2 static size_t scan_vector(const unsigned char *text, size_t from, size_t to, size_t *ends, size_t capacity,
                               size_t *next, int *nul) {
    size_t count = 0, at = from;
    if (capacity == 0) {
        *next = from;
        return 0;
    }
    const __m256i newline = _mm256_set1_epi8('\n');
    const __m256i zero = _mm256_setzero_si256();
    __m256i nuls = zero;
    int saw_nul = 0;
    while (at + 64 <= to) {
        __m256i low = _mm256_loadu_si256((const __m256i *)(text + at));
        __m256i high = _mm256_loadu_si256((const __m256i *)(text + at + 32));
        nuls = _mm256_or_si256(nuls, _mm256_or_si256(_mm256_cmpeq_epi8(low, zero), _mm256_cmpeq_epi8(high, zero)));
        uint64_t bits = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, newline)) |
                        (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, newline)) << 32;
        while (bits) {
            if (count == capacity) { // (this block's NUL test also saw bytes after `*next`)
                *next = ends[count - 1] + 1;
                goto done;
            }
            ends[count++] = at + (size_t)__builtin_ctzll(bits);
            bits &= bits - 1;
        }
        at += 64;
    }
    for (; at < to; at++) {
        if (text[at] == 0) saw_nul = 1;
        if (text[at] == '\n') {
            if (count == capacity) {
                *next = ends[count - 1] + 1;
                goto done;
            }
            ends[count++] = at;
        }
    }
    *next = to;
done:
    if (saw_nul || !_mm256_testz_si256(nuls, nuls)) *nul = 1;
    return count;
}
#endif

#if defined(__x86_64__)
size_t lineends_scan(const unsigned char *text, size_t from, size_t to, size_t *ends, size_t capacity, size_t *next,
                     int *nul) {
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi"))
        return scan_vector(text, from, to, ends, capacity, next, nul);
    return lineends_scan_baseline(text, from, to, ends, capacity, next, nul);
}
#else
size_t lineends_scan(const unsigned char *text, size_t from, size_t to, size_t *ends, size_t capacity, size_t *next,
                     int *nul) {
    return lineends_scan_baseline(text, from, to, ends, capacity, next, nul);
}
#endif
