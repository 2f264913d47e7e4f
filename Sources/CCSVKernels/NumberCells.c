#include "NumberCells.h"
#include "PowersOfTen.h"

#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// See NumberCells.h. The scalar cell parser reads eight bytes at a time
// (SWAR); the AVX2 one reads the cell's last 32 bytes at once.

// The eight-byte loads read a text's first byte into the lowest bits.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "NumberCells.c assumes a little-endian CPU"
#endif

#define INLINE static inline __attribute__((always_inline))

INLINE uint64_t load64(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/// The high bit of each byte of `x` set where that byte is not an ASCII digit.
/// (A byte ≥ 0xFA carries into the next one in `x + 0x06…`, which only makes
/// that later byte a non-digit too: the first non-digit is still found.)
INLINE uint64_t non_digits(uint64_t x) {
    uint64_t bad = ((x & 0xF0F0F0F0F0F0F0F0ULL) ^ 0x3030303030303030ULL) |
                   (((x + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) ^ 0x3030303030303030ULL);
    return (bad | ((bad & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL)) & 0x8080808080808080ULL;
}

/// The high bit of each byte of `x` set where that byte is `c`.
INLINE uint64_t bytes_equal(uint64_t x, uint8_t c) {
    uint64_t d = x ^ (0x0101010101010101ULL * c);
    return ~(((d & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | d) & 0x8080808080808080ULL;
}

/// The number written by eight ASCII digits (the first byte, lowest in memory, most significant).
INLINE uint64_t eight_digits(uint64_t chunk) {
    uint64_t v = chunk - 0x3030303030303030ULL;
    v = (v * 10) + (v >> 8);
    uint64_t high = (v & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32));
    uint64_t low = ((v >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32));
    return (high + low) >> 32;
}

/// The `k` lowest bytes set (`k ≤ 8`).
static const uint64_t low_bytes[9] = {
    0, 0xFFULL, 0xFFFFULL, 0xFFFFFFULL, 0xFFFFFFFFULL, 0xFFFFFFFFFFULL, 0xFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFULL, ~0ULL,
};

/// `numbercells_scaled`; `small` promises `w < 10^19` and `−130 ≤ q ≤ 98` (a
/// cell's up to 19 digits with the point in them and a two-digit exponent),
/// where the result is always a normal `double` (between 10^−130 and 10^117),
/// so the range checks are left out.
INLINE int scaled_checked(uint64_t w, long q, const NumberCellsPower *powers, double *value, int small) {
    if (!small && (q < NUMBERCELLS_MIN_EXPONENT || q > NUMBERCELLS_MAX_EXPONENT)) return 0;
    const NumberCellsPower *power = powers + (q - NUMBERCELLS_MIN_EXPONENT);
    int z = __builtin_clzll(w);
    uint64_t n = w << z;
    __uint128_t upper = (__uint128_t)n * power->high;
    __uint128_t lower = (__uint128_t)n * power->low;
    uint64_t sum = (uint64_t)upper + (uint64_t)(lower >> 64);
    uint64_t high = (uint64_t)(upper >> 64) + (sum < (uint64_t)upper);
    uint64_t low = sum;
    uint64_t s = 1 - (high >> 63);
    high = (high << s) | ((low >> 63) & s);
    low = low << s;
    uint64_t round_bits = high & 0x7FF;
    if ((round_bits == 0x400 && low <= 4) || (round_bits == 0x3FF && low >= UINT64_MAX - 4)) return 0;
    uint64_t significand = (high >> 11) + (round_bits >= 0x400);
    int64_t biased_exponent = power->exponent_bias - z - (int64_t)s;
    if (significand == 1ULL << 53) {
        significand >>= 1;
        biased_exponent += 1;
    }
    if (!small && (biased_exponent < 1 || biased_exponent > 2046)) return 0;
    uint64_t bits = ((uint64_t)biased_exponent << 52) | (significand & ((1ULL << 52) - 1));
    memcpy(value, &bits, 8);
    return 1;
}

int numbercells_scaled(uint64_t w, long q, const NumberCellsPower *powers, double *value) {
    return scaled_checked(w, q, powers, value, 0);
}

/// `w · 10^q` with the sign bit `negative`, `w` possibly 0 (`small` as for `scaled_checked`).
INLINE int signed_value(uint64_t w, long q, uint64_t negative, const NumberCellsPower *powers, double *value,
                        int small) {
    double magnitude = 0.0;
    if (w != 0 && !scaled_checked(w, q, powers, &magnitude, small)) return 0;
    uint64_t bits;
    memcpy(&bits, &magnitude, 8);
    bits |= negative << 63;
    memcpy(value, &bits, 8);
    return 1;
}

/// The exponent of a cell ending in `e±dd` or `E±dd` (moving `*digits_end` to
/// the `e`), else 0 (`*digits_end` left at `end`). Reads the 4 bytes before `end`.
INLINE long two_digit_exponent(const uint8_t *end, const uint8_t **digits_end) {
    if ((end[-4] | 0x20) != 'e' || (end[-3] != '-' && end[-3] != '+') || (uint8_t)(end[-2] - '0') >= 10 ||
        (uint8_t)(end[-1] - '0') >= 10) return 0;
    long exponent = (end[-2] - '0') * 10 + (end[-1] - '0');
    *digits_end = end - 4;
    return end[-3] == '-' ? -exponent : exponent;
}

/// Chunk `k` (from the end) of the `f` digits from `fraction` to `fraction_end`,
/// as eight digits with '0' standing for the bytes before the fraction: whole,
/// the leading part (read from `fraction` on, shifted into place) or all '0'.
INLINE uint64_t fraction_chunk(const uint8_t *fraction, const uint8_t *fraction_end, long k, long f) {
    const uint64_t zeros = 0x3030303030303030ULL;
    long before = 8 * (k + 1) - f;
    if (before <= 0) return load64(fraction_end - 8 * (k + 1));
    if (before >= 8) return zeros;
    return (load64(fraction) << (8 * before)) | (zeros & low_bytes[before]);
}

/// The scalar cell parser: `[-]I.F[e±dd]` with 1 ≤ |I| ≤ 7 and 1 ≤ |F| ≤ 24.
/// The fraction's digits are read as three eight-byte chunks aligned on its
/// end, so `F` is one 24-digit integer. Reads nothing before `start`.
INLINE int cell_scalar(const uint8_t *start, const uint8_t *end, const NumberCellsPower *powers, double *value) {
    if (start == end) {
        *value = __builtin_nan("");
        return 1;
    }
    uint64_t negative = *start == '-';
    const uint8_t *s = start + negative;
    uint64_t head = load64(s);
    uint64_t dots = bytes_equal(head, '.');
    if (!dots) return 0;
    unsigned integer_digits = (unsigned)__builtin_ctzll(dots) >> 3;
    if (integer_digits == 0) return 0;
    const uint64_t zeros = 0x3030303030303030ULL;
    uint64_t integer_chunk = (head << (8 * (8 - integer_digits))) | (zeros & low_bytes[8 - integer_digits]);
    if (non_digits(integer_chunk)) return 0;
    uint64_t integer = eight_digits(integer_chunk);
    const uint8_t *fraction = s + integer_digits + 1;
    const uint8_t *fraction_end = end;
    long exponent = end - fraction >= 5 ? two_digit_exponent(end, &fraction_end) : 0;
    long f = fraction_end - fraction;
    if (f < 1 || f > 24) return 0;
    uint64_t c0 = fraction_chunk(fraction, fraction_end, 0, f);
    uint64_t c1 = fraction_chunk(fraction, fraction_end, 1, f);
    uint64_t c2 = fraction_chunk(fraction, fraction_end, 2, f);
    if (non_digits(c0) | non_digits(c1) | non_digits(c2)) return 0;
    uint64_t top = eight_digits(c2);
    if (top >= 1000) return 0; // the fraction's integer must stay below 10^19
    uint64_t w = top * 10000000000000000ULL + eight_digits(c1) * 100000000ULL + eight_digits(c0);
    if (integer != 0) {
        if (integer_digits + f > 19) return 0;
        w += integer * powers_of_ten[f];
    }
    return signed_value(w, exponent - f, negative, powers, value, 0);
}

int numbercells_cell_baseline(const uint8_t *text, const uint8_t *start, const uint8_t *end,
                              const NumberCellsPower *powers, double *value) {
    (void)text;
    return cell_scalar(start, end, powers, value);
}

/// `cell_scalar` as a call, for the AVX2 parser's rare declines (inlined
/// there, its loads were hoisted into the common path).
__attribute__((noinline)) static int cell_scalar_call(const uint8_t *start, const uint8_t *end,
                                                      const NumberCellsPower *powers, double *value) {
    return cell_scalar(start, end, powers, value);
}

size_t numbercells_row_baseline(const uint8_t *text, size_t cursor, size_t end, size_t width, size_t *column,
                                double *row, size_t stride, const NumberCellsPower *powers) {
    size_t k = *column;
    while (cursor < end && k < width) {
        size_t cell_end = cursor + 1;
        while (cell_end < end && text[cell_end] != ',') cell_end++;
        double value;
        if (!cell_scalar(text + cursor + 1, text + cell_end, powers, &value)) break;
        row[k * stride] = value;
        k++;
        cursor = cell_end;
    }
    *column = k;
    return cursor;
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,bmi,lzcnt")))

/// The AVX2 parser's first half: the integer `*w` and exponent `*q` of
/// `[-]I.F` in the cell's last 32 bytes, and its sign bit; 0 when the cell is
/// not that shape. The digits are gathered right-aligned into one 32-digit
/// vector (the fraction where it is, the integer part moved one byte right
/// over the point, '0' before), checked to be digits with the first 13 zero
/// (so `w < 10^19`, and `−30 ≤ q ≤ −1`), and converted two, four, then eight
/// digits at a time by multiply-adds.
AVX2 INLINE int digits_vector(const uint8_t *text, const uint8_t *start, const uint8_t *end, uint64_t *w, long *q,
                              uint64_t *negative) {
    long length = end - start;
    if (length == 0 || length > 32 || end - text < 33) return 0;
    __m256i last = _mm256_loadu_si256((const __m256i *)(end - 32));
    __m256i shifted = _mm256_loadu_si256((const __m256i *)(end - 33));
    uint32_t dots = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(last, _mm256_set1_epi8('.'))) &
                    (~0u << (32 - length));
    if (!dots) return 0;
    int point = 31 - __builtin_clz(dots);
    uint64_t minus = *start == '-';
    int first = (int)(32 - length) + (int)minus; // the integer part's first byte
    if (point <= first || point == 31) return 0;
    const __m256i index = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                           16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    __m256i in_fraction = _mm256_cmpgt_epi8(index, _mm256_set1_epi8((char)point));
    __m256i in_number = _mm256_cmpgt_epi8(index, _mm256_set1_epi8((char)first));
    __m256i digits = _mm256_blendv_epi8(_mm256_blendv_epi8(_mm256_set1_epi8('0'), shifted, in_number), last, in_fraction);
    digits = _mm256_sub_epi8(digits, _mm256_set1_epi8('0'));
    const __m256i nine = _mm256_set1_epi8(9);
    uint32_t are_digits = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(digits, nine), nine));
    uint32_t are_zero = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(digits, _mm256_setzero_si256()));
    if (are_digits != 0xFFFFFFFFu || (are_zero & 0x1FFF) != 0x1FFF) return 0;
    __m256i pairs = _mm256_maddubs_epi16(digits, _mm256_setr_epi8(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1,
                                                                  10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1));
    __m256i fours = _mm256_madd_epi16(pairs, _mm256_setr_epi16(100, 1, 100, 1, 100, 1, 100, 1,
                                                               100, 1, 100, 1, 100, 1, 100, 1));
    __m256i packed = _mm256_packus_epi32(fours, fours); // per 128-bit half: its four groups, twice
    __m256i eights = _mm256_madd_epi16(packed, _mm256_setr_epi16(10000, 1, 10000, 1, 10000, 1, 10000, 1,
                                                                 10000, 1, 10000, 1, 10000, 1, 10000, 1));
    // Digits 8–15, 16–23 and 24–31 (0–7 are zero).
    uint64_t high = (uint32_t)_mm256_extract_epi32(eights, 1);
    uint64_t middle = (uint32_t)_mm256_extract_epi32(eights, 4);
    uint64_t low = (uint32_t)_mm256_extract_epi32(eights, 5);
    *w = high * 10000000000000000ULL + middle * 100000000ULL + low;
    *q = point - 31;
    *negative = minus;
    return 1;
}

/// `digits_vector` of a cell with an optional two-digit exponent (read here,
/// added to `*q`): `w < 10^19`, `−130 ≤ q ≤ 98`.
AVX2 INLINE int parts_vector(const uint8_t *text, const uint8_t *start, const uint8_t *end, uint64_t *w, long *q,
                             uint64_t *negative) {
    const uint8_t *digits_end = end;
    long exponent = end - start >= 6 ? two_digit_exponent(end, &digits_end) : 0;
    if (!digits_vector(text, start, digits_end, w, q, negative)) return 0;
    *q += exponent;
    return 1;
}

/// The AVX2 cell parser: `parts_vector`, then the rounding; any other cell
/// goes to the scalar form.
AVX2 INLINE int cell_vector(const uint8_t *text, const uint8_t *start, const uint8_t *end,
                            const NumberCellsPower *powers, double *value) {
    uint64_t w, negative;
    long q;
    if (!parts_vector(text, start, end, &w, &q, &negative)) return cell_scalar_call(start, end, powers, value);
    return signed_value(w, q, negative, powers, value, 1);
}

/// The commas among the 64 bytes from `p`, one bit per byte.
AVX2 INLINE uint64_t commas(const uint8_t *p) {
    const __m256i comma = _mm256_set1_epi8(',');
    uint32_t low = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)p), comma));
    uint32_t high = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + 32)), comma));
    return (uint64_t)high << 32 | low;
}

