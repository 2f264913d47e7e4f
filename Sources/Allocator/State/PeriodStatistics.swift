/// Step 1 of ``AveragePairwiseCorrelation`` (and its gap-free path) for up to
/// `w` consecutive rows at once: the batch side of ``CorrelationBatch``.
///
/// The loops run column by column, each column over the period's rows, so a
/// column's `2w − 1` values stay in the L1 cache while its windows are
/// measured and standardised; taking the rows one at a time instead walks
/// all `K` columns' windows (`K·w` values, the size of L2 at `K = 1000`) per
/// row. The numbers are those of the per-row engine, bit for bit:
/// - every window is measured as by ``ColumnWindow/measure(_:_:)``, two
///   windows per vector (``Kernels`` runs each lane's chains as the scalar ones);
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
    private let gappedSquares: UnsafeMutablePointer<Double>
    private let kept: UnsafeMutablePointer<Bool>
    private let gapped: UnsafeMutablePointer<Bool>
    /// Per period row: kept columns, whether a kept column has a gap.
    private let keptCounts: UnsafeMutablePointer<Int>
    private let anyGap: UnsafeMutablePointer<Bool>
    /// Per period row: the gap-free accumulator (`p·w + t`) and `Σᵢ‖zᵢ‖²`.
    private let accumulators: UnsafeMutablePointer<Double>
    private let selfDots: UnsafeMutablePointer<Double>
    private let gapFree: UnsafeMutablePointer<Bool>

    init(window w: Int, assetCount k: Int) {
        window = w
        assetCount = k
        means = .allocate(capacity: w * k)
        norms = .allocate(capacity: w * k)
        gappedSquares = .allocate(capacity: w * k)
        kept = .allocate(capacity: w * k)
        gapped = .allocate(capacity: w * k)
        keptCounts = .allocate(capacity: w)
        anyGap = .allocate(capacity: w)
        accumulators = .allocate(capacity: w * w)
        selfDots = .allocate(capacity: w)
        gapFree = .allocate(capacity: w)
    }

    deinit {
        for p in [means, norms, gappedSquares, accumulators, selfDots] { p.deallocate() }
        for p in [kept, gapped, anyGap, gapFree] { p.deallocate() }
        keptCounts.deallocate()
    }

    /// Kept columns of period row `p` (after ``measure(rows:assets:)``).
    func keptCount(_ p: Int) -> Int { keptCounts[p] }

    /// Whether a kept column of period row `p` has a missing value.
    func hasGap(_ p: Int) -> Bool { anyGap[p] }

    /// Measures the window of every column at each row of `rows` (at most `w`
    /// rows, each `≥ w − 1`); period row `p` is `rows.lowerBound + p`. Rows are
    /// taken two at a time (``Kernels/windowPairSums(_:_:)``, and
    /// ``ColumnWindow/gapped(_:_:_:)`` for a pair with a gap); an odd last row
    /// goes through ``ColumnWindow/measure(_:_:)``.
    func measure(rows: Range<Int>, assets: SlidingColumns) {
        let w = window, count = rows.count
        precondition(count <= w && rows.lowerBound + 1 >= w)
        for p in 0..<count {
            keptCounts[p] = 0
            anyGap[p] = false
        }
        let length = Kernels.Pair(repeating: Double(w))
        columnByColumn(rows: rows, assets: assets) { src, at, p in
            let sums = Kernels.windowPairSums(src, w)
            if sums.x.isNaN || sums.y.isNaN {
                let gapped = ColumnWindow.gapped(src, src + 1, w)
                record(sums.x.isNaN ? gapped.0 : ColumnWindow.measure(src, w), at: at, row: p)
                record(sums.y.isNaN ? gapped.1 : ColumnWindow.measure(src + 1, w), at: at, row: p + 1)
            } else {
                let deviations = Kernels.windowPairSquaredDeviations(src, w, mean: sums / length)
                record(ColumnWindow.gapFree(sum: sums.x, squaredDeviations: deviations.x, count: w), at: at, row: p)
                record(ColumnWindow.gapFree(sum: sums.y, squaredDeviations: deviations.y, count: w), at: at, row: p + 1)
            }
        } single: { src, at, p in
            record(ColumnWindow.measure(src, w), at: at, row: p)
        }
    }

    /// Calls `pair` for period rows `p, p + 1` (`p` even) and `single` for an
    /// odd last row, column by column in ascending order, with the column's
    /// first window (row `p`) at `src` and its statistics at `at + p`.
    @inline(__always)
    private func columnByColumn(rows: Range<Int>, assets: SlidingColumns,
                                pair: (_ src: UnsafePointer<Double>, _ at: Int, _ p: Int) -> Void,
                                single: (_ src: UnsafePointer<Double>, _ at: Int, _ p: Int) -> Void) {
        let w = window, count = rows.count
        assets.withStorage(row: rows.lowerBound - w + 1) { base, stride, offset in
            for c in 0..<assetCount {
                let src = base + c * stride + offset
                let at = c * w
                var p = 0
                while p + 2 <= count {
                    pair(src + p, at, p)
                    p += 2
                }
                if p < count { single(src + p, at, p) }
            }
        }
    }

    @inline(__always)
    private func record(_ column: ColumnWindow, at columnStart: Int, row p: Int) {
        let at = columnStart + p
        means[at] = column.mean
        norms[at] = column.norm
        gappedSquares[at] = column.gappedSquares
        kept[at] = column.kept
        gapped[at] = column.gapped
        keptCounts[p] += column.kept ? 1 : 0
        anyGap[p] = anyGap[p] || (column.kept && column.gapped)
    }

    /// The gap-free mean ``ColumnWindow/gapFreeMean(total:selfDot:kept:)`` at
    /// every period row with `≥ 2` kept columns and no gap among them, written
    /// to `out[p]`; other rows' `out[p]` are left alone. Rows `p, p + 1` (`p`
    /// even) share interleaved accumulators at `p·w`
    /// (``Kernels/accumulateStandardisedPair(_:_:mean:scale:active:into:)``);
    /// an odd last row has its own at `p·w`.
    func gapFreeMeans(rows: Range<Int>, assets: SlidingColumns, into out: UnsafeMutablePointer<Double>) {
        let w = window, count = rows.count
        var any = false
        for p in 0..<count {
            gapFree[p] = keptCounts[p] >= 2 && !anyGap[p]
            selfDots[p] = 0
            any = any || gapFree[p]
        }
        guard any else { return }
        var p = 0
        while p < count {
            let span = p + 2 <= count ? 2 : 1
            if gapFree[p] || (span == 2 && gapFree[p + 1]) { (accumulators + p * w).update(repeating: 0, count: span * w) }
            p += span
        }
        columnByColumn(rows: rows, assets: assets) { src, at, p in
            let first = gapFree[p] && kept[at + p], second = gapFree[p + 1] && kept[at + p + 1]
            guard first || second else { return }
            let active = SIMD2<Int64>(first ? 1 : 0, second ? 1 : 0) .== 1
            let dots = Kernels.accumulateStandardisedPair(
                src, w, mean: Kernels.Pair(means[at + p], means[at + p + 1]),
                scale: Kernels.Pair(1 / norms[at + p], 1 / norms[at + p + 1]), active: active,
                into: accumulators + p * w)
            selfDots[p] += dots.x
            selfDots[p + 1] += dots.y
        } single: { src, at, p in
            guard gapFree[p] && kept[at + p] else { return }
            selfDots[p] += Kernels.accumulateStandardised(src, w, mean: means[at + p], scale: 1 / norms[at + p],
                                                          into: accumulators + p * w)
        }
        p = 0
        while p + 2 <= count {
            if gapFree[p] || gapFree[p + 1] {
                let totals = Kernels.interleavedSumsOfSquares(accumulators + p * w, w)
                if gapFree[p] { out[p] = ColumnWindow.gapFreeMean(total: totals.x, selfDot: selfDots[p], kept: keptCounts[p]) }
                if gapFree[p + 1] {
                    out[p + 1] = ColumnWindow.gapFreeMean(total: totals.y, selfDot: selfDots[p + 1], kept: keptCounts[p + 1])
                }
            }
            p += 2
        }
        if p < count && gapFree[p] {
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
