#ifndef WINDOWKERNELS_H
#define WINDOWKERNELS_H

/// Window statistics of four consecutive windows of one column at once — the
/// windows of `n` values starting at `x`, `x + 1`, `x + 2` and `x + 3`, one
/// per vector lane — for the batch correlation kernel (`PeriodStatistics` in
/// the Allocator module).
///
/// Each lane runs exactly the chains of the one-window function named (in
/// `Kernels`, Allocator module), with no contraction into fused
/// multiply-adds, so each result has the bits of that function on its own
/// window. Compiled for AVX2 and for the baseline target like
/// `PairSumKernels.h`; `…_baseline` names the baseline version.

/// `Kernels.sum` of each window: four chains (`t ≡ 0 … 3 mod 4`, the tail to
/// the first) combined as `(s0 + s1) + (s2 + s3)`. Writes `out[0 … 3]`.
void kernels_window_sums(const double *x, long n, double *out);

/// `Kernels.squaredDeviations`: `Σ (x − mean[l])²` of window `l`, chains as `kernels_window_sums`.
void kernels_window_squared_deviations(const double *x, long n, const double *mean, double *out);

/// The whole of `ColumnWindow.measure` for four gap-free windows of `n ≥ 2`
/// values, and the `1/norm` the standardisation scales by: `sums` as
/// `kernels_window_sums`; when one of them is NaN (a window with a gap)
/// returns 0 and writes nothing else. Otherwise, per lane: `means = Σx/n`,
/// the squared deviations about it as `kernels_window_squared_deviations`,
/// `norms = √Σ(x − x̄)²`, `scales = 1/norm`, `kept = 1` when
/// `√(Σ(x − x̄)²/(n − 1)) > minimum` (else 0); returns 1.
int kernels_window_statistics(const double *x, long n, double minimum, double *sums, double *means, double *norms,
                              double *scales, double *kept);

/// The running sums of `ColumnWindow.gapped` for four windows, missing
/// values (NaN) skipped: per lane, in row order, the present values' count,
/// `Σx` and `Σx²` (a missing value adds +0), then `Σ(x − x̄)²` about
/// `x̄ = Σx/count`. Writes `counts`, `sums`, `squares`, `deviations[0 … 3]`.
void kernels_window_gapped(const double *x, long n, double *counts, double *sums, double *squares,
                           double *deviations);

/// `Kernels.accumulateStandardised` of the windows whose `active[l] == 1`:
/// `acc[4t + l] += z`, `z = (x[l + t] − mean[l])·scale[l]`, and `out[l] = Σ z²`
/// (even and odd `t` in two chains, the tail to the even one, then added).
/// An inactive lane adds +0 to its accumulators (changing none that is not
/// −0) and gets `out[l] = 0`.
void kernels_window_accumulate_standardised(const double *x, long n, const double *mean, const double *scale,
                                            const double *active, double *acc, double *out);

/// `Kernels.sumOfSquares` of the four interleaved buffers `acc[4t + l]`, `t < n`.
void kernels_interleaved_sums_of_squares(const double *acc, long n, double *out);

/// Asks the CPU to bring the `n` doubles from `x` on into its caches (one
/// prefetch per 64-byte line); computes nothing.
void kernels_prefetch(const double *x, long n);

void kernels_window_sums_baseline(const double *x, long n, double *out);
void kernels_window_squared_deviations_baseline(const double *x, long n, const double *mean, double *out);
void kernels_window_accumulate_standardised_baseline(const double *x, long n, const double *mean, const double *scale,
                                                     const double *active, double *acc, double *out);
void kernels_interleaved_sums_of_squares_baseline(const double *acc, long n, double *out);
void kernels_window_gapped_baseline(const double *x, long n, double *counts, double *sums, double *squares,
                                    double *deviations);
int kernels_window_statistics_baseline(const double *x, long n, double minimum, double *sums, double *means,
                                       double *norms, double *scales, double *kept);

#endif
