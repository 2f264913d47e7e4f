#ifndef PAIRSUMKERNELS_H
#define PAIRSUMKERNELS_H

/// The inner loops of the batch correlation kernel (`CorrelationBatch` in the
/// Allocator module): one line `i` of pairwise-complete sums over a run of
/// columns `j`, four pairs per vector.
///
/// Written once with vector extensions and compiled twice (x86-64): for AVX2
/// (four lanes per instruction) and for the baseline target (two SSE2
/// instructions per vector). Each function runs the AVX2 version when the
/// CPU has AVX2 (`pairsums_uses_avx2`), else the baseline one, which is also
/// callable as `…_baseline` (the tests compare the two). A run of four
/// columns or more is done in whole vectors: its last vector overlaps the one
/// before, and the lanes already done keep their sums and add no term. A
/// shorter run goes column by column. Every lane performs
/// the IEEE operations of the scalar formula in the same order, with no
/// contraction into fused multiply-adds, so both versions give the bits of
/// `PairSums.update` and `CorrelationWorkspace.pairwiseMean` on every pair.

/// The six sums of pairs `(i, j)` for one line, indexed by the absolute
/// column `j` (see `PairSums`): `n = Σ mᵢmⱼ`, `Σx = Σ xᵢmⱼ`, `Σx² = Σ xᵢ²mⱼ`,
/// `Σy = Σ mᵢxⱼ`, `Σy² = Σ mᵢxⱼ²`, `Σxy = Σ xᵢxⱼ`.
typedef struct {
    double *n;
    double *sx;
    double *qx;
    double *sy;
    double *qy;
    double *cross;
} PairSumLine;

/// Rebuild step, columns `from ≤ j < to`: `s += term` of the row
/// (`x`, `m` the row's zero-filled values and presence by column; `xi`, `mi` line `i`'s).
void pairsums_add_row(long from, long to, PairSumLine s, const double *x, const double *m, double xi, double mi);

/// Roll step, columns `from ≤ j < to`: `s = (s + added term) − removed term`,
/// the added row `(x, m)` with line values `(xi, mi)`, the removed row `(bx, bm)` with `(bi, ni)`.
void pairsums_roll_row(long from, long to, PairSumLine s, const double *x, const double *m,
                       const double *bx, const double *bm, double xi, double mi, double bi, double ni);

/// The line's terms at one row, columns `from ≤ j < to` (the line's own
/// constants and limits in `line`): per pair, with `h = 1/n` (IEEE division,
/// so the bits of the per-row engine's table of `1/n`),
/// `varₓ = Σx² − Σx·Σx·h`, `var_y = Σy² − Σy·Σy·h`, `cov = Σxy − Σx·Σy·h`,
/// `r = cov / √(varₓ·var_y)` (both variances are positive where the term
/// counts; elsewhere `r` may be NaN and is not used). The pair is counted
/// when `kept[j] == 1` and `n ≥ 2`; well conditioned when `varₓ > conditioning·qᵢ`,
/// `var_y > conditioning·q[j]`, `scaleᵢ ≤ roll·varₓ` and `scale[j] ≤ roll·var_y`.
/// The term is `r` clipped to [−1, 1] when counted, well conditioned and
/// defined, else 0. The terms of the kept columns are added in ascending
/// `j` to the line's two accumulators `sums[0]` (even positions among the
/// kept columns) and `sums[1]` (odd), `*parity` being the parity of the next
/// kept position (updated); a column not kept adds +0, which changes neither
/// accumulator as long as it is not −0 (a sum started at +0 never is). The columns
/// counted but not well conditioned (the fallbacks) are written in ascending
/// order to `fallbackColumns` (room for `to − from`), their number to
/// `*fallbacks`. Returns the defined terms. `kept` NULL: every column is
/// kept (the same numbers as flags all 1, accumulated with less work).
typedef struct {
    double q;
    double scale;
    double conditioning;
    double roll;
} PairTermLimits;

long pairsums_terms(long from, long to, PairSumLine s, const double *kept, const double *q,
                    const double *scale, PairTermLimits line,
                    double *sums, long *parity, long *fallbackColumns, long *fallbacks);

/// `pairsums_roll_row` and then `pairsums_terms` on the rolled sums, in one
/// pass over the line (the same numbers, the sums read once).
long pairsums_roll_and_terms(long from, long to, PairSumLine s, const double *x, const double *m,
                             const double *bx, const double *bm, double xi, double mi, double bi, double ni,
                             const double *kept, const double *q, const double *scale, PairTermLimits line,
                             double *sums, long *parity, long *fallbackColumns, long *fallbacks);

/// The most lines and columns of a tile: its six sums take 384 KB, so a
/// tile stays in a core's L2 cache while it rolls over the rows.
#define PAIRSUMS_TILE_LINES 32
#define PAIRSUMS_TILE_COLUMNS 256

