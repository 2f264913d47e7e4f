#include "PairSumKernels.h"

#include "Vectors.h"

// The helpers below take and return vectors by value. They are all always
// inlined (BODY), so no call passes a vector across an ABI boundary, and the
// baseline build's warning that such a call would differ from the AVX
// build's does not apply.
#pragma clang diagnostic ignored "-Wpsabi"

/// Rebuild steps of columns `j … j+3` for `count` rows in order (row `r`
/// at `x + r·stride`, `m + r·stride`; the line's values splatted in
/// `vxi[r]`, `vmi[r]`, `vxi2[r]`): each sum `s = (…(s + term₀) + …) + term_{count−1}`,
/// the sums loaded and stored once. A lane not `fresh` keeps its sums.
BODY void add_rows_vector(PairSumLine s, long j, const double *x, const double *m, long stride, int count,
                          const vec *vxi, const vec *vmi, const vec *vxi2, mask fresh) {
    vec n = LOAD(s.n, j), sx = LOAD(s.sx, j), qx = LOAD(s.qx, j);
    vec sy = LOAD(s.sy, j), qy = LOAD(s.qy, j), cross = LOAD(s.cross, j);
    for (int r = 0; r < count; r++) {
        const vec mj = LOAD(m + r * stride, j), xj = LOAD(x + r * stride, j);
        n = n + vmi[r] * mj;
        sx = sx + vxi[r] * mj;
        qx = qx + vxi2[r] * mj;
        sy = sy + vmi[r] * xj;
        qy = qy + vmi[r] * (xj * xj);
        cross = cross + vxi[r] * xj;
    }
    STORE_FRESH(n, s.n, j, fresh);
    STORE_FRESH(sx, s.sx, j, fresh);
    STORE_FRESH(qx, s.qx, j, fresh);
    STORE_FRESH(sy, s.sy, j, fresh);
    STORE_FRESH(qy, s.qy, j, fresh);
    STORE_FRESH(cross, s.cross, j, fresh);
}

/// `count` (1 … 4) rows' rebuild steps over columns `from ≤ j < to` of one
/// line, the line's values in the rows `xi[r]`, `mi[r]` (see `add_rows_vector`).
BODY void add_rows(long from, long to, PairSumLine s, const double *x, const double *m, long stride, int count,
                   const double *xi, const double *mi) {
    vec vxi[4], vmi[4], vxi2[4];
    for (int r = 0; r < count; r++) {
        vxi[r] = SPLAT(xi[r]);
        vmi[r] = SPLAT(mi[r]);
        vxi2[r] = SPLAT(xi[r] * xi[r]);
    }
    long j = from;
    for (; j + LANES <= to; j += LANES) add_rows_vector(s, j, x, m, stride, count, vxi, vmi, vxi2, ALL_LANES);
    if (j < to && to - from >= LANES) {
        add_rows_vector(s, to - LANES, x, m, stride, count, vxi, vmi, vxi2, lanes_from(to - LANES, j));
        j = to;
    }
    for (; j < to; j++) {
        for (int r = 0; r < count; r++) {
            const double mj = m[r * stride + j], xj = x[r * stride + j];
            s.n[j] += mi[r] * mj;
            s.sx[j] += xi[r] * mj;
            s.qx[j] += (xi[r] * xi[r]) * mj;
            s.sy[j] += mi[r] * xj;
            s.qy[j] += mi[r] * (xj * xj);
            s.cross[j] += xi[r] * xj;
        }
    }
}

BODY void add_row(long from, long to, PairSumLine s, const double *x, const double *m, double xi, double mi) {
    add_rows(from, to, s, x, m, 0, 1, &xi, &mi);
}

/// The six sums of four pairs (one vector each).
typedef struct {
    vec n, sx, qx, sy, qy, cross;
} SumVectors;

/// A row added to and a row removed from a line: the rows by column, the line's own values.
typedef struct {
    const double *x, *m, *bx, *bm;
    double xi, mi, bi, ni;
} RollRows;

