/// Average pairwise correlation of asset returns over a window (SPEC §2).
///
/// For the window of rows `r−w+1 … r`:
/// 1. keep the columns with ≥ 2 present values whose sample std of those
///    values is > 1e-10; fewer than 2 kept → missing;
/// 2. for each pair of kept columns, Pearson correlation over the rows where
///    both are present (pairwise-complete), clipped to [−1, 1]; undefined with
///    fewer than 2 such rows or a zero denominator;
/// 3. the feature is the mean of the defined pair correlations.
///
/// Two exact paths give the same number (to rounding) at very different cost:
/// - **No gaps** among kept columns: with `zᵢ = (xᵢ − x̄ᵢ)/‖xᵢ − x̄ᵢ‖`, every
///   pair correlation is `zᵢ·zⱼ`, so `Σᵢ<ⱼ zᵢ·zⱼ = (‖Σᵢ zᵢ‖² − Σᵢ‖zᵢ‖²)/2`:
///   O(K·w) instead of O(K²·w).
/// - **Gaps**: per pair, `n`, `Σx`, `Σx²` over the pair's common rows are the
///   column's window totals minus the rows where the other column is missing
///   (few), and `Σxy` comes from a cross-product matrix of the zero-filled
///   returns. Then `cov = Σxy − ΣxΣy/n`, `var = Σx² − (Σx)²/n`. A pair whose
///   variance is not well conditioned (`var ≤ ½·Σx²`, i.e. n·mean² ≥ var: the one-pass error bound `ε·Σx²/var` exceeds 2ε)
///   is recomputed with the centred two-pass formula instead.
///
/// The cross-product matrix is rolled forward one row at a time
/// (`C += a aᵀ − b bᵀ`) and rebuilt exactly from the window's rows at every
/// anchor row `r ≡ w−1 (mod w)`, so rounding from additions and removals never
/// outlives one window. Its value at row `r` is therefore a pure function of
/// the rows `anchor(r)−w+1 … r`: the batch and the incremental engine, and a
/// restored snapshot, all compute the same bits.
public struct AveragePairwiseCorrelation: Sendable {
    public let window: Int
    public let assetCount: Int

    /// Columns whose sample std is at or below this are dropped from a window.
    public static let minimumStandardDeviation = 1e-10
    static let conditioningLimit = 0.5

    private var filled: [Double]
    private var mask: [Double]
    private var presentCount: [Double]
    private var sums: [Double]
    private var sumSquares: [Double]
    private var means: [Double]
    private var norms: [Double]
    private var kept: [Int]
    private var missingRows: [[Int]]
    private var accumulator: [Double]
    private var entering: [Double]
    private var leaving: [Double]
    private var cross: [Double]
    private var crossRow = -1

    public init(window: Int, assetCount: Int) {
        self.window = window
        self.assetCount = assetCount
        filled = [Double](repeating: 0, count: window * assetCount)
        mask = [Double](repeating: 0, count: window * assetCount)
        presentCount = [Double](repeating: 0, count: assetCount)
        sums = presentCount
        sumSquares = presentCount
        means = presentCount
        norms = presentCount
        kept = []
        missingRows = [[Int]](repeating: [], count: assetCount)
        accumulator = [Double](repeating: 0, count: window)
        entering = presentCount
        leaving = presentCount
        cross = []
    }

    /// Rows of history the caller must keep readable: the rebuild replays up to `2w − 1` rows.
    public var requiredHistory: Int { 2 * window }

    /// The feature at absolute row `row` of `assets` (NaN while the window is not full).
    public mutating func value(at row: Int, assets: SlidingColumns) -> Double {
        guard row + 1 >= window, assetCount >= 2 else { return .nan }
        let start = row - window + 1
        let anyGap = assets.withStorage(row: start) { base, stride, offset in
            loadWindow(base: base, stride: stride, offset: offset)
        }
        if kept.count < 2 { return .nan }
        if !anyGap { return fastMean() }
        advanceCross(to: row, assets: assets)
        return pairwiseMean()
    }

