import Testing
import TimeSeries
@testable import Allocator

/// The engine against the naive reference on generated inputs: missing cells,
/// degenerate columns, few assets.
@Suite struct StateReferenceTests {
    @Test(arguments: [0.0, 0.05, 0.30])
    func randomMissingCells(rate: Double) {
        var gen = GeneratedInputs(seed: 11 + UInt64(rate * 100))
        let dates = GeneratedInputs.weekdays(230)
        let assets = gen.gappedReturns(rows: dates.count, assets: 12, rate: rate)
        let trend = gen.gappedReturns(rows: dates.count, assets: 7, rate: rate)
        let sleeves = gen.gappedReturns(rows: dates.count, assets: 3, rate: rate / 10)
        let inputs = gen.inputs(dates: dates, assets: assets, trend: trend, sleeves: sleeves)
        let state = expectEngineMatchesReference(inputs, "missing rate \(rate)")
        #expect(state.dates.count > 100, "the comparison covers many valid rows")
    }

    @Test func allMissingColumnsAndWholeWindowGaps() {
        var gen = GeneratedInputs(seed: 21)
        let dates = GeneratedInputs.weekdays(260)
        var assets = gen.gappedReturns(rows: dates.count, assets: 8, rate: 0.05)
        assets[0] = Array(repeating: .nan, count: dates.count)          // never present
        for r in 70..<150 { assets[1][r] = .nan }                       // absent for more than a 60-row window
        for r in 0..<120 { assets[2][r] = .nan }                        // starts late
        for r in 0..<200 { assets[3][r] = .nan }                        // starts very late
        assets[4][199] = .nan; assets[4][201] = .nan                    // alone with one present value around 200
        for r in 180..<200 { assets[5][r] = .nan }                      // exactly one 20-row window absent
        let inputs = gen.inputs(dates: dates, assets: assets)
        expectEngineMatchesReference(inputs, "all-missing and late columns")
    }

    @Test func constantColumns() {
        var gen = GeneratedInputs(seed: 31)
        let dates = GeneratedInputs.weekdays(240)
        var assets = gen.assetReturns(rows: dates.count, assets: 9)
        assets[0] = Array(repeating: 0, count: dates.count)                 // exactly constant zero
        assets[1] = Array(repeating: 0.0123, count: dates.count)            // exactly constant non-zero
        for r in 40..<130 { assets[2][r] = -0.004 }                         // constant in some windows only
        for r in 150..<175 { assets[3][r] = 0 }                             // flat for a 20-row window
        assets[4] = (0..<dates.count).map { $0 % 3 == 0 ? Double.nan : 0.002 }    // constant with gaps
        gen.punchHoles(&assets, rate: 0.03)
        for r in 60..<240 where r % 7 == 0 { assets[5][r] = .nan }
        for r in 100..<200 { assets[6][r] = r % 2 == 0 ? 0.01 : Double.nan }       // constant present values, gapped
        let inputs = gen.inputs(dates: dates, assets: assets)
        expectEngineMatchesReference(inputs, "constant columns")
    }

    @Test func gapFreeWindowWithConstantColumns() {
        var gen = GeneratedInputs(seed: 32)
        let dates = GeneratedInputs.weekdays(150)
        var assets = gen.assetReturns(rows: dates.count, assets: 5)
        assets[0] = Array(repeating: 0.001, count: dates.count)
        for r in 0..<90 { assets[1][r] = 0 }
        let inputs = gen.inputs(dates: dates, assets: assets)
        expectEngineMatchesReference(inputs, "gap-free with constant columns")
    }

    @Test func singleAssetHasNoCorrelationSoNoValidRow() {
        var gen = GeneratedInputs(seed: 41)
        let dates = GeneratedInputs.weekdays(120)
        let inputs = gen.inputs(dates: dates, assets: gen.assetReturns(rows: dates.count, assets: 1))
        let state = expectEngineMatchesReference(inputs, "single asset")
        #expect(state.dates.isEmpty)
        let rows = NaiveState.allRows(inputs).rows
        #expect(rows.allSatisfy { $0[5].isNaN && $0[6].isNaN }, "corr is missing on every row")
    }

    @Test(arguments: [0.0, 0.2])
    func twoAssets(rate: Double) {
        var gen = GeneratedInputs(seed: 51)
        let dates = GeneratedInputs.weekdays(200)
        let assets = gen.gappedReturns(rows: dates.count, assets: 2, rate: rate)
        let inputs = gen.inputs(dates: dates, assets: assets)
        let state = expectEngineMatchesReference(inputs, "two assets, missing \(rate)")
        #expect(!state.dates.isEmpty)
    }

    @Test func flatPortfolioBeforeFirstRebalance() {
        var gen = GeneratedInputs(seed: 61)
        let dates = GeneratedInputs.weekdays(200)
        var inputs = gen.inputs(dates: dates, assets: gen.assetReturns(rows: dates.count, assets: 6))
        for r in 0..<80 { inputs.portfolioReturns.values[r] = 0 }      // rvol 0, vol_accel 0/0 → dropped
        for r in 120..<125 { inputs.portfolioReturns.values[r] = .nan }
        inputs.equityCurve.values = GeneratedInputs.equity(inputs.portfolioReturns.values)
        inputs.equityCurve.values[150] = .nan
        let state = expectEngineMatchesReference(inputs, "flat start")
        #expect(state.dates.first == dates[80], "first row whose 20-row window holds a non-zero return")
        #expect(!state.dates.contains { $0 >= dates[120] && $0 <= dates[124 + 59] }, "60-row windows over the missing returns")
        #expect(state.dates.contains(dates[124 + 60]))
    }
}