/// Roll step of columns `j … j+3`: `s = (s + added term) − removed term`,
/// returned in `*out` and stored in the `fresh` lanes (the others keep their sums).
BODY void roll_vector(PairSumLine s, long j, const RollRows *rows, SumVectors *out, mask fresh) {
    const vec vxi = SPLAT(rows->xi), vmi = SPLAT(rows->mi), vxi2 = SPLAT(rows->xi * rows->xi);
    const vec vbi = SPLAT(rows->bi), vni = SPLAT(rows->ni), vbi2 = SPLAT(rows->bi * rows->bi);
    const vec mj = LOAD(rows->m, j), xj = LOAD(rows->x, j), bmj = LOAD(rows->bm, j), bxj = LOAD(rows->bx, j);
    out->n = (LOAD(s.n, j) + vmi * mj) - vni * bmj;
    out->sx = (LOAD(s.sx, j) + vxi * mj) - vbi * bmj;
    out->qx = (LOAD(s.qx, j) + vxi2 * mj) - vbi2 * bmj;
    out->sy = (LOAD(s.sy, j) + vmi * xj) - vni * bxj;
    out->qy = (LOAD(s.qy, j) + vmi * (xj * xj)) - vni * (bxj * bxj);
    out->cross = (LOAD(s.cross, j) + vxi * xj) - vbi * bxj;
    STORE_FRESH(out->n, s.n, j, fresh);
    STORE_FRESH(out->sx, s.sx, j, fresh);
    STORE_FRESH(out->qx, s.qx, j, fresh);
    STORE_FRESH(out->sy, s.sy, j, fresh);
    STORE_FRESH(out->qy, s.qy, j, fresh);
    STORE_FRESH(out->cross, s.cross, j, fresh);
}

/// Roll step of column `j` alone.
BODY void roll_column(PairSumLine s, long j, const RollRows *rows) {
    const double xi = rows->xi, mi = rows->mi, bi = rows->bi, ni = rows->ni;
    const double xi2 = xi * xi, bi2 = bi * bi;
    const double *x = rows->x, *m = rows->m, *bx = rows->bx, *bm = rows->bm;
    s.n[j] = (s.n[j] + mi * m[j]) - ni * bm[j];
    s.sx[j] = (s.sx[j] + xi * m[j]) - bi * bm[j];
    s.qx[j] = (s.qx[j] + xi2 * m[j]) - bi2 * bm[j];
    s.sy[j] = (s.sy[j] + mi * x[j]) - ni * bx[j];
    s.qy[j] = (s.qy[j] + mi * (x[j] * x[j])) - ni * (bx[j] * bx[j]);
    s.cross[j] = (s.cross[j] + xi * x[j]) - bi * bx[j];
}

BODY void roll_row(long from, long to, PairSumLine s, const double *x, const double *m,
                   const double *bx, const double *bm, double xi, double mi, double bi, double ni) {
    const RollRows rows = {x, m, bx, bm, xi, mi, bi, ni};
    SumVectors rolled;
    long j = from;
    for (; j + LANES <= to; j += LANES) roll_vector(s, j, &rows, &rolled, ALL_LANES);
    if (j < to && to - from >= LANES) {
        roll_vector(s, to - LANES, &rows, &rolled, lanes_from(to - LANES, j));
        j = to;
    }
    for (; j < to; j++) roll_column(s, j, &rows);
}

typedef double pair __attribute__((vector_size(16), aligned(8)));

/// One line's terms at one row in progress: its constants, the two
/// accumulators, the parity of the next kept position, the defined count and
/// the fallbacks' columns so far.
typedef struct {
    PairTermLimits line;
    vec limitQi, limit, scaleI, rollLimit;
    mask defined;
    pair acc;
    int odd;
    long definedCount, fallbackCount;
    long *fallbackColumns;
    const double *kept, *q, *scale;
} Terms;

BODY void terms_begin(Terms *t, PairTermLimits line, const double *kept, const double *q, const double *scale,
                      const double *sums, long parity, long *fallbackColumns) {
    t->line = line;
    t->limitQi = SPLAT(line.conditioning * line.q);
    t->limit = SPLAT(line.conditioning);
    t->scaleI = SPLAT(line.scale);
    t->rollLimit = SPLAT(line.roll);
    t->defined = (mask){0, 0, 0, 0};
    t->acc = (pair){sums[0], sums[1]};
    t->odd = (int)parity;
    t->definedCount = 0;
    t->fallbackCount = 0;
    t->kept = kept;
    t->q = q;
    t->scale = scale;
    t->fallbackColumns = fallbackColumns;
}