/// Cells per batch of the AVX2 row loop.
#define BATCH 16

/// The AVX2 row loop, in batches of `BATCH` cells: first each cell's end
/// (its commas found 64 bytes at a time: `block` is the start of the bytes
/// `pending` covers, the commas not yet passed) and digits, then the
/// batch's roundings and stores. Split so, one cell's digits overlap other
/// cells' roundings (a cell alone is a chain of dependent steps, and the loop
/// waited on it). Empty cells are NaN here; the scalar form answers the other
/// cells `parts_vector` does not. The first cell neither answers ends the row
/// there, and so does a rounding that declines.
AVX2 static size_t row_vector(const uint8_t *text, size_t cursor, size_t end, size_t width, size_t *column,
                              double *row, size_t stride, const NumberCellsPower *powers) {
    size_t k = *column;
    size_t block = cursor + 1;
    uint64_t pending = block < end ? commas(text + block) : 0;
    uint64_t ws[BATCH], signs[BATCH];
    long qs[BATCH];
    double values[BATCH];
    int rounded[BATCH];
    size_t ends[BATCH];
    for (;;) {
        size_t n = 0, at = cursor;
        int declined = 0;
        while (n < BATCH && at < end && k + n < width) {
            size_t cell_end;
            for (;;) {
                if (pending) {
                    cell_end = block + (size_t)__builtin_ctzll(pending);
                    break;
                }
                block += 64;
                if (block >= end) {
                    cell_end = end;
                    break;
                }
                pending = commas(text + block);
            }
            if (cell_end > end) cell_end = end;
            const uint8_t *start = text + at + 1, *stop = text + cell_end;
            if (start == stop) {
                values[n] = __builtin_nan("");
                rounded[n] = 1;
            } else if (parts_vector(text, start, stop, &ws[n], &qs[n], &signs[n])) {
                rounded[n] = 0;
            } else if (cell_scalar_call(start, stop, powers, &values[n])) {
                rounded[n] = 1;
            } else {
                declined = 1;
                break;
            }
            ends[n++] = cell_end;
            at = cell_end;
            pending &= pending - 1;
        }
        size_t stored = 0;
        for (; stored < n; stored++) {
            double value = values[stored];
            if (!rounded[stored] && !signed_value(ws[stored], qs[stored], signs[stored], powers, &value, 1)) break;
            row[(k + stored) * stride] = value;
        }
        if (stored > 0) cursor = ends[stored - 1];
        k += stored;
        if (declined || stored < n || n < BATCH) break;
    }
    *column = k;
    return cursor;
}

