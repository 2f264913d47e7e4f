/// One line of ``PairSums`` (column `i` against every `j > i`): six pointers
/// indexed by `j`, with the two operations the kernel applies to it.
struct PairLine {
    let count: UnsafeMutablePointer<Double>
    let sumX: UnsafeMutablePointer<Double>
    let squaresX: UnsafeMutablePointer<Double>
    let sumY: UnsafeMutablePointer<Double>
    let squaresY: UnsafeMutablePointer<Double>
    let cross: UnsafeMutablePointer<Double>

    /// Zeroes the line's `k` entries of every sum.
    @inline(__always)
    func clear(_ k: Int) {
        count.update(repeating: 0, count: k)
        sumX.update(repeating: 0, count: k)
        squaresX.update(repeating: 0, count: k)
        sumY.update(repeating: 0, count: k)
        squaresY.update(repeating: 0, count: k)
        cross.update(repeating: 0, count: k)
    }

    /// Adds the terms of row `(x, m)` for pairs `(i, j > i)` and removes those of
    /// row `out` (`nil`: only add); see ``PairSums`` for the six sums.
    @inline(__always)
    func update(_ i: Int, _ k: Int, _ x: UnsafePointer<Double>, _ m: UnsafePointer<Double>,
                removing out: (x: UnsafePointer<Double>, m: UnsafePointer<Double>)?) {
        let xi = x[i], mi = m[i]
        let bi = out?.x[i] ?? 0, ni = out?.m[i] ?? 0
        if mi == 0 && ni == 0 { return }
        let n = count, sx = sumX, qx = squaresX, sy = sumY, qy = squaresY, c = cross
        let xi2 = xi * xi, bi2 = bi * bi
        if let out {
            let bx = out.x, bm = out.m
            for j in (i + 1)..<max(i + 1, k) {
                n[j] = (n[j] + mi * m[j]) - ni * bm[j]
                sx[j] = (sx[j] + xi * m[j]) - bi * bm[j]
                qx[j] = (qx[j] + xi2 * m[j]) - bi2 * bm[j]
                sy[j] = (sy[j] + mi * x[j]) - ni * bx[j]
                qy[j] = (qy[j] + mi * (x[j] * x[j])) - ni * (bx[j] * bx[j])
                c[j] = (c[j] + xi * x[j]) - bi * bx[j]
            }
        } else {
            for j in (i + 1)..<max(i + 1, k) {
                n[j] += mi * m[j]
                sx[j] += xi * m[j]
                qx[j] += xi2 * m[j]
                sy[j] += mi * x[j]
                qy[j] += mi * (x[j] * x[j])
                c[j] += xi * x[j]
            }
        }
    }

    /// What one row's mean needs besides the sums.
    struct MeanContext {
        /// Kept columns, ascending, and how many.
        let kept: UnsafePointer<Int>
        let keptCount: Int
        /// `Σx²` over present rows, by column.
        let sumSquares: UnsafePointer<Double>
        /// Largest `x²` added since the rebuild, by column.
        let scale: UnsafePointer<Double>
        /// `1/n` for `n = 0 … w`.
        let reciprocals: UnsafePointer<Double>
        let window: Int
        /// `L = 1e-13 / (2w·ε)`.
        let rollLimit: Double
        /// Scratch for four terms per pair of the line (stride ≥ `keptCount`).
        let terms: UnsafeMutablePointer<Double>
        /// First row of the window of column 0, and the column stride.
        let source: UnsafePointer<Double>
        let stride: Int
    }

    /// Adds the clipped correlations of the pairs `(kept[a], kept[b > a])` to
    /// `total` and their number to `defined`: per pair `cov = Σxy − ΣxΣy/n`,
    /// `var = Σx² − (Σx)²/n`, `r = cov/√(varₓ·var_y)`, taken as is when `n ≥ 2`
    /// and well conditioned (each variance above half its column's `Σx²`, and
    /// `scale ≤ L·var`), else recomputed with the centred two-pass formula
    /// (added to `total` at once, before the line's other terms).
    @inline(__always)
    func accumulateMean(_ a: Int, _ context: MeanContext, _ total: inout Double, _ defined: inout Int) {
        let kept = context.kept
        let i = kept[a]
        let w = context.window
        let limit = AveragePairwiseCorrelation.conditioningLimit
        let rollLimit = context.rollLimit
        let qi = context.sumSquares[i], scaleI = context.scale[i]
        let stride = context.keptCount
        let covs = context.terms, varX = covs + stride, varY = varX + stride, usable = varY + stride
        var count = 0
        for b in (a + 1)..<context.keptCount {
            let j = kept[b]
            let pairs = self.count[j]
            let inverse = context.reciprocals[min(max(Int(pairs), 0), w)]
            let x = sumX[j], y = sumY[j]
            let vx = squaresX[j] - x * x * inverse
            let vy = squaresY[j] - y * y * inverse
            covs[count] = cross[j] - x * y * inverse
            varX[count] = vx
            varY[count] = vy
            if pairs < 2 {
                usable[count] = 0
            } else if vx > limit * qi && vy > limit * context.sumSquares[j]
                        && scaleI <= rollLimit * vx && context.scale[j] <= rollLimit * vy {
                usable[count] = 1
            } else {
                usable[count] = 0
                let r = Kernels.twoPassCorrelation(context.source + i * context.stride,
                                                   context.source + j * context.stride, w)
                if !r.isNaN { total += min(1, max(-1, r)); defined += 1 }
            }
            count += 1
        }
        let (s, d) = Kernels.sumClippedCorrelations(covs, varX, varY, usable, count)
        total += s
        defined += d
    }
}