/// Adds the two terms `v` of consecutive columns with kept flags `k0`, `k1`
/// to the accumulators `(even, odd)`: a kept column's term goes to the
/// accumulator of its position's parity (`odd`: the next kept position's);
/// a column not kept has term 0, which changes neither.
BODY void accumulate_two(Terms *t, pair v, int k0, int k1) {
    const int swap = k0 ? t->odd : !t->odd;
    t->acc += swap ? (pair){v[1], v[0]} : v;
    t->odd ^= k0 ^ k1;
}

/// The terms of columns `j … j+3` (formula in `pairsums_terms`) in two
/// halves, `terms_prepare` then `terms_finish`: what the first leaves for
/// the second.
typedef struct {
    vec cov, root, keptj;
    mask usable;
} PendingTerms;

/// The first half of the terms of columns `j … j+3` from their sums: `cov`,
/// `√(varₓ·var_y)`, the kept flags and whether the pairs are counted and
/// well conditioned; lists the fallbacks. A lane not `fresh` is taken as a
/// column not kept.
BODY PendingTerms terms_prepare(Terms *t, long j, const SumVectors *v, mask fresh) {
    const vec zero = SPLAT(0.0), one = SPLAT(1.0), two = SPLAT(2.0);
    const vec pairs = v->n, x = v->sx, y = v->sy;
    const vec h = one / pairs;
    const vec vx = v->qx - x * x * h;
    const vec vy = v->qy - y * y * h;
    const vec cov = v->cross - x * y * h;
    const vec keptj = SELECT(fresh, t->kept ? LOAD(t->kept, j) : one, zero);
    const mask counted = (keptj == one) & (pairs >= two);
    const mask conditioned = (vx > t->limitQi) & (vy > t->limit * LOAD(t->q, j))
        & (t->scaleI <= t->rollLimit * vx) & (LOAD(t->scale, j) <= t->rollLimit * vy);
    const mask twoPass = counted & ~conditioned;
    if (__builtin_expect((twoPass[0] | twoPass[1] | twoPass[2] | twoPass[3]) != 0, 0)) {
        for (int l = 0; l < LANES; l++) {
            if (twoPass[l]) t->fallbackColumns[t->fallbackCount++] = j + l;
        }
    }
    const PendingTerms pending = {cov, __builtin_elementwise_sqrt(vx * vy), keptj, counted & conditioned};
    return pending;
}

/// The second half: `r = cov / √(varₓ·var_y)`, its clipped term, the
/// accumulation. `whole`: the four lanes were all fresh (with every column
/// kept, their positions then simply alternate).
BODY void terms_finish(Terms *t, const PendingTerms *p, int whole) {
    const vec zero = SPLAT(0.0), one = SPLAT(1.0), minusOne = SPLAT(-1.0);
    const vec r = p->cov / p->root;
    const mask ok = p->usable & (r == r);
    // max/min with a constant: single `maxpd`/`minpd`, the bits of
    // `r < −1 ? −1 : (r ≥ 1 ? 1 : r)` wherever `r` is a number (`ok`).
    const vec term = SELECT(ok, __builtin_elementwise_min(__builtin_elementwise_max(r, minusOne), one), zero);
    if (!t->kept && whole) {
        // Constant flags: no lane's flag is extracted, and the parity is left as it is.
        accumulate_two(t, (pair){term[0], term[1]}, 1, 1);
        accumulate_two(t, (pair){term[2], term[3]}, 1, 1);
    } else {
        const vec keptj = p->keptj;
        accumulate_two(t, (pair){term[0], term[1]}, keptj[0] == 1, keptj[1] == 1);
        accumulate_two(t, (pair){term[2], term[3]}, keptj[2] == 1, keptj[3] == 1);
    }
    t->defined -= ok;
}

