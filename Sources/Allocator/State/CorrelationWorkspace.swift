/// Per-window scratch memory of ``AveragePairwiseCorrelation``: column totals,
/// the kept set, zero-filled copies of gapped columns and their missing rows.
///
/// It carries no information from one window to the next. The memory is a
/// raw allocation (so the hot loops run on plain pointers without bounds
/// checks) held by a reference; ``makeUnique()`` gives a copied engine its own
/// before it writes (copy-on-write), so the owning struct keeps value semantics.
struct CorrelationWorkspace: @unchecked Sendable {
    let window: Int
    let assetCount: Int
    private var memory: Memory

    /// Pointers into one allocation; see ``Memory/init(window:assetCount:)`` for the layout.
    final class Memory {
        let window: Int
        let assetCount: Int
        /// Zero-filled copy of each gapped column (`c·w …`).
        let filled: UnsafeMutablePointer<Double>
        /// Presence (1/0) of each gapped column (`c·w …`), then one row of ones.
        let mask: UnsafeMutablePointer<Double>
        let presentCount: UnsafeMutablePointer<Double>
        let sums: UnsafeMutablePointer<Double>
        let sumSquares: UnsafeMutablePointer<Double>
        let means: UnsafeMutablePointer<Double>
        let norms: UnsafeMutablePointer<Double>
        let accumulator: UnsafeMutablePointer<Double>
        /// Per pair of the current row: covariance, the two variances, usable flag
        /// (set when the one-pass terms are well conditioned: each variance over
        /// the pair's rows above half the column's whole-window `Σx²`, so neither
        /// the centring nor the removal of the other column's missing rows cancels).
        let pairTerms: UnsafeMutablePointer<Double>
        /// Missing rows of each column padded to an even length (`c·(w+2) …`): the row and
        /// weight 1, or row 0 with weight 0 as padding, so the correction loops can take
        /// two rows per turn without a remainder branch.
        let paddedRows: UnsafeMutablePointer<Int>
        let paddedWeights: UnsafeMutablePointer<Double>
        let paddedLength: UnsafeMutablePointer<Int>
        /// `1/n` for `n = 0 … w`.
        let reciprocals: UnsafeMutablePointer<Double>
        let gapped: UnsafeMutablePointer<Bool>
        let kept: UnsafeMutablePointer<Int>
        var keptCount = 0
        /// Missing rows of column `c`: `missingRows[missingStart[c] ..< missingStart[c+1]]`.
        let missingStart: UnsafeMutablePointer<Int>
        let missingRows: UnsafeMutablePointer<Int>
        private let doubles: UnsafeMutablePointer<Double>
        private let ints: UnsafeMutablePointer<Int>

        init(window w: Int, assetCount k: Int) {
            window = w
            assetCount = k
            let doubleCount = 2 * w * k + w + 5 * k + w + 4 * k + (w + 2) * k + (w + 1)
            doubles = .allocate(capacity: doubleCount)
            doubles.initialize(repeating: 0, count: doubleCount)
            filled = doubles
            mask = filled + w * k
            presentCount = mask + w * (k + 1)
            sums = presentCount + k
            sumSquares = sums + k
            means = sumSquares + k
            norms = means + k
            accumulator = norms + k
            pairTerms = accumulator + w
            paddedWeights = pairTerms + 4 * k
            reciprocals = paddedWeights + (w + 2) * k
            for t in 0..<w { mask[k * w + t] = 1 }
            for n in 0...w { reciprocals[n] = 1 / Double(n) }
            gapped = .allocate(capacity: k)
            gapped.initialize(repeating: false, count: k)
            let intCount = k + (k + 1) + w * k + (w + 2) * k + k
            ints = .allocate(capacity: intCount)
            ints.initialize(repeating: 0, count: intCount)
            kept = ints
            missingStart = kept + k
            missingRows = missingStart + k + 1
            paddedRows = missingRows + w * k
            paddedLength = paddedRows + (w + 2) * k
        }

