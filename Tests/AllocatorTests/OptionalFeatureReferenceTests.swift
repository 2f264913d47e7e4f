import Testing
import TimeSeries
@testable import Allocator

/// Trend breadth and sleeve concentration against the naive reference on
/// their edge cases: missing windows, zero sums, all sleeves flat.
@Suite struct OptionalFeatureReferenceTests {
    @Test func trendBreadthEdgeCases() {
        var gen = GeneratedInputs(seed: 151)
        let dates = GeneratedInputs.weekdays(200)
        var trend = gen.gappedReturns(rows: dates.count, assets: 6, rate: 0.02)
        trend[0] = Array(repeating: .nan, count: dates.count)                 // never present: never positive
        trend[1] = Array(repeating: 0, count: dates.count)                    // sum exactly 0: not positive
        trend[2] = (0..<dates.count).map { $0 % 2 == 0 ? -0.0 : 0.0 }         // signed zeros
        for r in 100..<140 { trend[3][r] = .nan }                             // missing for two windows
        let inputs = gen.inputs(dates: dates, assets: gen.assetReturns(rows: dates.count, assets: 5), trend: trend)
        let state = expectEngineMatchesReference(inputs, "trend edge cases")
        #expect(state.values(.trendBreadth20d)?.allSatisfy { $0 <= 0.5 } == true, "at most 3 of 6 columns can be positive")
    }

    @Test func sleeveConcentrationEdgeCases() {
        var gen = GeneratedInputs(seed: 152)
        let dates = GeneratedInputs.weekdays(260)
        var sleeves = gen.gappedReturns(rows: dates.count, assets: 4, rate: 0.01)
        for c in 0..<4 { for r in 120..<200 { sleeves[c][r] = 0 } }           // all flat: H = 0
        for r in 60..<70 { sleeves[0][r] = .nan }                             // one sum undefined
        for c in 1..<4 { for r in 210..<215 { sleeves[c][r] = .nan } }        // only one sum defined: H = 1
        let inputs = gen.inputs(dates: dates, assets: gen.assetReturns(rows: dates.count, assets: 5), sleeves: sleeves)
        let state = expectEngineMatchesReference(inputs, "sleeve edge cases")
        let h = state.values(.sleeveConcentration60d) ?? []
        #expect(h.contains(0) && h.contains(1), "both degenerate cases are reached")
    }

    /// Gap-free kept columns beside columns that are dropped for gaps
    /// (all missing, or one present value in the window): the fast path.
    @Test func gapFreePathBesideDroppedGappedColumns() {
        var gen = GeneratedInputs(seed: 153)
        let dates = GeneratedInputs.weekdays(160)
        var assets = gen.assetReturns(rows: dates.count, assets: 6)
        assets[4] = Array(repeating: .nan, count: dates.count)
        assets[5] = (0..<dates.count).map { $0 % 60 == 0 ? 0.01 : .nan }
        expectEngineMatchesReference(gen.inputs(dates: dates, assets: assets), "dropped gapped columns")
    }
}
