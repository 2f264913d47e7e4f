/// Per-window scratch memory of ``AveragePairwiseCorrelation``: the kept
/// columns' window statistics and the kept set (the two-pass fallback reads the window itself, NaN = missing).
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
        /// `Σx²` over the present rows of each gapped column (set by ``load``) and,
        /// once ``completeSumSquares`` ran, of every kept column.
        let sumSquares: UnsafeMutablePointer<Double>
        let means: UnsafeMutablePointer<Double>
        let norms: UnsafeMutablePointer<Double>
        let accumulator: UnsafeMutablePointer<Double>
        /// Per pair of the current column: covariance, the two variances, usable flag (1/0).
        let pairTerms: UnsafeMutablePointer<Double>
        /// `1/n` for `n = 0 … w` (pair counts are whole numbers).
        let reciprocals: UnsafeMutablePointer<Double>
        let gapped: UnsafeMutablePointer<Bool>
        let kept: UnsafeMutablePointer<Int>
        var keptCount = 0
        private let doubles: UnsafeMutablePointer<Double>

        init(window w: Int, assetCount k: Int) {
            window = w
            assetCount = k
            let doubleCount = 3 * k + w + 4 * k + (w + 1)
            doubles = .allocate(capacity: doubleCount)
            doubles.initialize(repeating: 0, count: doubleCount)
            sumSquares = doubles
            means = sumSquares + k
            norms = means + k
            accumulator = norms + k
            pairTerms = accumulator + w
            reciprocals = pairTerms + 4 * k
            CorrelationWorkspace.fillReciprocals(reciprocals, window: w)
            gapped = .allocate(capacity: k)
            gapped.initialize(repeating: false, count: k)
            kept = .allocate(capacity: k)
            kept.initialize(repeating: 0, count: k)
        }

        deinit {
            doubles.deallocate()
            kept.deallocate()
            gapped.deallocate()
        }
    }

    /// `table[n] = 1/n` for the pair counts `n = 0 … window` (`1/0 = +∞`): the
    /// same numbers as dividing, without the divider (pair counts are whole numbers).
    static func fillReciprocals(_ table: UnsafeMutablePointer<Double>, window: Int) {
        for n in 0...window { table[n] = 1 / Double(n) }
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

    /// Measures every column's window (``ColumnWindow/measure(_:_:)``) whose
    /// first row is at `base + c·stride + offset` for column `c` and records
    /// the kept set. Returns whether any kept column has a missing value.
    func load(base: UnsafePointer<Double>, stride: Int, offset: Int) -> Bool {
        let m = memory
        var keptCount = 0
        var anyGap = false
        for c in 0..<assetCount {
            let column = ColumnWindow.measure(base + c * stride + offset, window)
            m.gapped[c] = column.gapped
            guard column.kept else { continue }
            m.sumSquares[c] = column.gappedSquares
            m.means[c] = column.mean
            m.norms[c] = column.norm
            m.kept[keptCount] = c
            keptCount += 1
            if column.gapped { anyGap = true }
        }
        m.keptCount = keptCount
        return anyGap
    }

    /// `Σx²` over the window for the kept gap-free columns (``load`` did the gapped ones).
    func completeSumSquares(base: UnsafePointer<Double>, stride: Int, offset: Int) {
        let m = memory
        for a in 0..<m.keptCount where !m.gapped[m.kept[a]] {
            let c = m.kept[a]
            m.sumSquares[c] = Kernels.sumOfSquares(base + c * stride + offset, window)
        }
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
        return ColumnWindow.gapFreeMean(total: Kernels.sumOfSquares(acc, w), selfDot: selfDot, kept: m.keptCount)
    }

    /// Mean of the defined pairwise-complete correlations of the kept columns,
    /// from the window's pair sums (see ``PairSums``): per pair
    /// `cov = Σxy − ΣxΣy/n`, `var = Σx² − (Σx)²/n`, `r = cov/√(varₓ·var_y)`.
    /// A pair is taken as is when `n ≥ 2` and it is well conditioned: each
    /// variance above half of its column's whole-window `Σx²` (no cancellation
    /// in the centring) and the rolls' rounding negligible (`scale ≤ L·var`, with
    /// `L = 1e-13 / (span·ε)` for `span` additions and removals since the
    /// rebuild); otherwise it is recomputed with the centred two-pass formula.
    func pairwiseMean(base: UnsafePointer<Double>, stride: Int, offset: Int, sums: PairSums, span: Int) -> Double {
        let m = memory
        let w = window
        let k = assetCount
        let limit = AveragePairwiseCorrelation.conditioningLimit
        let rollLimit = 1e-13 / (Double(span) * Double.ulpOfOne)
        let kept = m.kept
        let keptCount = m.keptCount
        completeSumSquares(base: base, stride: stride, offset: offset)
        @inline(__always) func values(_ c: Int) -> UnsafePointer<Double> { base + c * stride + offset }
        let covs = m.pairTerms
        let varX = covs + k
        let varY = varX + k
        let usable = varY + k
        var total = 0.0
        var defined = 0
        for a in 0..<keptCount {
            let i = kept[a]
            let line = i * k
            let n = sums.count + line, sx = sums.sumX + line, qx = sums.squaresX + line
            let sy = sums.sumY + line, qy = sums.squaresY + line, cross = sums.cross + line
            let qi = m.sumSquares[i], scaleI = sums.scale[i]
            var count = 0
            for b in (a + 1)..<keptCount {
                let j = kept[b]
                let pairs = n[j]
                let inverse = m.reciprocals[min(max(Int(pairs), 0), w)]
                let x = sx[j], y = sy[j]
                let vx = qx[j] - x * x * inverse
                let vy = qy[j] - y * y * inverse
                covs[count] = cross[j] - x * y * inverse
                varX[count] = vx
                varY[count] = vy
                if pairs < 2 {
                    usable[count] = 0
                } else if vx > limit * qi && vy > limit * m.sumSquares[j]
                            && scaleI <= rollLimit * vx && sums.scale[j] <= rollLimit * vy {
                    usable[count] = 1
                } else {
                    usable[count] = 0
                    let r = Kernels.twoPassCorrelation(values(i), values(j), w)
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