/// Term of column `j` alone, from the line's sums.
BODY void terms_column(Terms *t, long j, PairSumLine s) {
    const PairTermLimits line = t->line;
    const double pairs = s.n[j], x = s.sx[j], y = s.sy[j];
    const double h = 1 / pairs;
    const double vx = s.qx[j] - x * x * h;
    const double vy = s.qy[j] - y * y * h;
    const double cov = s.cross[j] - x * y * h;
    const int isKept = !t->kept || t->kept[j] == 1;
    const int counted = isKept && pairs >= 2;
    const int conditioned = vx > line.conditioning * line.q && vy > line.conditioning * t->q[j]
        && line.scale <= line.roll * vx && t->scale[j] <= line.roll * vy;
    const double r = cov / __builtin_elementwise_sqrt(vx * vy); // no errno: the IEEE square root alone
    const int ok = counted && conditioned && r == r;
    const double term = ok ? (r < -1 ? -1 : (r >= 1 ? 1 : r)) : 0;
    if (isKept) {
        if (t->odd) {
            t->acc[1] += term;
        } else {
            t->acc[0] += term;
        }
        t->odd ^= 1;
    }
    t->definedCount += ok;
    if (counted && !conditioned) t->fallbackColumns[t->fallbackCount++] = j;
}

/// Stores the accumulators and the parity; returns the defined terms, `*fallbacks` the number of fallbacks.
BODY long terms_end(const Terms *t, double *sums, long *parity, long *fallbacks) {
    sums[0] = t->acc[0];
    sums[1] = t->acc[1];
    *parity = t->odd;
    const mask d = t->defined;
    *fallbacks = t->fallbackCount;
    return t->definedCount + (long)(d[0] + d[1] + d[2] + d[3]);
}

/// The sums of columns `j … j+3`: rolled by `rows` (and stored in the
/// `fresh` lanes) when given, else as they are.
BODY void line_sums(PairSumLine s, long j, const RollRows *rows, SumVectors *out, mask fresh) {
    if (rows) {
        roll_vector(s, j, rows, out, fresh);
    } else {
        const SumVectors v = {LOAD(s.n, j), LOAD(s.sx, j), LOAD(s.qx, j), LOAD(s.sy, j), LOAD(s.qy, j),
                              LOAD(s.cross, j)};
        *out = v;
    }
}

/// The line's terms over columns `from ≤ j < to`, the sums rolled first by
/// `rows` when given (`roll_and_terms`) or taken as they are (`terms`). The
/// vectors are software-pipelined: vector `j`'s sums and `terms_prepare` run
/// beside vector `j − 4`'s `terms_finish`, so that the long dependency chain
/// of one vector (division, square root, division: about 70 cycles) overlaps
/// the next one's instead of filling the reorder buffer. The same operations
/// on each vector; the terms accumulate in column order.
BODY long line_terms(long from, long to, PairSumLine s, const RollRows *rows, const double *kept,
                     const double *q, const double *scale, PairTermLimits line,
                     double *sums, long *parity, long *fallbackColumns, long *fallbacks) {
    Terms t;
    terms_begin(&t, line, kept, q, scale, sums, *parity, fallbackColumns);
    SumVectors v;
    long j = from;
    if (to - from >= LANES) {
        line_sums(s, j, rows, &v, ALL_LANES);
        PendingTerms pending = terms_prepare(&t, j, &v, ALL_LANES);
        for (j += LANES; j + LANES <= to; j += LANES) {
            line_sums(s, j, rows, &v, ALL_LANES);
            const PendingTerms next = terms_prepare(&t, j, &v, ALL_LANES);
            terms_finish(&t, &pending, 1);
            pending = next;
        }
        int whole = 1;
        if (j < to) {
            const long last = to - LANES;
            const mask fresh = lanes_from(last, j);
            line_sums(s, last, rows, &v, fresh);
            const PendingTerms next = terms_prepare(&t, last, &v, fresh);
            terms_finish(&t, &pending, 1);
            pending = next;
            whole = 0;
            j = to;
        }
        terms_finish(&t, &pending, whole);
    }
    for (; j < to; j++) {
        if (rows) roll_column(s, j, rows);
        terms_column(&t, j, s);
    }
    return terms_end(&t, sums, parity, fallbacks);
}

BODY long terms(long from, long to, PairSumLine s, const double *kept, const double *q,
                const double *scale, PairTermLimits line,
                double *sums, long *parity, long *fallbackColumns, long *fallbacks) {
    return line_terms(from, to, s, 0, kept, q, scale, line, sums, parity, fallbackColumns, fallbacks);
}

