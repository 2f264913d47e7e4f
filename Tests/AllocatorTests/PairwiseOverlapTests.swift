import Testing
@testable import Allocator

/// Pairs whose common rows are few or degenerate: the pairwise-complete path
/// must give exactly what the naive per-pair computation gives.
@Suite struct PairwiseOverlapTests {
    /// A (even rows) and B (odd rows) share no row; C shares exactly one row
    /// with A in every 20-row window, D exactly two.
    @Test func pairsSharingZeroOneAndTwoRows() {
        var gen = GeneratedInputs(seed: 71)
        let rows = 200
        var assets = gen.assetReturns(rows: rows, assets: 6)
        for r in 0..<rows {
            if r % 2 == 1 { assets[0][r] = .nan }
            if r % 2 == 0 { assets[1][r] = .nan }
            if r % 2 == 0 && r % 20 != 0 { assets[2][r] = .nan }
            if r % 2 == 0 && r % 20 != 0 && r % 20 != 2 { assets[3][r] = .nan }
        }
        for w in [20, 60] { expectCorrelationsMatchReference(assets, window: w, "overlap 0/1/2") }
    }

    /// Only A and B kept, sharing no row: no pair defined → missing.
    @Test func noDefinedPairIsMissing() {
        let rows = 40
        let a = (0..<rows).map { $0 % 2 == 0 ? Double($0 % 7) * 0.001 : .nan }
        let b = (0..<rows).map { $0 % 2 == 1 ? Double($0 % 5) * -0.002 : .nan }
        let engine = engineCorrelations([a, b], window: 20)
        #expect(engine[19...].allSatisfy { $0.isNaN })
        expectCorrelationsMatchReference([a, b], window: 20, "disjoint pair")
    }

    /// A column that is exactly 0 on every row its partner is present (and
    /// non-zero only where the partner is missing) has zero variance over the
    /// pair's common rows: that pair is undefined, not a correlation of
    /// rounding residue.
    @Test func zeroVarianceOverCommonRowsIsUndefined() {
        var gen = GeneratedInputs(seed: 81)
        let w = 20
        for trial in 0..<40 {
            var assets = gen.assetReturns(rows: w, assets: 3)
            for r in 0..<w - 2 { assets[0][r] = 0 }
            assets[1][w - 2] = .nan
            assets[1][w - 1] = .nan
            expectCorrelationsMatchReference(assets, window: w, rows: [w - 1], "trial \(trial)")
        }
    }

    /// The same with a constant non-zero level on the common rows.
    @Test func constantOverCommonRowsIsUndefined() {
        var gen = GeneratedInputs(seed: 82)
        let w = 60
        for trial in 0..<40 {
            var assets = gen.assetReturns(rows: w, assets: 4)
            for r in 0..<w where r % 10 != 3 { assets[0][r] = 0.0125 }
            for r in 0..<w where r % 10 == 3 { assets[1][r] = .nan }
            expectCorrelationsMatchReference(assets, window: w, rows: [w - 1], "trial \(trial)")
        }
    }
}
