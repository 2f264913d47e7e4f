/// One column's window in ``AveragePairwiseCorrelation`` step 1 (SPEC §2): its
/// present values (NaN = missing) and whether it is kept — at least 2 present
/// values whose sample standard deviation `√(Σ(x − x̄)²/(n − 1))` is above
/// ``AveragePairwiseCorrelation/minimumStandardDeviation``.
///
/// The one place these statistics are defined: the per-row engine
/// (``CorrelationWorkspace/load(base:stride:offset:)``) calls ``measure(_:_:)``;
/// the batch (``PeriodStatistics``) calls it for single windows, and measures
/// four windows at once with the C kernels `kernels_window_statistics`, whose
/// every lane performs the operations of ``measure(_:_:)`` (the chains of
/// ``Kernels/sum(_:_:)`` and ``Kernels/squaredDeviations(_:_:mean:)``, then
/// ``gapFree(sum:squaredDeviations:count:)``'s), and `kernels_window_gapped`,
/// whose lanes run the sums of ``gapped(_:_:_:)`` for windows with a gap
/// (`WindowKernelTests` holds them to this type bit for bit).
struct ColumnWindow {
    /// Whether a value in the window is missing.
    let gapped: Bool
    /// `x̄ = Σx/n` over the present values (meaningful when `kept`).
    let mean: Double
    /// `‖x − x̄‖ = √Σ(x − x̄)²` over the present values (meaningful when `kept`).
    let norm: Double
    /// `Σx²` over the present values of a gapped column with `n ≥ 2`, else 0
    /// (a gap-free column's is ``Kernels/sumOfSquares(_:_:)`` when needed).
    let gappedSquares: Double
    let kept: Bool

    /// Gap-free: `Σx` by ``Kernels/sum(_:_:)``, `Σ(x − x̄)²` by
    /// ``Kernels/squaredDeviations(_:_:mean:)`` about `x̄ = Σx/w`. Gapped (the sum is NaN):
    /// ``gapped(_:_:_:)``.
    @inline(__always)
    static func measure(_ src: UnsafePointer<Double>, _ w: Int) -> ColumnWindow {
        let s = Kernels.sum(src, w)
        if s.isNaN { return gapped(src, src, w).0 }
        return gapFree(sum: s, squaredDeviations: Kernels.squaredDeviations(src, w, mean: s / Double(w)), count: w)
    }

    /// Windows with a missing value, `a[0 ..< w]` and `b[0 ..< w]` in the two
    /// lanes: `n`, `Σx`, `Σx²` and then `Σ(x − x̄)²` over the present values,
    /// one running sum each in row order. A missing value adds +0, which
    /// changes none of them (each starts at +0 and is never −0).
    @inline(__always)
    static func gapped(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ w: Int) -> (ColumnWindow, ColumnWindow) {
        typealias Lanes = Kernels.Pair
        var n = Lanes.zero, s = Lanes.zero, q = Lanes.zero, ss = Lanes.zero
        for t in 0..<w {
            let v = Lanes(a[t], b[t])
            let present = v .== v
            n += Lanes.zero.replacing(with: .one, where: present)
            let x = Lanes.zero.replacing(with: v, where: present)
            s += x
            q += x * x
        }
        let mean = s / n
        for t in 0..<w {
            let v = Lanes(a[t], b[t])
            let d = Lanes.zero.replacing(with: v - mean, where: v .== v)
            ss += d * d
        }
        return (gapped(count: n[0], sum: s[0], squares: q[0], squaredDeviations: ss[0]),
                gapped(count: n[1], sum: s[1], squares: q[1], squaredDeviations: ss[1]))
    }

    /// A window with a missing value from its running sums over the present
    /// values (see ``gapped(_:_:_:)``; `kernels_window_gapped` computes them
    /// for four windows at once): not kept with fewer than 2 present values.
    @inline(__always)
    static func gapped(count n: Double, sum s: Double, squares q: Double, squaredDeviations ss: Double) -> ColumnWindow {
        guard n >= 2 else { return ColumnWindow(gapped: true, mean: 0, norm: 0, gappedSquares: 0, kept: false) }
        return kept(count: Int(n), sum: s, squaredDeviations: ss, gappedSquares: q, gapped: true)
    }

    /// A gap-free window of `w` values from its `Σx` and `Σ(x − x̄)²` (see ``measure(_:_:)``).
    @inline(__always)
    static func gapFree(sum s: Double, squaredDeviations ss: Double, count w: Int) -> ColumnWindow {
        guard w >= 2 else { return ColumnWindow(gapped: false, mean: 0, norm: 0, gappedSquares: 0, kept: false) }
        return kept(count: w, sum: s, squaredDeviations: ss, gappedSquares: 0, gapped: false)
    }

    /// `x̄ = Σx/n`, `‖x − x̄‖ = √Σ(x − x̄)²`, kept when `√(Σ(x − x̄)²/(n − 1))` is above the minimum (`n ≥ 2`).
    @inline(__always)
    private static func kept(count n: Int, sum s: Double, squaredDeviations ss: Double, gappedSquares q: Double,
                             gapped: Bool) -> ColumnWindow {
        let kept = (ss / Double(n - 1)).squareRoot() > AveragePairwiseCorrelation.minimumStandardDeviation
        return ColumnWindow(gapped: gapped, mean: s / Double(n), norm: ss.squareRoot(), gappedSquares: q, kept: kept)
    }

    /// The gap-free mean pairwise correlation `(‖Σᵢ zᵢ‖² − Σᵢ‖zᵢ‖²) / (K(K−1))` from
    /// `total = ‖Σᵢ zᵢ‖²`, `selfDot = Σᵢ‖zᵢ‖²` and the `K` kept columns.
    @inline(__always)
    static func gapFreeMean(total: Double, selfDot: Double, kept: Int) -> Double {
        let k = Double(kept)
        return (total - selfDot) / (k * (k - 1))
    }
}
