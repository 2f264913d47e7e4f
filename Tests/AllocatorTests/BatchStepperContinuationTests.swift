import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// The batch computation steps its rows without keeping their asset returns
/// (``StateStepper/pushPendingWithoutAssets(_:)``) and hands the stepper the
/// panel's last rows at the end (``StateStepper/keepAssetTail(of:)``): the
/// stepper it returns must be the one a row-by-row feed leaves — the same
/// snapshot, and the same rows when both step on.
@Suite struct BatchStepperContinuationTests {
    /// Every value's bits, NaN included.
    static func bits(_ rows: [[Double]]?) -> [[UInt64]]? { rows?.map { $0.map(\.bitPattern) } }

    static func expectSameState(_ a: StateStepper.Snapshot, _ b: StateStepper.Snapshot, _ label: String) {
        #expect(a.rowCount == b.rowCount && a.assetCount == b.assetCount, "\(label)")
        #expect(a.runningMaxEquity.bitPattern == b.runningMaxEquity.bitPattern, "\(label)")
        #expect(bits(a.portfolio) == bits(b.portfolio) && bits(a.drawdowns) == bits(b.drawdowns), "\(label)")
        #expect(bits(a.assets) == bits(b.assets), "\(label): asset tail")
        #expect(bits(a.trend) == bits(b.trend) && bits(a.sleeves) == bits(b.sleeves), "\(label)")
    }

    /// Inputs with gaps, `rows` days over `assets` assets.
    static func inputs(rows: Int, assets: Int, seed: UInt64) -> StateInputs {
        var gen = GeneratedInputs(seed: seed)
        let dates = GeneratedInputs.weekdays(rows, from: 0, skipping: [])
        return StateInputs(
            portfolioReturns: Series(dates: dates, values: gen.series(rows: rows)),
            equityCurve: Series(dates: dates, values: GeneratedInputs.equity(gen.series(rows: rows, scale: 0.02))),
            assetReturns: GeneratedInputs.panel(dates, gen.gappedReturns(rows: rows, assets: assets, rate: 0.05)),
            trendUnitReturns: GeneratedInputs.panel(dates, gen.gappedReturns(rows: rows, assets: 3, rate: 0.05)),
            sleeveReturns: GeneratedInputs.panel(dates, gen.gappedReturns(rows: rows, assets: 2, rate: 0.02)))
    }

    /// Fewer rows than the asset buffer retains, about as many, and several times more.
    @Test(arguments: [(40, 5), (130, 7), (900, 12)])
    func batchStepperContinuesAsRowByRow(rows: Int, assets: Int) {
        let all = Self.inputs(rows: rows + 30, assets: assets, seed: UInt64(rows * 31 + assets))
        let common = all.commonDates
        let head = Array(common.prefix(rows))
        var batch = StateComputation.computeKeepingStepper(all, commonDates: head).stepper

        let feed = AlignedStateFeed(inputs: all, dates: common)
        var single = StateStepper(assetCount: assets, trendColumnCount: 3, sleeveColumnCount: 2)
        for i in 0..<rows { _ = feed.withRow(i) { single.push($0) } }
        Self.expectSameState(batch.snapshot, single.snapshot, "\(rows) rows")

        for i in rows..<common.count {
            let a = feed.withRow(i) { batch.push($0) }, b = feed.withRow(i) { single.push($0) }
            #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "row \(i) after \(rows)")
        }
    }
}
