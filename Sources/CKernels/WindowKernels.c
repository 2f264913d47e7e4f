#include "WindowKernels.h"

#include "Vectors.h"

BODY void window_sums(const double *x, long n, double *out) {
    vec s0 = SPLAT(0.0), s1 = SPLAT(0.0), s2 = SPLAT(0.0), s3 = SPLAT(0.0);
    long t = 0;
    for (; t + 4 <= n; t += 4) {
        s0 += LOAD(x, t);
        s1 += LOAD(x, t + 1);
        s2 += LOAD(x, t + 2);
        s3 += LOAD(x, t + 3);
    }
    for (; t < n; t++) s0 += LOAD(x, t);
    STORE((s0 + s1) + (s2 + s3), out, 0);
}

BODY void window_squared_deviations(const double *x, long n, const double *mean, double *out) {
    const vec m = LOAD(mean, 0);
    vec s0 = SPLAT(0.0), s1 = SPLAT(0.0), s2 = SPLAT(0.0), s3 = SPLAT(0.0);
    long t = 0;
    for (; t + 4 <= n; t += 4) {
        const vec d0 = LOAD(x, t) - m, d1 = LOAD(x, t + 1) - m, d2 = LOAD(x, t + 2) - m, d3 = LOAD(x, t + 3) - m;
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
    }
    for (; t < n; t++) {
        const vec d = LOAD(x, t) - m;
        s0 += d * d;
    }
    STORE((s0 + s1) + (s2 + s3), out, 0);
}

BODY int window_statistics(const double *x, long n, double minimum, double *sums, double *means, double *norms,
                           double *scales, double *kept) {
    window_sums(x, n, sums);
    const vec s = LOAD(sums, 0);
    const mask present = s == s;
    if (!(present[0] && present[1] && present[2] && present[3])) return 0;
    const vec one = SPLAT(1.0), zero = SPLAT(0.0);
    STORE(s / SPLAT((double)n), means, 0);
    double deviations[LANES];
    window_squared_deviations(x, n, means, deviations);
    const vec ss = LOAD(deviations, 0);
    const vec norm = __builtin_elementwise_sqrt(ss);
    STORE(norm, norms, 0);
    STORE(one / norm, scales, 0);
    const mask isKept = __builtin_elementwise_sqrt(ss / SPLAT((double)(n - 1))) > SPLAT(minimum);
    STORE(SELECT(isKept, one, zero), kept, 0);
    return 1;
}

BODY void window_gapped(const double *x, long n, double *counts, double *sums, double *squares,
                        double *deviations) {
    const vec zero = SPLAT(0.0), one = SPLAT(1.0);
    vec c = zero, s = zero, q = zero;
    for (long t = 0; t < n; t++) {
        const vec v = LOAD(x, t);
        const mask present = v == v;
        c += SELECT(present, one, zero);
        const vec value = SELECT(present, v, zero);
        s += value;
        q += value * value;
    }
    const vec mean = s / c;
    vec ss = zero;
    for (long t = 0; t < n; t++) {
        const vec v = LOAD(x, t);
        const vec d = SELECT(v == v, v - mean, zero);
        ss += d * d;
    }
    STORE(c, counts, 0);
    STORE(s, sums, 0);
    STORE(q, squares, 0);
    STORE(ss, deviations, 0);
}

BODY void window_accumulate_standardised(const double *x, long n, const double *mean, const double *scale,
                                         const double *active, double *acc, double *out) {
    const vec m = LOAD(mean, 0), c = LOAD(scale, 0), zero = SPLAT(0.0);
    const mask on = LOAD(active, 0) == SPLAT(1.0);
    vec even = zero, odd = zero;
    long t = 0;
    for (; t + 2 <= n; t += 2) {
        const vec z0 = SELECT(on, (LOAD(x, t) - m) * c, zero);
        const vec z1 = SELECT(on, (LOAD(x, t + 1) - m) * c, zero);
        STORE(LOAD(acc, 4 * t) + z0, acc, 4 * t);
        STORE(LOAD(acc, 4 * t + 4) + z1, acc, 4 * t + 4);
        even += z0 * z0;
        odd += z1 * z1;
    }
    for (; t < n; t++) {
        const vec z = SELECT(on, (LOAD(x, t) - m) * c, zero);
        STORE(LOAD(acc, 4 * t) + z, acc, 4 * t);
        even += z * z;
    }
    STORE(even + odd, out, 0);
}

BODY void interleaved_sums_of_squares(const double *acc, long n, double *out) {
    vec s0 = SPLAT(0.0), s1 = SPLAT(0.0), s2 = SPLAT(0.0), s3 = SPLAT(0.0);
    long t = 0;
    for (; t + 4 <= n; t += 4) {
        const vec u0 = LOAD(acc, 4 * t), u1 = LOAD(acc, 4 * t + 4), u2 = LOAD(acc, 4 * t + 8), u3 = LOAD(acc, 4 * t + 12);
        s0 += u0 * u0;
        s1 += u1 * u1;
        s2 += u2 * u2;
        s3 += u3 * u3;
    }
    for (; t < n; t++) {
        const vec u = LOAD(acc, 4 * t);
        s0 += u * u;
    }
    STORE((s0 + s1) + (s2 + s3), out, 0);
}

VOID_ENTRY_POINTS(kernels_, window_sums, (const double *x, long n, double *out), (x, n, out))

VOID_ENTRY_POINTS(kernels_, window_squared_deviations, (const double *x, long n, const double *mean, double *out),
             (x, n, mean, out))

VOID_ENTRY_POINTS(kernels_, window_gapped,
             (const double *x, long n, double *counts, double *sums, double *squares, double *deviations),
             (x, n, counts, sums, squares, deviations))

VOID_ENTRY_POINTS(kernels_, window_accumulate_standardised,
             (const double *x, long n, const double *mean, const double *scale, const double *active, double *acc,
              double *out),
             (x, n, mean, scale, active, acc, out))

VOID_ENTRY_POINTS(kernels_, interleaved_sums_of_squares, (const double *acc, long n, double *out), (acc, n, out))

ENTRY_POINTS(kernels_, int, window_statistics,
             (const double *x, long n, double minimum, double *sums, double *means, double *norms, double *scales,
              double *kept),
             (x, n, minimum, sums, means, norms, scales, kept))

void kernels_prefetch(const double *x, long n) {
    for (long i = 0; i < n; i += 8) __builtin_prefetch(x + i, 0, 3);
    if (n > 0) __builtin_prefetch(x + n - 1, 0, 3);
}