AVX2 static int cell_vector_call(const uint8_t *text, const uint8_t *start, const uint8_t *end,
                                  const NumberCellsPower *powers, double *value) {
    return cell_vector(text, start, end, powers, value);
}

static int has_avx2(void) {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("lzcnt");
}

int numbercells_cell_vector(const uint8_t *text, const uint8_t *start, const uint8_t *end,
                            const NumberCellsPower *powers, double *value) {
    if (has_avx2()) return cell_vector_call(text, start, end, powers, value);
    return cell_scalar(start, end, powers, value);
}

size_t numbercells_row(const uint8_t *text, size_t cursor, size_t end, size_t width, size_t *column,
                       double *row, size_t stride, const NumberCellsPower *powers) {
    if (has_avx2()) return row_vector(text, cursor, end, width, column, row, stride, powers);
    return numbercells_row_baseline(text, cursor, end, width, column, row, stride, powers);
}
#else
int numbercells_cell_vector(const uint8_t *text, const uint8_t *start, const uint8_t *end,
                            const NumberCellsPower *powers, double *value) {
    (void)text;
    return cell_scalar(start, end, powers, value);
}

size_t numbercells_row(const uint8_t *text, size_t cursor, size_t end, size_t width, size_t *column,
                       double *row, size_t stride, const NumberCellsPower *powers) {
    return numbercells_row_baseline(text, cursor, end, width, column, row, stride, powers);
}
#endif