    /// Copies the window, computes per-column totals and the kept set.
    /// Returns whether any kept column has a missing value in the window.
    private mutating func loadWindow(base: UnsafePointer<Double>, stride: Int, offset: Int) -> Bool {
        let w = window
        kept.removeAll(keepingCapacity: true)
        var anyGap = false
        for c in 0..<assetCount {
            let src = base + c * stride + offset
            var n = 0
            var s = 0.0
            missingRows[c].removeAll(keepingCapacity: true)
            filled.withUnsafeMutableBufferPointer { f in
                mask.withUnsafeMutableBufferPointer { m in
                    for t in 0..<w {
                        let v = src[t]
                        if v.isNaN {
                            f[c * w + t] = 0
                            m[c * w + t] = 0
                            missingRows[c].append(t)
                        } else {
                            f[c * w + t] = v
                            m[c * w + t] = 1
                            n += 1
                            s += v
                        }
                    }
                }
            }
            presentCount[c] = Double(n)
            sums[c] = s
            guard n >= 2 else { continue }
            let mean = s / Double(n)
            var ss = 0.0
            var q = 0.0
            for t in 0..<w where !src[t].isNaN {
                let d = src[t] - mean
                ss += d * d
                q += src[t] * src[t]
            }
            sumSquares[c] = q
            means[c] = mean
            norms[c] = ss.squareRoot()
            let std = (ss / Double(n - 1)).squareRoot()
            if std > AveragePairwiseCorrelation.minimumStandardDeviation {
                kept.append(c)
                if n < w { anyGap = true }
            }
        }
        return anyGap
    }

    /// Gap-free window: `(‖Σ zᵢ‖² − Σ‖zᵢ‖²) / (K(K−1))`.
    private mutating func fastMean() -> Double {
        let w = window
        var selfDot = 0.0
        accumulator.withUnsafeMutableBufferPointer { acc in
            for t in 0..<w { acc[t] = 0 }
            filled.withUnsafeBufferPointer { f in
                for c in kept {
                    let m = means[c]
                    let inv = 1 / norms[c]
                    let col = f.baseAddress! + c * w
                    for t in 0..<w {
                        let z = (col[t] - m) * inv
                        acc[t] += z
                        selfDot += z * z
                    }
                }
            }
        }
        var total = 0.0
        for t in 0..<w { total += accumulator[t] * accumulator[t] }
        let k = Double(kept.count)
        return (total - selfDot) / (k * (k - 1))
    }

    /// Mean of the defined pairwise-complete correlations (window already loaded).
    private func pairwiseMean() -> Double {
        let w = window
        let k = assetCount
        var total = 0.0
        var defined = 0
        filled.withUnsafeBufferPointer { f in
            mask.withUnsafeBufferPointer { m in
                cross.withUnsafeBufferPointer { cr in
                    for (a, i) in kept.enumerated() {
                        let fi = f.baseAddress! + i * w
                        let mi = m.baseAddress! + i * w
                        let missI = missingRows[i]
                        for j in kept[(a + 1)...] {
                            let fj = f.baseAddress! + j * w
                            let mj = m.baseAddress! + j * w
                            var n = presentCount[i]
                            var sx = sums[i], qx = sumSquares[i]
                            for t in missingRows[j] {
                                n -= mi[t]; sx -= fi[t]; qx -= fi[t] * fi[t]
                            }
                            var sy = sums[j], qy = sumSquares[j]
                            for t in missI {
                                sy -= fj[t]; qy -= fj[t] * fj[t]
                            }
                            guard n >= 2 else { continue }
                            let vx = qx - sx * sx / n
                            let vy = qy - sy * sy / n
                            let r: Double
                            if vx > AveragePairwiseCorrelation.conditioningLimit * qx,
                               vy > AveragePairwiseCorrelation.conditioningLimit * qy {
                                let cov = cr[i * k + j] - sx * sy / n
                                r = cov / (vx * vy).squareRoot()
                            } else {
                                r = AveragePairwiseCorrelation.twoPassCorrelation(fi, mi, fj, mj, count: w)
                            }
                            if r.isNaN { continue }
                            total += min(1, max(-1, r))
                            defined += 1
                        }
                    }
                }
            }
        }
        return defined > 0 ? total / Double(defined) : .nan
    }

