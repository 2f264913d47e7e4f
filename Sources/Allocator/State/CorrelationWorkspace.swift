/// Per-window scratch state of ``AveragePairwiseCorrelation``: column totals,
/// the kept set, zero-filled copies of gapped columns and their missing rows.
/// Holds no information between windows.
struct CorrelationWorkspace: Sendable {
    let window: Int
    let assetCount: Int

    /// Zero-filled copy of each gapped column (`c·w …`); unused for gap-free columns.
    private var filled: [Double]
    /// 1 where present, 0 where missing, for gapped columns; a shared row of ones at the end.
    private var mask: [Double]
    private var gapped: [Bool]
    private var presentCount: [Double]
    private var sums: [Double]
    private var sumSquares: [Double]
    private var means: [Double]
    private var norms: [Double]
    private(set) var kept: [Int]
    /// Missing rows of column `c`: `missingRows[missingStart[c] ..< missingStart[c+1]]`.
    private var missingStart: [Int]
    private var missingRows: [Int]
    private var accumulator: [Double]
    private var pairTerms: [Double]

    init(window: Int, assetCount: Int) {
        self.window = window
        self.assetCount = assetCount
        filled = [Double](repeating: 0, count: window * assetCount)
        mask = [Double](repeating: 1, count: window * (assetCount + 1))
        gapped = [Bool](repeating: false, count: assetCount)
        presentCount = [Double](repeating: 0, count: assetCount)
        sums = presentCount
        sumSquares = presentCount
        means = presentCount
        norms = presentCount
        kept = []
        kept.reserveCapacity(assetCount)
        missingStart = [Int](repeating: 0, count: assetCount + 1)
        missingRows = [Int](repeating: 0, count: window * assetCount)
        accumulator = [Double](repeating: 0, count: window)
        pairTerms = [Double](repeating: 0, count: 4 * assetCount)
    }

    /// Computes per-column totals and the kept set for the window whose first
    /// row is at `base + c·stride + offset` for column `c`. Returns whether any
    /// kept column has a missing value.
    mutating func load(base: UnsafePointer<Double>, stride: Int, offset: Int) -> Bool {
        let w = window
        kept.removeAll(keepingCapacity: true)
        var anyGap = false
        var missingCount = 0
        let minimumStd = AveragePairwiseCorrelation.minimumStandardDeviation
        for c in 0..<assetCount {
            missingStart[c] = missingCount
            let src = base + c * stride + offset
            var n = w
            var s = Kernels.sum(src, w)
            var ss = 0.0
            if s.isNaN {
                gapped[c] = true
                n = 0
                s = 0
                filled.withUnsafeMutableBufferPointer { f in
                    mask.withUnsafeMutableBufferPointer { m in
                        missingRows.withUnsafeMutableBufferPointer { miss in
                            let fc = f.baseAddress! + c * w
                            let mc = m.baseAddress! + c * w
                            for t in 0..<w {
                                let v = src[t]
                                if v.isNaN {
                                    fc[t] = 0; mc[t] = 0
                                    miss[missingCount] = t; missingCount += 1
                                } else {
                                    fc[t] = v; mc[t] = 1
                                    n += 1; s += v
                                }
                            }
                            if n >= 2 {
                                let mean = s / Double(n)
                                var q = 0.0
                                for t in 0..<w where mc[t] == 1 {
                                    let d = fc[t] - mean
                                    ss += d * d
                                    q += fc[t] * fc[t]
                                }
                                sumSquares[c] = q
                            }
                        }
                    }
                }
            } else {
                gapped[c] = false
                ss = Kernels.squaredDeviations(src, w, mean: s / Double(w))
            }
            presentCount[c] = Double(n)
            sums[c] = s
            guard n >= 2 else { continue }
            means[c] = s / Double(n)
            norms[c] = ss.squareRoot()
            if (ss / Double(n - 1)).squareRoot() > minimumStd {
                kept.append(c)
                if gapped[c] { anyGap = true }
            }
        }
        missingStart[assetCount] = missingCount
        return anyGap
    }