BODY long roll_and_terms(long from, long to, PairSumLine s, const double *x, const double *m,
                         const double *bx, const double *bm, double xi, double mi, double bi, double ni,
                         const double *kept, const double *q, const double *scale, PairTermLimits line,
                         double *sums, long *parity, long *fallbackColumns, long *fallbacks) {
    const RollRows rows = {x, m, bx, bm, xi, mi, bi, ni};
    return line_terms(from, to, s, &rows, kept, q, scale, line, sums, parity, fallbackColumns, fallbacks);
}

/// Line `i` of the tile, `from` its first column: its sums, and the columns
/// it spans counted from the tile's first column (the line kernels run on
/// those, with every row array shifted by the first column, so no pointer
/// falls before its buffer).
typedef struct {
    PairSumLine sums;
    long from, to;
} TileLine;

BODY TileLine tile_line(PairSumTile tile, long i, long from) {
    enum { plane = PAIRSUMS_TILE_LINES * PAIRSUMS_TILE_COLUMNS };
    double *const b = tile.sums + (i - tile.firstLine) * PAIRSUMS_TILE_COLUMNS;
    const TileLine line = {{b, b + plane, b + 2 * plane, b + 3 * plane, b + 4 * plane, b + 5 * plane},
                           from - tile.firstColumn, tile.endColumn - tile.firstColumn};
    return line;
}

/// One row's arrays over the tile's columns (index 0 the tile's first
/// column), side by side, so that the line kernels read all seven from one
/// address register: spread over seven buffers they need more registers
/// than x86-64 has, and the loop spilled and reloaded pointers.
typedef struct {
    double x[PAIRSUMS_TILE_COLUMNS], m[PAIRSUMS_TILE_COLUMNS];
    double bx[PAIRSUMS_TILE_COLUMNS], bm[PAIRSUMS_TILE_COLUMNS];
    double kept[PAIRSUMS_TILE_COLUMNS], q[PAIRSUMS_TILE_COLUMNS], scale[PAIRSUMS_TILE_COLUMNS];
} TileColumns;

/// Copies the tile's columns of `array` (when given) to `to`.
BODY void copy_columns(double *to, const double *array, PairSumTile tile) {
    if (array) __builtin_memcpy(to, array + tile.firstColumn, (tile.endColumn - tile.firstColumn) * sizeof(double));
}

BODY void tile_add_rows(PairSumTile tile, const double *x, const double *m, long stride, int count) {
    const long c = tile.firstColumn;
    for (long i = tile.firstLine; i < tile.endLine; i++) {
        const long from = c > i + 1 ? c : i + 1;
        if (from >= tile.endColumn) continue;
        const TileLine t = tile_line(tile, i, from);
        double xi[4], mi[4];
        for (int r = 0; r < count; r++) {
            xi[r] = x[r * stride + i];
            mi[r] = m[r * stride + i];
        }
        // A constant count in each call, so that the row loop is unrolled.
        switch (count) {
        case 4: add_rows(t.from, t.to, t.sums, x + c, m + c, stride, 4, xi, mi); break;
        case 3: add_rows(t.from, t.to, t.sums, x + c, m + c, stride, 3, xi, mi); break;
        case 2: add_rows(t.from, t.to, t.sums, x + c, m + c, stride, 2, xi, mi); break;
        default: add_rows(t.from, t.to, t.sums, x + c, m + c, stride, 1, xi, mi); break;
        }
    }
}

