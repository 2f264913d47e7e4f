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
        values(rows: row..<(row + 1), assets: assets, keepingSums: true)[0]
    }

    /// The feature at each absolute row of `rows`, in order.
    ///
    /// Each window's kept set decides its path; the rows with a gap among their
    /// kept columns go together through ``PairRunKernel``. With `keepingSums`
    /// the pair sums persist in this kernel (an engine continues from them);
    /// without, a small scratch block is rolled from each row's anchor, which
    /// gives the same bits (the sums are a pure function of the rows since the
    /// anchor) in a fraction of the memory.
    package mutating func values(rows: Range<Int>, assets: SlidingColumns, keepingSums: Bool) -> [Double] {
        var results = [Double](repeating: .nan, count: rows.count)
        guard assetCount >= 2 else { return results }
        work.makeUnique()
        var run = PairRunKernel(window: window, assetCount: assetCount)
        var plannedIndex: [Int] = []
        for (index, row) in rows.enumerated() where row + 1 >= window {
            let start = row - window + 1
            let anyGap = assets.withStorage(row: start) { base, stride, offset in
                work.load(base: base, stride: stride, offset: offset)
            }
            if work.keptCount < 2 { continue }
            assets.withStorage(row: start) { base, stride, offset in
                if anyGap {
                    run.plan(row: row, workspace: work, base: base, stride: stride, offset: offset)
                    plannedIndex.append(index)
                } else {
                    results[index] = work.gapFreeMean(base: base, stride: stride, offset: offset)
                }
            }
        }
        guard !run.planned.isEmpty else { return results }
        let pairs: PairSums
        if keepingSums {
            if sums == nil { sums = PairSums(assetCount: assetCount) }
            if !isKnownUniquelyReferenced(&sums!) { sums = sums!.copy() }
            pairs = sums!
        } else {
            pairs = PairSums(assetCount: assetCount, lines: min(assetCount, PairRunKernel.blockLines))
        }
        let end = run.schedule(from: keepingSums ? pairs.row : -1)
        let gathered = GatheredRows(assets: assets, rows: run.firstRowRead...run.planned.last!.row)
        run.advanceScales(pairs.scale, rows: gathered)
        let means = run.means(rows: gathered, assets: assets, storage: pairs)
        if keepingSums { pairs.row = end }
        for (p, index) in plannedIndex.enumerated() { results[index] = means[p] }
        return results
    }
}
