#include "CPairSums.h"

#include <math.h>
#include <string.h>

// Each `a * b + c` stays a multiplication and an addition, rounded separately.
#pragma clang fp contract(off)

// Each kernel's body is an always-inlined function, instantiated twice below:
// in a function compiled for AVX2 and in one for the baseline target.
#define BODY static inline __attribute__((always_inline))

typedef double vec __attribute__((vector_size(32), aligned(8)));
typedef long long mask __attribute__((vector_size(32), aligned(8)));

#define LANES 4
#define LOAD(p, j) (*(const vec *)((p) + (j)))
#define STORE(v, p, j) (*(vec *)((p) + (j)) = (v))
#define SPLAT(x) ((vec){(x), (x), (x), (x)})
/// `m ? a : b` lane by lane (`m` all ones or all zeros per lane).
#define SELECT(m, a, b) ((vec)(((mask)(a) & (m)) | ((mask)(b) & ~(m))))

BODY void add_row(long from, long to, PairSumLine s, const double *x, const double *m, double xi, double mi) {
    const double xi2 = xi * xi;
    const vec vxi = SPLAT(xi), vmi = SPLAT(mi), vxi2 = SPLAT(xi2);
    long j = from;
    for (; j + LANES <= to; j += LANES) {
        const vec mj = LOAD(m, j), xj = LOAD(x, j);
        STORE(LOAD(s.n, j) + vmi * mj, s.n, j);
        STORE(LOAD(s.sx, j) + vxi * mj, s.sx, j);
        STORE(LOAD(s.qx, j) + vxi2 * mj, s.qx, j);
        STORE(LOAD(s.sy, j) + vmi * xj, s.sy, j);
        STORE(LOAD(s.qy, j) + vmi * (xj * xj), s.qy, j);
        STORE(LOAD(s.cross, j) + vxi * xj, s.cross, j);
    }
    for (; j < to; j++) {
        s.n[j] += mi * m[j];
        s.sx[j] += xi * m[j];
        s.qx[j] += xi2 * m[j];
        s.sy[j] += mi * x[j];
        s.qy[j] += mi * (x[j] * x[j]);
        s.cross[j] += xi * x[j];
    }
}

BODY void add_two_rows(long from, long to, PairSumLine s, const double *x0, const double *m0, double xi0, double mi0,
                       const double *x1, const double *m1, double xi1, double mi1) {
    const double xa2 = xi0 * xi0, xb2 = xi1 * xi1;
    const vec vxa = SPLAT(xi0), vma = SPLAT(mi0), vxa2 = SPLAT(xa2);
    const vec vxb = SPLAT(xi1), vmb = SPLAT(mi1), vxb2 = SPLAT(xb2);
    long j = from;
    for (; j + LANES <= to; j += LANES) {
        const vec ma = LOAD(m0, j), xa = LOAD(x0, j), mb = LOAD(m1, j), xb = LOAD(x1, j);
        STORE((LOAD(s.n, j) + vma * ma) + vmb * mb, s.n, j);
        STORE((LOAD(s.sx, j) + vxa * ma) + vxb * mb, s.sx, j);
        STORE((LOAD(s.qx, j) + vxa2 * ma) + vxb2 * mb, s.qx, j);
        STORE((LOAD(s.sy, j) + vma * xa) + vmb * xb, s.sy, j);
        STORE((LOAD(s.qy, j) + vma * (xa * xa)) + vmb * (xb * xb), s.qy, j);
        STORE((LOAD(s.cross, j) + vxa * xa) + vxb * xb, s.cross, j);
    }
    for (; j < to; j++) {
        s.n[j] = (s.n[j] + mi0 * m0[j]) + mi1 * m1[j];
        s.sx[j] = (s.sx[j] + xi0 * m0[j]) + xi1 * m1[j];
        s.qx[j] = (s.qx[j] + xa2 * m0[j]) + xb2 * m1[j];
        s.sy[j] = (s.sy[j] + mi0 * x0[j]) + mi1 * x1[j];
        s.qy[j] = (s.qy[j] + mi0 * (x0[j] * x0[j])) + mi1 * (x1[j] * x1[j]);
        s.cross[j] = (s.cross[j] + xi0 * x0[j]) + xi1 * x1[j];
    }
}