    /// Gap-free window: `(‖Σ zᵢ‖² − Σ‖zᵢ‖²) / (K(K−1))`.
    mutating func gapFreeMean(base: UnsafePointer<Double>, stride: Int, offset: Int) -> Double {
        let w = window
        var selfDot = 0.0
        accumulator.withUnsafeMutableBufferPointer { acc in
            acc.update(repeating: 0)
            for c in kept {
                selfDot += Kernels.accumulateStandardised(base + c * stride + offset, w, mean: means[c],
                                                          scale: 1 / norms[c], into: acc.baseAddress!)
            }
        }
        let total = accumulator.withUnsafeBufferPointer { Kernels.sumOfSquares($0.baseAddress!, w) }
        let k = Double(kept.count)
        return (total - selfDot) / (k * (k - 1))
    }

    /// Mean of the defined pairwise-complete correlations, `cross` holding `Σ xᵢxⱼ`
    /// of the zero-filled window (row-major, upper triangle).
    mutating func pairwiseMean(base: UnsafePointer<Double>, stride: Int, offset: Int,
                               cross: UnsafePointer<Double>) -> Double {
        let w = window
        let k = assetCount
        let limit = AveragePairwiseCorrelation.conditioningLimit
        // Σx² over present rows for gap-free kept columns (gapped ones were done in `load`).
        for c in kept where !gapped[c] {
            sumSquares[c] = Kernels.sumOfSquares(base + c * stride + offset, w)
        }
        var total = 0.0
        var defined = 0
        filled.withUnsafeBufferPointer { f in
        mask.withUnsafeBufferPointer { m in
        missingRows.withUnsafeBufferPointer { miss in
        kept.withUnsafeBufferPointer { keptList in
        pairTerms.withUnsafeMutableBufferPointer { terms in
            let ones = m.baseAddress! + k * w
            func values(_ c: Int) -> UnsafePointer<Double> {
                gapped[c] ? f.baseAddress! + c * w : base + c * stride + offset
            }
            func presence(_ c: Int) -> UnsafePointer<Double> { gapped[c] ? m.baseAddress! + c * w : ones }
            let covs = terms.baseAddress!
            let varX = covs + k
            let varY = varX + k
            let usable = varY + k
            for a in 0..<keptList.count {
                let i = keptList[a]
                let xi = values(i), mi = presence(i)
                let missI = miss.baseAddress! + missingStart[i]
                let missICount = missingStart[i + 1] - missingStart[i]
                let crossLine = cross + i * k
                var count = 0
                for b in (a + 1)..<keptList.count {
                    let j = keptList[b]
                    let xj = values(j)
                    var n = presentCount[i]
                    var sx = sums[i], qx = sumSquares[i]
                    for r in missingStart[j]..<missingStart[j + 1] {
                        let t = miss[r]
                        n -= mi[t]; sx -= xi[t]; qx -= xi[t] * xi[t]
                    }
                    var sy = sums[j], qy = sumSquares[j]
                    for r in 0..<missICount {
                        let t = missI[r]
                        sy -= xj[t]; qy -= xj[t] * xj[t]
                    }
                    let vx = qx - sx * sx / n
                    let vy = qy - sy * sy / n
                    covs[count] = crossLine[j] - sx * sy / n
                    varX[count] = vx
                    varY[count] = vy
                    if n < 2 {
                        usable[count] = 0
                    } else if vx > limit * qx && vy > limit * qy {
                        usable[count] = 1
                    } else {
                        usable[count] = 0
                        let r = Kernels.twoPassCorrelation(xi, mi, xj, presence(j), w)
                        if !r.isNaN { total += min(1, max(-1, r)); defined += 1 }
                    }
                    count += 1
                }
                let (s, d) = Kernels.sumClippedCorrelations(covs, varX, varY, usable, count)
                total += s
                defined += d
            }
        }}}}}
        return defined > 0 ? total / Double(defined) : .nan
    }
}