BODY long tile_row(PairSumTile tile, const double *x, const double *m, const double *bx, const double *bm,
                   int takesTerms, const double *kept, const double *q, const double *scale, double conditioning,
                   double roll, PairLineTotals totals, long *fallbackLines, long *fallbackColumns) {
    const long c = tile.firstColumn;
    long fallbacks = 0;
    TileColumns row;
    copy_columns(row.x, x, tile);
    copy_columns(row.m, m, tile);
    copy_columns(row.bx, bx, tile);
    copy_columns(row.bm, bm, tile);
    const double *keptColumns = 0; // every column kept: the line kernels' faster accumulation
    if (takesTerms) {
        copy_columns(row.kept, kept, tile);
        copy_columns(row.q, q, tile);
        copy_columns(row.scale, scale, tile);
        for (long j = 0; j < tile.endColumn - c && !keptColumns; j++) {
            if (row.kept[j] != 1) keptColumns = row.kept;
        }
    }
    for (long i = tile.firstLine; i < tile.endLine; i++) {
        const long from = c > i + 1 ? c : i + 1;
        if (from >= tile.endColumn) continue;
        const long l = i - tile.firstLine;
        const TileLine t = tile_line(tile, i, from);
        const int rolls = bx && (m[i] != 0 || bm[i] != 0);
        if (takesTerms && kept[i] == 1) {
            const PairTermLimits line = {q[i], scale[i], conditioning, roll};
            long found = 0;
            long *const columns = fallbackColumns + fallbacks;
            if (rolls) {
                totals.defined[l] += roll_and_terms(t.from, t.to, t.sums, row.x, row.m, row.bx, row.bm, x[i], m[i],
                                                    bx[i], bm[i], keptColumns, row.q, row.scale, line,
                                                    totals.sums + 2 * l, totals.parity + l, columns, &found);
            } else {
                totals.defined[l] += terms(t.from, t.to, t.sums, keptColumns, row.q, row.scale, line,
                                           totals.sums + 2 * l, totals.parity + l, columns, &found);
            }
            for (long f = 0; f < found; f++) {
                fallbackLines[fallbacks + f] = l;
                columns[f] += c;
            }
            fallbacks += found;
        } else if (rolls) {
            roll_row(t.from, t.to, t.sums, row.x, row.m, row.bx, row.bm, x[i], m[i], bx[i], bm[i]);
        }
    }
    return fallbacks;
}

/// Rows `t … t+3` of the columns `c[0 … 3]` as four vectors, one per row
/// (lane `l` from column `l`): the columns' four loads transposed.
BODY void load_rows(const double *const *c, long t, vec rows[4]) {
    const vec a0 = LOAD(c[0], t), a1 = LOAD(c[1], t), a2 = LOAD(c[2], t), a3 = LOAD(c[3], t);
    const vec even01 = __builtin_shufflevector(a0, a1, 0, 4, 2, 6), odd01 = __builtin_shufflevector(a0, a1, 1, 5, 3, 7);
    const vec even23 = __builtin_shufflevector(a2, a3, 0, 4, 2, 6), odd23 = __builtin_shufflevector(a2, a3, 1, 5, 3, 7);
    rows[0] = __builtin_shufflevector(even01, even23, 0, 1, 4, 5);
    rows[1] = __builtin_shufflevector(odd01, odd23, 0, 1, 4, 5);
    rows[2] = __builtin_shufflevector(even01, even23, 2, 3, 6, 7);
    rows[3] = __builtin_shufflevector(odd01, odd23, 2, 3, 6, 7);
}

/// Row `t` of the columns `c[0 … 3]` (lane `l` from column `l`).
BODY vec load_row(const double *const *c, long t) { return (vec){c[0][t], c[1][t], c[2][t], c[3][t]}; }

/// The two-pass formula's sums, lane by lane.
typedef struct {
    vec n, sx, sy, ax, ay, sxx, syy, sxy;
} TwoPassSums;

/// First pass, one row: `n`, `Σx`, `Σy` over the pairs present in both.
BODY void two_pass_first(TwoPassSums *s, vec xv, vec yv) {
    const vec zero = SPLAT(0.0), one = SPLAT(1.0);
    const mask both = (xv == xv) & (yv == yv);
    s->n += SELECT(both, one, zero);
    s->sx += SELECT(both, xv, zero);
    s->sy += SELECT(both, yv, zero);
}

/// Second pass, one row: the centred products.
BODY void two_pass_second(TwoPassSums *s, vec xv, vec yv) {
    const vec zero = SPLAT(0.0);
    const mask both = (xv == xv) & (yv == yv);
    const vec dx = SELECT(both, xv - s->ax, zero), dy = SELECT(both, yv - s->ay, zero);
    s->sxx += dx * dx;
    s->syy += dy * dy;
    s->sxy += dx * dy;
}

