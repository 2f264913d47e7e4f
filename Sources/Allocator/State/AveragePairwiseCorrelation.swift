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
/// - **Gaps**: every pair's `n`, `Σx`, `Σx²`, `Σy`, `Σy²`, `Σxy` over the rows
///   where both are present are kept in ``PairSums`` and rolled one row at a
///   time (O(K²) per row, not O(K²·w)); then `cov = Σxy − ΣxΣy/n`,
///   `var = Σx² − (Σx)²/n`. A pair that is not well conditioned — a variance at
///   or below half of its column's `Σx²` over the whole window (the centring
///   would cancel digits), or a column that saw a value so large that the
///   rolls' rounding (`2w·ε·max x²`) could reach 1e-13 of its variance (a bad
///   print) — is recomputed with the centred two-pass formula instead.
///
/// The pair sums are rebuilt exactly from the window's rows at every anchor
/// row `r ≡ w−1 (mod w)`, so rounding from additions and removals never
/// outlives one window, and their value at row `r` is a pure function of the
/// rows `anchor(r)−w+1 … r`: the batch, the incremental engine and a restored
/// snapshot all compute the same bits.
package struct AveragePairwiseCorrelation: Sendable {
    package let window: Int
    package let assetCount: Int

    /// Columns whose sample std is at or below this are dropped from a window.
    package static let minimumStandardDeviation = 1e-10
    static let conditioningLimit = 0.5

    private var work: CorrelationWorkspace
    private var sums: PairSums?

    package init(window: Int, assetCount: Int) {
        self.window = window
        self.assetCount = assetCount
        work = CorrelationWorkspace(window: window, assetCount: assetCount)
    }

    /// Rows of history the caller must keep readable: the rebuild replays up to `2w − 1` rows.
    package var requiredHistory: Int { 2 * window }

    /// The feature at absolute row `row` of `assets` (NaN while the window is not full).
    package mutating func value(at row: Int, assets: SlidingColumns) -> Double {
        guard row + 1 >= window, assetCount >= 2 else { return .nan }
        let start = row - window + 1
        work.makeUnique()
        let anyGap = assets.withStorage(row: start) { base, stride, offset in
            work.load(base: base, stride: stride, offset: offset)
        }
        if work.keptCount < 2 { return .nan }
        if !anyGap {
            return assets.withStorage(row: start) { base, stride, offset in
                work.gapFreeMean(base: base, stride: stride, offset: offset)
            }
        }
        let pairs = advancePairSums(to: row, assets: assets)
        return assets.withStorage(row: start) { base, stride, offset in
            work.pairwiseMean(base: base, stride: stride, offset: offset, sums: pairs, span: 2 * window)
        }
    }

    // MARK: cross-product matrix of zero-filled returns

    /// The anchor at or before `row`: the latest `a ≤ row` with `a ≡ w−1 (mod w)`.
    func anchor(_ row: Int) -> Int { (window - 1) + ((row - (window - 1)) / window) * window }

    /// The pair sums at `row`: rolled from the previous row when they describe it,
    /// else rebuilt at the anchor and rolled forward.
    private mutating func advancePairSums(to row: Int, assets: SlidingColumns) -> PairSums {
        if sums == nil { sums = PairSums(assetCount: assetCount) }
        if !isKnownUniquelyReferenced(&sums!) { sums = sums!.copy() }
        let pairs = sums!
        if pairs.row == row { return pairs }
        let a = anchor(row)
        let k = assetCount
        let buffer = pairs.rowScratch
        let x = buffer, m = buffer + k, xOut = buffer + 2 * k, mOut = buffer + 3 * k
        if !(pairs.row >= a && pairs.row < row) {
            pairs.clear()
            for t in (a - window + 1)...a {
                Self.gather(t, values: x, presence: m, count: k, assets: assets)
                pairs.update(adding: x, m, removing: nil)
            }
            pairs.row = a
        }
        while pairs.row < row {
            let r = pairs.row + 1
            Self.gather(r, values: x, presence: m, count: k, assets: assets)
            Self.gather(r - window, values: xOut, presence: mOut, count: k, assets: assets)
            pairs.update(adding: x, m, removing: (UnsafePointer(xOut), UnsafePointer(mOut)))
            pairs.row = r
        }
        return pairs
    }

    /// Row `row` zero-filled, with its presence (1/0).
    private static func gather(_ row: Int, values: UnsafeMutablePointer<Double>, presence: UnsafeMutablePointer<Double>,
                               count: Int, assets: SlidingColumns) {
        assets.withStorage(row: row) { base, stride, offset in
            for c in 0..<count {
                let v = base[c * stride + offset]
                values[c] = v.isNaN ? 0 : v
                presence[c] = v.isNaN ? 0 : 1
            }
        }
    }
}