BODY void roll_row(long from, long to, PairSumLine s, const double *x, const double *m,
                       const double *bx, const double *bm, double xi, double mi, double bi, double ni) {
    const double xi2 = xi * xi, bi2 = bi * bi;
    const vec vxi = SPLAT(xi), vmi = SPLAT(mi), vxi2 = SPLAT(xi2);
    const vec vbi = SPLAT(bi), vni = SPLAT(ni), vbi2 = SPLAT(bi2);
    long j = from;
    for (; j + LANES <= to; j += LANES) {
        const vec mj = LOAD(m, j), xj = LOAD(x, j), bmj = LOAD(bm, j), bxj = LOAD(bx, j);
        STORE((LOAD(s.n, j) + vmi * mj) - vni * bmj, s.n, j);
        STORE((LOAD(s.sx, j) + vxi * mj) - vbi * bmj, s.sx, j);
        STORE((LOAD(s.qx, j) + vxi2 * mj) - vbi2 * bmj, s.qx, j);
        STORE((LOAD(s.sy, j) + vmi * xj) - vni * bxj, s.sy, j);
        STORE((LOAD(s.qy, j) + vmi * (xj * xj)) - vni * (bxj * bxj), s.qy, j);
        STORE((LOAD(s.cross, j) + vxi * xj) - vbi * bxj, s.cross, j);
    }
    for (; j < to; j++) {
        s.n[j] = (s.n[j] + mi * m[j]) - ni * bm[j];
        s.sx[j] = (s.sx[j] + xi * m[j]) - bi * bm[j];
        s.qx[j] = (s.qx[j] + xi2 * m[j]) - bi2 * bm[j];
        s.sy[j] = (s.sy[j] + mi * x[j]) - ni * bx[j];
        s.qy[j] = (s.qy[j] + mi * (x[j] * x[j])) - ni * (bx[j] * bx[j]);
        s.cross[j] = (s.cross[j] + xi * x[j]) - bi * bx[j];
    }
}

/// Adds the two terms `t` at consecutive columns with kept flags `k0`, `k1`
/// to the accumulators `(even, odd)`: a kept column's term goes to the
/// accumulator of its position's parity, `*odd` the parity of the next kept
/// position; a column not kept has term 0, which changes neither.
#define ACCUMULATE(acc, t, k0, k1, odd) do {                                   \
        const int swap_ = (k0) ? *(odd) : !*(odd);                            \
        (acc) += swap_ ? (pair){(t)[1], (t)[0]} : (t);                        \
        *(odd) ^= (k0) ^ (k1);                                                \
    } while (0)

typedef double pair __attribute__((vector_size(16), aligned(8)));