/// The rows in order, four at a time where they can (`load_rows`), through
/// `two_pass_first`, or `two_pass_second` when `second` (a constant in each
/// call), for both groups of four pairs (`s[g]`: columns `xs[4g …]`,
/// `ys[4g …]`) row by row: two independent chains of additions, so that
/// one's latency hides the other's.
BODY void two_pass_rows(TwoPassSums s[2], const double *const *xs, const double *const *ys, long w, int second) {
    long t = 0;
    for (; t + 4 <= w; t += 4) {
        vec xr[2][4], yr[2][4];
        for (int g = 0; g < 2; g++) {
            load_rows(xs + 4 * g, t, xr[g]);
            load_rows(ys + 4 * g, t, yr[g]);
        }
        for (int k = 0; k < 4; k++) {
            for (int g = 0; g < 2; g++) {
                if (second) {
                    two_pass_second(&s[g], xr[g][k], yr[g][k]);
                } else {
                    two_pass_first(&s[g], xr[g][k], yr[g][k]);
                }
            }
        }
    }
    for (; t < w; t++) {
        for (int g = 0; g < 2; g++) {
            const vec xv = load_row(xs + 4 * g, t), yv = load_row(ys + 4 * g, t);
            if (second) {
                two_pass_second(&s[g], xv, yv);
            } else {
                two_pass_first(&s[g], xv, yv);
            }
        }
    }
}

BODY void two_pass_correlations(const double *const *xs, const double *const *ys, long w, double *out) {
    const vec zero = SPLAT(0.0);
    TwoPassSums s[2];
    for (int g = 0; g < 2; g++) s[g] = (TwoPassSums){zero, zero, zero, zero, zero, zero, zero, zero};
    two_pass_rows(s, xs, ys, w, 0);
    for (int g = 0; g < 2; g++) {
        s[g].ax = s[g].sx / s[g].n;
        s[g].ay = s[g].sy / s[g].n;
    }
    two_pass_rows(s, xs, ys, w, 1);
    const vec nan = SPLAT(__builtin_nan(""));
    for (int g = 0; g < 2; g++) {
        const vec d = __builtin_elementwise_sqrt(s[g].sxx * s[g].syy);
        const vec r = SELECT(d == zero, nan, s[g].sxy / d);
        STORE(SELECT(s[g].n >= SPLAT(2.0), r, nan), out, 4 * g);
    }
}

VOID_ENTRY_POINTS(pairsums_, add_row,
             (long from, long to, PairSumLine s, const double *x, const double *m, double xi, double mi),
             (from, to, s, x, m, xi, mi))

VOID_ENTRY_POINTS(pairsums_, roll_row,
             (long from, long to, PairSumLine s, const double *x, const double *m, const double *bx,
              const double *bm, double xi, double mi, double bi, double ni),
             (from, to, s, x, m, bx, bm, xi, mi, bi, ni))

ENTRY_POINTS(pairsums_, long, terms,
             (long from, long to, PairSumLine s, const double *kept, const double *q, const double *scale,
              PairTermLimits line, double *sums, long *parity, long *fallbackColumns,
              long *fallbacks),
             (from, to, s, kept, q, scale, line, sums, parity, fallbackColumns, fallbacks))

ENTRY_POINTS(pairsums_, long, roll_and_terms,
             (long from, long to, PairSumLine s, const double *x, const double *m, const double *bx,
              const double *bm, double xi, double mi, double bi, double ni, const double *kept, const double *q,
              const double *scale, PairTermLimits line, double *sums, long *parity,
              long *fallbackColumns, long *fallbacks),
             (from, to, s, x, m, bx, bm, xi, mi, bi, ni, kept, q, scale, line, sums, parity, fallbackColumns,
              fallbacks))

VOID_ENTRY_POINTS(pairsums_, tile_add_rows,
             (PairSumTile tile, const double *x, const double *m, long stride, int count),
             (tile, x, m, stride, count))

ENTRY_POINTS(pairsums_, long, tile_row,
             (PairSumTile tile, const double *x, const double *m, const double *bx, const double *bm, int takesTerms,
              const double *kept, const double *q, const double *scale, double conditioning, double roll,
              PairLineTotals totals, long *fallbackLines, long *fallbackColumns),
             (tile, x, m, bx, bm, takesTerms, kept, q, scale, conditioning, roll, totals, fallbackLines,
              fallbackColumns))

VOID_ENTRY_POINTS(pairsums_, two_pass_correlations,
             (const double *const *xs, const double *const *ys, long w, double *out), (xs, ys, w, out))

int pairsums_uses_avx2(void) { return has_avx2(); }
