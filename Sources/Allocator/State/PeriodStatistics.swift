import CKernels

/// Step 1 of ``AveragePairwiseCorrelation`` (and its gap-free path) for up to
/// `w` consecutive rows at once: the batch side of ``CorrelationBatch``.
///
/// The loops run column by column, each column over the period's rows, so a
/// column's `2w − 1` values stay in the L1 cache while its windows are
/// measured and standardised; taking the rows one at a time instead walks
/// all `K` columns' windows (`K·w` values, the size of L2 at `K = 1000`) per
/// row. The numbers are those of the per-row engine, bit for bit:
/// - every window is measured as by ``ColumnWindow/measure(_:_:)``, four
///   windows per vector (each lane runs the chains of the scalar ``Kernels``);
/// - a gap-free row adds each kept column's `zᵢ = (xᵢ − x̄ᵢ)·(1/‖xᵢ − x̄ᵢ‖)`
///   to its accumulator and `‖zᵢ‖²` to its `Σᵢ‖zᵢ‖²` in ascending column order
///   (``Kernels/accumulateStandardised(_:_:mean:scale:into:)``), as
///   ``CorrelationWorkspace/gapFreeMean(base:stride:offset:)`` does.
///
/// Statistics are stored column-major (`c·w + p` for period row `p`).
final class PeriodStatistics {
    let window: Int
    let assetCount: Int
    private let means: UnsafeMutablePointer<Double>
    private let norms: UnsafeMutablePointer<Double>
    /// `1/norm`, the standardisation's scale.
    private let scales: UnsafeMutablePointer<Double>
    private let gappedSquares: UnsafeMutablePointer<Double>
    private let kept: UnsafeMutablePointer<Bool>
    private let gapped: UnsafeMutablePointer<Bool>
    /// Per period row: kept columns, whether a kept column has a gap.
    private let keptCounts: UnsafeMutablePointer<Int>
    private let anyGap: UnsafeMutablePointer<Bool>
    /// Per period row: the gap-free accumulator and `Σᵢ‖zᵢ‖²`. Rows `p … p + 3`
    /// (`p` a multiple of 4) share `4w` values from `p·w` on, interleaved
    /// (`p·w + 4t + l` for row `p + l`); each of the last `count mod 4` rows has
    /// its own `w` from `p·w` on.
    private let accumulators: UnsafeMutablePointer<Double>
    private let selfDots: UnsafeMutablePointer<Double>
    private let gapFree: UnsafeMutablePointer<Bool>
    /// Four-lane arguments and results of the C kernels.
    private let scratch: UnsafeMutablePointer<Double>

    init(window w: Int, assetCount k: Int) {
        window = w
        assetCount = k
        means = .allocate(capacity: w * k)
        norms = .allocate(capacity: w * k)
        scales = .allocate(capacity: w * k)
        gappedSquares = .allocate(capacity: w * k)
        kept = .allocate(capacity: w * k)
        gapped = .allocate(capacity: w * k)
        keptCounts = .allocate(capacity: w)
        anyGap = .allocate(capacity: w)
        accumulators = .allocate(capacity: w * w)
        selfDots = .allocate(capacity: w)
        gapFree = .allocate(capacity: w)
        scratch = .allocate(capacity: 20)
        scratch.initialize(repeating: 0, count: 20)
    }

    deinit {
        for p in [means, norms, scales, gappedSquares, accumulators, selfDots, scratch] { p.deallocate() }
        for p in [kept, gapped, anyGap, gapFree] { p.deallocate() }
        keptCounts.deallocate()
    }

    /// Kept columns of period row `p` (after ``measure(rows:assets:)``).
    func keptCount(_ p: Int) -> Int { keptCounts[p] }

    /// Whether a kept column of period row `p` has a missing value.
    func hasGap(_ p: Int) -> Bool { anyGap[p] }

    /// Measures the window of every column at each row of `rows` (at most `w`
    /// rows, each `≥ w − 1`); period row `p` is `rows.lowerBound + p`. Rows are
    /// taken four at a time (`kernels_window_statistics`, C, see
    /// `WindowKernels.h`: ``ColumnWindow/measure(_:_:)`` and `1/norm` in its
    /// lanes; when one of the four has a gap, `kernels_window_gapped` gives the
    /// running sums of ``ColumnWindow/gapped(_:_:_:)`` for all four, taken by
    /// the gapped ones, and the others go through ``ColumnWindow/measure(_:_:)``);
    /// the last `count mod 4` rows go through ``ColumnWindow/measure(_:_:)``.
    func measure(rows: Range<Int>, assets: SlidingColumns) {
        let w = window, count = rows.count
        precondition(count <= w && rows.lowerBound + 1 >= w && w >= 2)
        for p in 0..<count {
            keptCounts[p] = 0
            anyGap[p] = false
        }
        let sums = scratch, means4 = scratch + 4, norms4 = scratch + 8, scales4 = scratch + 12, kept4 = scratch + 16
        // A group with a gap reuses the four result slots for the gapped sums.
        let gapCounts = scales4, gapSums = means4, gapSquares = kept4, gapDeviations = norms4
        let minimum = AveragePairwiseCorrelation.minimumStandardDeviation
        columnByColumn(rows: rows, assets: assets) { src, at, p in
            if kernels_window_statistics(src, w, minimum, sums, means4, norms4, scales4, kept4) == 1 {
                for l in 0..<4 {
                    record(ColumnWindow(gapped: false, mean: means4[l], norm: norms4[l], gappedSquares: 0, kept: kept4[l] == 1),
                           scale: scales4[l], at: at, row: p + l)
                }
            } else {
                kernels_window_gapped(src, w, gapCounts, gapSums, gapSquares, gapDeviations)
                for l in 0..<4 {
                    record(sums[l].isNaN
                           ? ColumnWindow.gapped(count: gapCounts[l], sum: gapSums[l], squares: gapSquares[l],
                                                 squaredDeviations: gapDeviations[l])
                           : ColumnWindow.measure(src + l, w), at: at, row: p + l)
                }
            }
        } single: { src, at, p in
            record(ColumnWindow.measure(src, w), at: at, row: p)
        }
    }