BODY long terms_of_row(long from, long to, PairSumLine s, const double *kept, const double *q,
                       const double *scale, PairTermLimits line, const double *reciprocals,
                       double *sums, long *parity, double *fallback, long *fallbacks) {
    const vec zero = SPLAT(0.0), one = SPLAT(1.0), minusOne = SPLAT(-1.0), two = SPLAT(2.0);
    const vec limitQi = SPLAT(line.conditioning * line.q), limit = SPLAT(line.conditioning);
    const vec scaleI = SPLAT(line.scale), rollLimit = SPLAT(line.roll);
    const mask magnitude = {0x7fffffffffffffffLL, 0x7fffffffffffffffLL, 0x7fffffffffffffffLL, 0x7fffffffffffffffLL};
    mask defined = {0, 0, 0, 0}, twoPassCount = {0, 0, 0, 0};
    pair acc = {sums[0], sums[1]};
    int odd = (int)*parity;
    long j = from;
    for (; j + LANES <= to; j += LANES) {
        const vec pairs = LOAD(s.n, j), x = LOAD(s.sx, j), y = LOAD(s.sy, j);
        const vec h = {reciprocals[(long)pairs[0]], reciprocals[(long)pairs[1]],
                       reciprocals[(long)pairs[2]], reciprocals[(long)pairs[3]]};
        const vec vx = LOAD(s.qx, j) - x * x * h;
        const vec vy = LOAD(s.qy, j) - y * y * h;
        const vec cov = LOAD(s.cross, j) - x * y * h;
        const vec keptj = LOAD(kept, j);
        const mask counted = (keptj == one) & (pairs >= two);
        const mask conditioned = (vx > limitQi) & (vy > limit * LOAD(q, j))
            & (scaleI <= rollLimit * vx) & (LOAD(scale, j) <= rollLimit * vy);
        const vec r = cov / __builtin_elementwise_sqrt((vec)((mask)(vx * vy) & magnitude));
        const mask ok = counted & conditioned & (r == r);
        vec clipped = SELECT(r < minusOne, minusOne, r);
        clipped = SELECT(clipped >= one, one, clipped);
        const vec term = SELECT(ok, clipped, zero);
        const pair low = {term[0], term[1]}, high = {term[2], term[3]};
        const int k0 = keptj[0] == 1, k1 = keptj[1] == 1, k2 = keptj[2] == 1, k3 = keptj[3] == 1;
        ACCUMULATE(acc, low, k0, k1, &odd);
        ACCUMULATE(acc, high, k2, k3, &odd);
        defined -= ok;
        const mask twoPass = counted & ~conditioned;
        STORE(SELECT(twoPass, one, zero), fallback, j);
        twoPassCount -= twoPass;
    }
    long definedCount = (long)(defined[0] + defined[1] + defined[2] + defined[3]);
    long fallbackCount = (long)(twoPassCount[0] + twoPassCount[1] + twoPassCount[2] + twoPassCount[3]);
    double even = acc[0], oddSum = acc[1];
    for (; j < to; j++) {
        const double pairs = s.n[j], x = s.sx[j], y = s.sy[j];
        const double h = reciprocals[(long)pairs];
        const double vx = s.qx[j] - x * x * h;
        const double vy = s.qy[j] - y * y * h;
        const double cov = s.cross[j] - x * y * h;
        const int isKept = kept[j] == 1;
        const int counted = isKept && pairs >= 2;
        const int conditioned = vx > line.conditioning * line.q && vy > line.conditioning * q[j]
            && line.scale <= line.roll * vx && scale[j] <= line.roll * vy;
        const double r = cov / sqrt(fabs(vx * vy));
        const int ok = counted && conditioned && r == r;
        const double term = ok ? (r < -1 ? -1 : (r >= 1 ? 1 : r)) : 0;
        if (isKept) {
            if (odd) oddSum += term; else even += term;
            odd ^= 1;
        }
        definedCount += ok;
        fallback[j] = counted && !conditioned ? 1 : 0;
        fallbackCount += counted && !conditioned;
    }
    sums[0] = even;
    sums[1] = oddSum;
    *parity = odd;
    *fallbacks = fallbackCount;
    return definedCount;
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2")))
static int has_avx2(void) { return __builtin_cpu_supports("avx2"); }
#else
#define AVX2
static int has_avx2(void) { return 0; }
#endif

AVX2 static void add_row_avx2(long from, long to, PairSumLine s, const double *x, const double *m, double xi,
                              double mi) {
    add_row(from, to, s, x, m, xi, mi);
}

void pairsums_add_row_baseline(long from, long to, PairSumLine s, const double *x, const double *m, double xi,
                               double mi) {
    add_row(from, to, s, x, m, xi, mi);
}

void pairsums_add_row(long from, long to, PairSumLine s, const double *x, const double *m, double xi, double mi) {
    if (has_avx2()) {
        add_row_avx2(from, to, s, x, m, xi, mi);
    } else {
        add_row(from, to, s, x, m, xi, mi);
    }
}

AVX2 static void add_two_rows_avx2(long from, long to, PairSumLine s, const double *x0, const double *m0, double xi0,
                                   double mi0, const double *x1, const double *m1, double xi1, double mi1) {
    add_two_rows(from, to, s, x0, m0, xi0, mi0, x1, m1, xi1, mi1);
}

void pairsums_add_two_rows_baseline(long from, long to, PairSumLine s, const double *x0, const double *m0, double xi0,
                                    double mi0, const double *x1, const double *m1, double xi1, double mi1) {
    add_two_rows(from, to, s, x0, m0, xi0, mi0, x1, m1, xi1, mi1);
}

void pairsums_add_two_rows(long from, long to, PairSumLine s, const double *x0, const double *m0, double xi0,
                           double mi0, const double *x1, const double *m1, double xi1, double mi1) {
    if (has_avx2()) {
        add_two_rows_avx2(from, to, s, x0, m0, xi0, mi0, x1, m1, xi1, mi1);
    } else {
        add_two_rows(from, to, s, x0, m0, xi0, mi0, x1, m1, xi1, mi1);
    }
}

AVX2 static void roll_row_avx2(long from, long to, PairSumLine s, const double *x, const double *m,
                               const double *bx, const double *bm, double xi, double mi, double bi, double ni) {
    roll_row(from, to, s, x, m, bx, bm, xi, mi, bi, ni);
}

void pairsums_roll_row_baseline(long from, long to, PairSumLine s, const double *x, const double *m,
                                const double *bx, const double *bm, double xi, double mi, double bi, double ni) {
    roll_row(from, to, s, x, m, bx, bm, xi, mi, bi, ni);
}

void pairsums_roll_row(long from, long to, PairSumLine s, const double *x, const double *m,
                       const double *bx, const double *bm, double xi, double mi, double bi, double ni) {
    if (has_avx2()) {
        roll_row_avx2(from, to, s, x, m, bx, bm, xi, mi, bi, ni);
    } else {
        roll_row(from, to, s, x, m, bx, bm, xi, mi, bi, ni);
    }
}

AVX2 static long terms_avx2(long from, long to, PairSumLine s, const double *kept, const double *q,
                            const double *scale, PairTermLimits line, const double *reciprocals,
                            double *sums, long *parity, double *fallback, long *fallbacks) {
    return terms_of_row(from, to, s, kept, q, scale, line, reciprocals, sums, parity, fallback, fallbacks);
}

long pairsums_terms_baseline(long from, long to, PairSumLine s, const double *kept, const double *q,
                             const double *scale, PairTermLimits line, const double *reciprocals,
                             double *sums, long *parity, double *fallback, long *fallbacks) {
    return terms_of_row(from, to, s, kept, q, scale, line, reciprocals, sums, parity, fallback, fallbacks);
}

long pairsums_terms(long from, long to, PairSumLine s, const double *kept, const double *q,
                    const double *scale, PairTermLimits line, const double *reciprocals,
                    double *sums, long *parity, double *fallback, long *fallbacks) {
    if (has_avx2()) {
        return terms_avx2(from, to, s, kept, q, scale, line, reciprocals, sums, parity, fallback, fallbacks);
    }
    return terms_of_row(from, to, s, kept, q, scale, line, reciprocals, sums, parity, fallback, fallbacks);
}

int pairsums_uses_avx2(void) { return has_avx2(); }