    /// Centred two-pass Pearson correlation over rows where both masks are 1;
    /// NaN with fewer than 2 such rows or a zero denominator.
    static func twoPassCorrelation(_ x: UnsafePointer<Double>, _ mx: UnsafePointer<Double>,
                                   _ y: UnsafePointer<Double>, _ my: UnsafePointer<Double>, count w: Int) -> Double {
        var n = 0.0, sx = 0.0, sy = 0.0
        for t in 0..<w where mx[t] == 1 && my[t] == 1 {
            n += 1; sx += x[t]; sy += y[t]
        }
        guard n >= 2 else { return .nan }
        let ax = sx / n, ay = sy / n
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for t in 0..<w where mx[t] == 1 && my[t] == 1 {
            let dx = x[t] - ax, dy = y[t] - ay
            sxx += dx * dx; syy += dy * dy; sxy += dx * dy
        }
        let d = (sxx * syy).squareRoot()
        return d == 0 ? .nan : sxy / d
    }

    // MARK: cross-product matrix of zero-filled returns

    /// The anchor at or before `row`: the latest `a ≤ row` with `a ≡ w−1 (mod w)`.
    func anchor(_ row: Int) -> Int { (window - 1) + ((row - (window - 1)) / window) * window }

    private mutating func advanceCross(to row: Int, assets: SlidingColumns) {
        if crossRow == row { return }
        if cross.isEmpty { cross = [Double](repeating: 0, count: assetCount * assetCount) }
        let a = anchor(row)
        if crossRow >= a && crossRow < row {
            while crossRow < row { roll(to: crossRow + 1, assets: assets) }
            return
        }
        rebuild(at: a, assets: assets)
        while crossRow < row { roll(to: crossRow + 1, assets: assets) }
    }

    private static func gather(_ row: Int, into target: inout [Double], assets: SlidingColumns) {
        let count = target.count
        assets.withStorage(row: row) { base, stride, offset in
            for c in 0..<count {
                let v = base[c * stride + offset]
                target[c] = v.isNaN ? 0 : v
            }
        }
    }

    /// `C = Σ_{t = a−w+1 … a} x_t x_tᵀ` (upper triangle), accumulated in row order.
    private mutating func rebuild(at a: Int, assets: SlidingColumns) {
        let k = assetCount
        cross.withUnsafeMutableBufferPointer { c in
            for idx in 0..<c.count { c[idx] = 0 }
        }
        for t in (a - window + 1)...a {
            Self.gather(t, into: &entering, assets: assets)
            entering.withUnsafeBufferPointer { x in
                cross.withUnsafeMutableBufferPointer { c in
                    for i in 0..<k {
                        let xi = x[i]
                        if xi == 0 { continue }
                        let rowBase = c.baseAddress! + i * k
                        for j in (i + 1)..<max(i + 1, k) { rowBase[j] += xi * x[j] }
                    }
                }
            }
        }
        crossRow = a
    }

    /// `C(r) = C(r−1) + x_r x_rᵀ − x_{r−w} x_{r−w}ᵀ`.
    private mutating func roll(to row: Int, assets: SlidingColumns) {
        let k = assetCount
        Self.gather(row, into: &entering, assets: assets)
        Self.gather(row - window, into: &leaving, assets: assets)
        entering.withUnsafeBufferPointer { a in
            leaving.withUnsafeBufferPointer { b in
                cross.withUnsafeMutableBufferPointer { c in
                    for i in 0..<k {
                        let ai = a[i], bi = b[i]
                        if ai == 0 && bi == 0 { continue }
                        let rowBase = c.baseAddress! + i * k
                        for j in (i + 1)..<max(i + 1, k) { rowBase[j] = (rowBase[j] + ai * a[j]) - bi * b[j] }
                    }
                }
            }
        }
        crossRow = row
    }
}