/// A tile of pair sums: lines `firstLine ≤ i < endLine`, columns
/// `firstColumn ≤ j < endColumn` (at most `PAIRSUMS_TILE_LINES` and
/// `PAIRSUMS_TILE_COLUMNS`); line `i`'s six sums at
/// `sums + k·P + (i − firstLine)·PAIRSUMS_TILE_COLUMNS + (j − firstColumn)`,
/// `k = 0 … 5` in the order of `PairSumLine`, `P = PAIRSUMS_TILE_LINES·PAIRSUMS_TILE_COLUMNS`.
/// The layout is fixed at compile time so that the kernels reach all six
/// sums of a pair from one address register.
typedef struct {
    double *sums;
    long firstLine;
    long endLine;
    long firstColumn;
    long endColumn;
} PairSumTile;

/// Rebuild steps of the tile for `count` rows (1 … 4) in order, row `r`
/// at `x + r·stride`, `m + r·stride` (by column): line by line in ascending
/// `i`, each over columns `max(firstColumn, i + 1) ≤ j < endColumn`, the
/// numbers of `count` calls of `pairsums_add_row`. A row adds to every line,
/// also one whose own value it lacks (`m[i]` = 0, `x[i]` = 0): its terms are
/// then ±0, which change no sum that is not −0 (sums started at +0 never
/// are).
void pairsums_tile_add_rows(PairSumTile tile, const double *x, const double *m, long stride, int count);

/// The running terms of a tile's lines at one row, by tile line `l`: the
/// two accumulators at `sums[2l]`, `sums[2l + 1]`, the parity at `parity[l]`,
/// the defined terms at `defined[l]` (see `pairsums_terms`).
typedef struct {
    double *sums;
    long *parity;
    long *defined;
} PairLineTotals;

/// One row's step over the tile, line by line in ascending `i`, each over
/// columns `max(firstColumn, i + 1) ≤ j < endColumn` (a line with none is
/// skipped): with the row added `(x, m)` and the row removed `(bx, bm)` (by
/// column; `bx` NULL: nothing is rolled, the anchor row), a line rolls when
/// its added or removed value is present (`m[i]` or `bm[i]` not 0), and takes
/// its terms when `takesTerms` and `kept[i] == 1` (limits `q[i]`, `scale[i]`,
/// `conditioning`, `roll`): `pairsums_roll_and_terms`, `pairsums_terms` or
/// `pairsums_roll_row`. The fallbacks are listed in the order met, tile line
/// in `fallbackLines` and column in `fallbackColumns` (room for the tile's
/// pairs); returns their number. The tile's columns of the seven row arrays
/// are first copied side by side to the stack (14 KB), and a row whose tile
/// columns are all kept passes no flags to the line kernels.
long pairsums_tile_row(PairSumTile tile, const double *x, const double *m, const double *bx, const double *bm,
                       int takesTerms, const double *kept, const double *q, const double *scale, double conditioning,
                       double roll, PairLineTotals totals, long *fallbackLines, long *fallbackColumns);

/// Pairs per call of `pairsums_two_pass_correlations`.
#define PAIRSUMS_TWO_PASS_PAIRS 8

/// The centred two-pass Pearson correlation of `xs[l]` with `ys[l]`, lane
/// `l = 0 … 7`, over the `w` rows where both are present (not NaN): `n`,
/// `Σx`, `Σy` in row order, then `Σ(x − x̄)²`, `Σ(y − ȳ)²`, `Σ(x − x̄)(y − ȳ)`
/// in row order, `r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)²·Σ(y − ȳ)²)`; NaN with
/// fewer than 2 such rows or a zero denominator. A row where either is
/// missing adds +0, which changes no sum (each starts at +0 and is never
/// −0). Writes `out[0 … 7]`.
void pairsums_two_pass_correlations(const double *const *xs, const double *const *ys, long w, double *out);

/// Whether the functions above run their AVX2 versions on this CPU.
int pairsums_uses_avx2(void);

/// The baseline versions (no AVX), for tests that compare them with the dispatched ones.
void pairsums_add_row_baseline(long from, long to, PairSumLine s, const double *x, const double *m, double xi, double mi);
void pairsums_roll_row_baseline(long from, long to, PairSumLine s, const double *x, const double *m,
                                const double *bx, const double *bm, double xi, double mi, double bi, double ni);
long pairsums_roll_and_terms_baseline(long from, long to, PairSumLine s, const double *x, const double *m,
                                      const double *bx, const double *bm, double xi, double mi, double bi, double ni,
                                      const double *kept, const double *q, const double *scale, PairTermLimits line,
                                      double *sums, long *parity, long *fallbackColumns, long *fallbacks);
void pairsums_tile_add_rows_baseline(PairSumTile tile, const double *x, const double *m, long stride, int count);
long pairsums_tile_row_baseline(PairSumTile tile, const double *x, const double *m, const double *bx,
                                const double *bm, int takesTerms, const double *kept, const double *q,
                                const double *scale, double conditioning, double roll, PairLineTotals totals,
                                long *fallbackLines, long *fallbackColumns);
void pairsums_two_pass_correlations_baseline(const double *const *xs, const double *const *ys, long w,
                                             double *out);
long pairsums_terms_baseline(long from, long to, PairSumLine s, const double *kept, const double *q,
                             const double *scale, PairTermLimits line,
                             double *sums, long *parity, long *fallbackColumns, long *fallbacks);

#endif
