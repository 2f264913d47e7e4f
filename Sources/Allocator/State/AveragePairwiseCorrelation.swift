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
///   variance is not well conditioned — at or below half of the column's
///   `Σx²` over the whole window, so that the centring or the removal of the
///   other column's missing rows would cancel digits (error bound `ε·Σx²/var`
///   above 2ε) — is recomputed with the centred two-pass formula instead.
///
/// The cross-product matrix is rolled forward one row at a time
/// (`C += a aᵀ − b bᵀ`) and rebuilt exactly from the window's rows at every
/// anchor row `r ≡ w−1 (mod w)`, so rounding from additions and removals never
/// outlives one window. Within a window, a pair whose columns saw a value so
/// large that the roll's rounding (`2w·ε·max|xᵢ|·max|xⱼ|`) could reach 1e-13 of
/// `√(varₓ·var_y)` — a bad print, say — is recomputed two-pass as well. Its value at row `r` is therefore a pure function of
/// the rows `anchor(r)−w+1 … r`: the batch and the incremental engine, and a
/// restored snapshot, all compute the same bits.
public struct AveragePairwiseCorrelation: Sendable {
    public let window: Int
    public let assetCount: Int

    /// Columns whose sample std is at or below this are dropped from a window.
    public static let minimumStandardDeviation = 1e-10
    static let conditioningLimit = 0.5

    private var work: CorrelationWorkspace
    private var cross: [Double] = []
    /// Per column, the largest `x²` of any row added to `cross` since its last rebuild:
    /// bounds the rounding a roll may have left in that column's entries.
    private var crossScale: [Double] = []
    private var crossRow = -1

    public init(window: Int, assetCount: Int) {
        self.window = window
        self.assetCount = assetCount
        work = CorrelationWorkspace(window: window, assetCount: assetCount)
    }

    /// Rows of history the caller must keep readable: the rebuild replays up to `2w − 1` rows.
    public var requiredHistory: Int { 2 * window }

    /// The feature at absolute row `row` of `assets` (NaN while the window is not full).
    public mutating func value(at row: Int, assets: SlidingColumns) -> Double {
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
        advanceCross(to: row, assets: assets)
        return assets.withStorage(row: start) { base, stride, offset in
            cross.withUnsafeBufferPointer { c in
                crossScale.withUnsafeBufferPointer { scale in
                    work.pairwiseMean(base: base, stride: stride, offset: offset, cross: c.baseAddress!,
                                      crossScale: scale.baseAddress!, crossSpan: 2 * window)
                }
            }
        }
    }

    // MARK: cross-product matrix of zero-filled returns

    /// The anchor at or before `row`: the latest `a ≤ row` with `a ≡ w−1 (mod w)`.
    func anchor(_ row: Int) -> Int { (window - 1) + ((row - (window - 1)) / window) * window }

    private mutating func advanceCross(to row: Int, assets: SlidingColumns) {
        if crossRow == row { return }
        if cross.isEmpty {
            cross = [Double](repeating: 0, count: assetCount * assetCount)
            crossScale = [Double](repeating: 0, count: assetCount)
        }
        let a = anchor(row)
        if !(crossRow >= a && crossRow < row) { rebuild(at: a, assets: assets) }
        while crossRow < row { roll(to: crossRow + 1, assets: assets) }
    }

    /// Zero-filled row `row` (missing → 0).
    private static func gather(_ row: Int, into target: UnsafeMutablePointer<Double>, count: Int, assets: SlidingColumns) {
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
        let w = window
        let rowBuffer = UnsafeMutablePointer<Double>.allocate(capacity: k)
        defer { rowBuffer.deallocate() }
        crossScale.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        cross.withUnsafeMutableBufferPointer { c in
            c.update(repeating: 0)
            for t in (a - w + 1)...a {
                Self.gather(t, into: rowBuffer, count: k, assets: assets)
                for i in 0..<k { crossScale[i] = max(crossScale[i], rowBuffer[i] * rowBuffer[i]) }
                for i in 0..<k {
                    let xi = rowBuffer[i]
                    if xi == 0 { continue }
                    let line = c.baseAddress! + i * k
                    for j in (i + 1)..<max(i + 1, k) { line[j] += xi * rowBuffer[j] }
                }
            }
        }
        crossRow = a
    }

    /// `C(r) = C(r−1) + x_r x_rᵀ − x_{r−w} x_{r−w}ᵀ`.
    private mutating func roll(to row: Int, assets: SlidingColumns) {
        let k = assetCount
        let a = UnsafeMutablePointer<Double>.allocate(capacity: 2 * k)
        defer { a.deallocate() }
        let b = a + k
        Self.gather(row, into: a, count: k, assets: assets)
        Self.gather(row - window, into: b, count: k, assets: assets)
        for i in 0..<k { crossScale[i] = max(crossScale[i], a[i] * a[i]) }
        cross.withUnsafeMutableBufferPointer { c in
            for i in 0..<k {
                let ai = a[i], bi = b[i]
                if ai == 0 && bi == 0 { continue }
                let line = c.baseAddress! + i * k
                for j in (i + 1)..<max(i + 1, k) { line[j] = (line[j] + ai * a[j]) - bi * b[j] }
            }
        }
        crossRow = row
    }
}