    /// Calls `four` for period rows `p … p + 3` (`p` a multiple of 4) and
    /// `single` for each of the last `count mod 4` rows, column by column in
    /// ascending order, with the column's window of row `p` at `src` and its
    /// statistics at `at + p`.
    @inline(__always)
    private func columnByColumn(rows: Range<Int>, assets: SlidingColumns,
                                four: (_ src: UnsafePointer<Double>, _ at: Int, _ p: Int) -> Void,
                                single: (_ src: UnsafePointer<Double>, _ at: Int, _ p: Int) -> Void) {
        let w = window, count = rows.count
        assets.withStorage(row: rows.lowerBound - w + 1) { base, stride, offset in
            for c in 0..<assetCount {
                let src = base + c * stride + offset
                // The column after next: its values arrive while these two are measured.
                if c + 2 < assetCount { kernels_prefetch(src + 2 * stride, count + w - 1) }
                let at = c * w
                var p = 0
                while p + 4 <= count {
                    four(src + p, at, p)
                    p += 4
                }
                while p < count {
                    single(src + p, at, p)
                    p += 1
                }
            }
        }
    }

    @inline(__always)
    private func record(_ column: ColumnWindow, scale: Double? = nil, at columnStart: Int, row p: Int) {
        let at = columnStart + p
        means[at] = column.mean
        norms[at] = column.norm
        scales[at] = scale ?? 1 / column.norm
        gappedSquares[at] = column.gappedSquares
        kept[at] = column.kept
        gapped[at] = column.gapped
        keptCounts[p] += column.kept ? 1 : 0
        anyGap[p] = anyGap[p] || (column.kept && column.gapped)
    }

    /// The gap-free mean ``ColumnWindow/gapFreeMean(total:selfDot:kept:)`` at
    /// every period row with `≥ 2` kept columns and no gap among them, written
    /// to `out[p]`; other rows' `out[p]` are left alone. Rows `p … p + 3` (`p`
    /// a multiple of 4) share interleaved accumulators at `p·w`
    /// (`kernels_window_accumulate_standardised`); each of the last
    /// `count mod 4` rows has its own at `p·w`.
    func gapFreeMeans(rows: Range<Int>, assets: SlidingColumns, into out: UnsafeMutablePointer<Double>) {
        let w = window, count = rows.count
        var any = false
        for p in 0..<count {
            gapFree[p] = keptCounts[p] >= 2 && !anyGap[p]
            selfDots[p] = 0
            any = any || gapFree[p]
        }
        guard any else { return }
        let quads = count / 4 * 4
        var p = 0
        while p < count {
            let span = p < quads ? 4 : 1
            if (p..<(p + span)).contains(where: { gapFree[$0] }) {
                (accumulators + p * w).update(repeating: 0, count: span * w)
            }
            p += span
        }
        let means4 = scratch, scales4 = scratch + 4, active = scratch + 8, dots = scratch + 12
        columnByColumn(rows: rows, assets: assets) { src, at, p in
            var anyActive = false
            for l in 0..<4 {
                let on = gapFree[p + l] && kept[at + p + l]
                active[l] = on ? 1 : 0
                means4[l] = means[at + p + l]
                scales4[l] = scales[at + p + l]
                anyActive = anyActive || on
            }
            guard anyActive else { return }
            kernels_window_accumulate_standardised(src, w, means4, scales4, active, accumulators + p * w, dots)
            for l in 0..<4 { selfDots[p + l] += dots[l] }
        } single: { src, at, p in
            guard gapFree[p] && kept[at + p] else { return }
            selfDots[p] += Kernels.accumulateStandardised(src, w, mean: means[at + p], scale: scales[at + p],
                                                          into: accumulators + p * w)
        }
        let totals = scratch
        p = 0
        while p < quads {
            if (p..<(p + 4)).contains(where: { gapFree[$0] }) {
                kernels_interleaved_sums_of_squares(accumulators + p * w, w, totals)
                for l in 0..<4 where gapFree[p + l] {
                    out[p + l] = ColumnWindow.gapFreeMean(total: totals[l], selfDot: selfDots[p + l], kept: keptCounts[p + l])
                }
            }
            p += 4
        }
        for p in quads..<count where gapFree[p] {
            out[p] = ColumnWindow.gapFreeMean(total: Kernels.sumOfSquares(accumulators + p * w, w),
                                              selfDot: selfDots[p], kept: keptCounts[p])
        }
    }

    /// For period row `p`: every column's kept flag (1/0) to `flags` and the
    /// kept columns' `Σx²` over their present values to `sumSquares` (0 for the
    /// others).
    func exportKept(row p: Int, rows: Range<Int>, assets: SlidingColumns,
                    flags: UnsafeMutablePointer<Double>, sumSquares: UnsafeMutablePointer<Double>) {
        let w = window
        assets.withStorage(row: rows.lowerBound + p - w + 1) { base, stride, offset in
            for c in 0..<assetCount {
                let at = c * w + p
                guard kept[at] else {
                    flags[c] = 0
                    sumSquares[c] = 0
                    continue
                }
                flags[c] = 1
                sumSquares[c] = gapped[at] ? gappedSquares[at] : Kernels.sumOfSquares(base + c * stride + offset, w)
            }
        }
    }
}