        deinit {
            doubles.deallocate()
            ints.deallocate()
            gapped.deallocate()
        }
    }

    init(window: Int, assetCount: Int) {
        self.window = window
        self.assetCount = assetCount
        memory = Memory(window: window, assetCount: assetCount)
    }

    /// Gives this value its own scratch memory when it shares it with a copy.
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&memory) { memory = Memory(window: window, assetCount: assetCount) }
    }

    var keptCount: Int { memory.keptCount }

    /// Computes per-column totals and the kept set for the window whose first
    /// row is at `base + c·stride + offset` for column `c`. Returns whether any
    /// kept column has a missing value.
    func load(base: UnsafePointer<Double>, stride: Int, offset: Int) -> Bool {
        let m = memory
        let w = window
        var keptCount = 0
        var anyGap = false
        var missingCount = 0
        let minimumStd = AveragePairwiseCorrelation.minimumStandardDeviation
        for c in 0..<assetCount {
            m.missingStart[c] = missingCount
            let src = base + c * stride + offset
            var n = w
            var s = Kernels.sum(src, w)
            var ss = 0.0
            if s.isNaN {
                m.gapped[c] = true
                n = 0
                s = 0
                let fc = m.filled + c * w
                let mc = m.mask + c * w
                for t in 0..<w {
                    let v = src[t]
                    if v.isNaN {
                        fc[t] = 0; mc[t] = 0
                        m.missingRows[missingCount] = t; missingCount += 1
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
                    m.sumSquares[c] = q
                }
            } else {
                m.gapped[c] = false
                ss = Kernels.squaredDeviations(src, w, mean: s / Double(w))
            }
            m.presentCount[c] = Double(n)
            m.sums[c] = s
            guard n >= 2 else { continue }
            m.means[c] = s / Double(n)
            m.norms[c] = ss.squareRoot()
            if (ss / Double(n - 1)).squareRoot() > minimumStd {
                m.kept[keptCount] = c
                keptCount += 1
                if m.gapped[c] { anyGap = true }
            }
        }
        m.missingStart[assetCount] = missingCount
        m.keptCount = keptCount
        return anyGap
    }

    /// Gap-free window: `(‖Σ zᵢ‖² − Σ‖zᵢ‖²) / (K(K−1))`.
    func gapFreeMean(base: UnsafePointer<Double>, stride: Int, offset: Int) -> Double {
        let m = memory
        let w = window
        let acc = m.accumulator
        acc.update(repeating: 0, count: w)
        var selfDot = 0.0
        for a in 0..<m.keptCount {
            let c = m.kept[a]
            selfDot += Kernels.accumulateStandardised(base + c * stride + offset, w, mean: m.means[c],
                                                      scale: 1 / m.norms[c], into: acc)
        }
        let total = Kernels.sumOfSquares(acc, w)
        let k = Double(m.keptCount)
        return (total - selfDot) / (k * (k - 1))
    }

    /// Mean of the defined pairwise-complete correlations; `cross` holds `Σ xᵢxⱼ`
    /// of the zero-filled window (row-major `K×K`, upper triangle).
    /// `crossScale[c]` is the largest `x²` of column `c` that went through `cross`
    /// over its last `crossSpan` additions and removals (see ``AveragePairwiseCorrelation``).
    func pairwiseMean(base: UnsafePointer<Double>, stride: Int, offset: Int, cross: UnsafePointer<Double>,
                      crossScale: UnsafePointer<Double>, crossSpan: Int) -> Double {
        let m = memory
        let w = window
        let k = assetCount
        let limit = AveragePairwiseCorrelation.conditioningLimit
        // Largest (scaleᵢ·scaleⱼ) / (varₓ·var_y) for which the roll's rounding stays below 1e-13 relative.
        let rollLimit = 1e-13 / (Double(crossSpan) * Double.ulpOfOne)
        let rollLimitSquared = rollLimit * rollLimit
        let kept = m.kept
        let keptCount = m.keptCount
        // Σx² over present rows for gap-free kept columns (gapped ones were done in `load`).
        for a in 0..<keptCount where !m.gapped[kept[a]] {
            let c = kept[a]
            m.sumSquares[c] = Kernels.sumOfSquares(base + c * stride + offset, w)
        }
        @inline(__always) func values(_ c: Int) -> UnsafePointer<Double> {
            m.gapped[c] ? UnsafePointer(m.filled + c * w) : base + c * stride + offset
        }
        @inline(__always) func presence(_ c: Int) -> UnsafePointer<Double> {
            UnsafePointer(m.gapped[c] ? m.mask + c * w : m.mask + k * w)
        }
        let covs = m.pairTerms
        let varX = covs + k
        let varY = varX + k
        let usable = varY + k
        // Pad each missing-row list to an even length (the correction loops take two rows per turn).
        let stridePadded = w + 2
        for a in 0..<keptCount {
            let c = kept[a]
            let count = m.missingStart[c + 1] - m.missingStart[c]
            let length = count + (count & 1)
            m.paddedLength[c] = length
            let rows = m.paddedRows + c * stridePadded, weights = m.paddedWeights + c * stridePadded
            for r in 0..<length {
                rows[r] = r < count ? m.missingRows[m.missingStart[c] + r] : 0
                weights[r] = r < count ? 1 : 0
            }
        }
        var total = 0.0
        var defined = 0
        for a in 0..<keptCount {
            let i = kept[a]
            let xi = values(i), mi = presence(i)
            let rowsI = m.paddedRows + i * stridePadded, weightsI = m.paddedWeights + i * stridePadded
            let lengthI = m.paddedLength[i]
            let crossLine = cross + i * k
            let ni = m.presentCount[i], si = m.sums[i], qi = m.sumSquares[i]
            var count = 0
            for b in (a + 1)..<keptCount {
                let j = kept[b]
                let xj = values(j)
                let rowsJ = m.paddedRows + j * stridePadded, weightsJ = m.paddedWeights + j * stridePadded
                // Σ over rows where the other column is missing, in two interleaved halves.
                var cn0 = 0.0, cx0 = 0.0, cq0 = 0.0, cy0 = 0.0, cr0 = 0.0
                var cn1 = 0.0, cx1 = 0.0, cq1 = 0.0, cy1 = 0.0, cr1 = 0.0
                var r = 0
                let lengthJ = m.paddedLength[j]
                while r < lengthJ {
                    let t0 = rowsJ[r], w0 = weightsJ[r], t1 = rowsJ[r + 1], w1 = weightsJ[r + 1]
                    let v0 = w0 * xi[t0], v1 = w1 * xi[t1]
                    cn0 += w0 * mi[t0]; cx0 += v0; cq0 += v0 * xi[t0]
                    cn1 += w1 * mi[t1]; cx1 += v1; cq1 += v1 * xi[t1]
                    r += 2
                }
                r = 0
                while r < lengthI {
                    let s0 = rowsI[r], u0 = weightsI[r], s1 = rowsI[r + 1], u1 = weightsI[r + 1]
                    let y0 = u0 * xj[s0], y1 = u1 * xj[s1]
                    cy0 += y0; cr0 += y0 * xj[s0]
                    cy1 += y1; cr1 += y1 * xj[s1]
                    r += 2
                }
                let n = ni - (cn0 + cn1), sx = si - (cx0 + cx1), qx = qi - (cq0 + cq1)
                let sy = m.sums[j] - (cy0 + cy1), qy = m.sumSquares[j] - (cr0 + cr1)
                let inverseN = m.reciprocals[Int(n)]
                let vx = qx - sx * sx * inverseN
                let vy = qy - sy * sy * inverseN
                covs[count] = crossLine[j] - sx * sy * inverseN
                varX[count] = vx
                varY[count] = vy
                if n < 2 {
                    usable[count] = 0
                } else if vx > limit * qi && vy > limit * m.sumSquares[j]
                            && crossScale[i] * crossScale[j] <= rollLimitSquared * (vx * vy) {
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
        return defined > 0 ? total / Double(defined) : .nan
    }
}
