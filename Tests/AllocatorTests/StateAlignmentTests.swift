import Testing
import TimeSeries
@testable import Allocator

/// Inputs whose date sets differ: the common dates are the intersection of
/// the three required inputs; optional inputs are re-indexed onto them.
@Suite struct StateAlignmentTests {
    /// Weekday offsets `range` minus `holes`, each with its own values.
    func dates(_ range: Range<Int>, holes: Set<Int>) -> [TradingDate] {
        GeneratedInputs.weekdays(range.count, from: range.lowerBound, skipping: holes)
            .prefix(range.count - holes.filter { range.contains($0) }.count).map { $0 }
    }

    func differingInputs(seed: UInt64) -> StateInputs {
        var gen = GeneratedInputs(seed: seed)
        let portfolioDates = dates(0..<300, holes: [3, 17, 18, 90, 91, 92, 150, 233])
        let equityDates = dates(12..<310, holes: [40, 41, 120, 199, 250])
        let assetDates = dates(5..<280, holes: [17, 60, 61, 62, 63, 64, 170, 171, 260])
        let trendDates = dates(30..<200, holes: [50, 51, 52, 100])
        let sleeveDates = dates(0..<320, holes: Set(stride(from: 7, to: 320, by: 13)))
        let assets = gen.gappedReturns(rows: assetDates.count, assets: 10, rate: 0.05)
        let trend = gen.gappedReturns(rows: trendDates.count, assets: 6, rate: 0.05)
        let ret = gen.series(rows: portfolioDates.count)
        var equity = GeneratedInputs.equity(gen.series(rows: equityDates.count))
        equity[77] = .nan
        return StateInputs(
            portfolioReturns: Series(dates: portfolioDates, values: ret),
            equityCurve: Series(dates: equityDates, values: equity),
            assetReturns: GeneratedInputs.panel(assetDates, assets),
            trendUnitReturns: GeneratedInputs.panel(trendDates, trend),
            sleeveReturns: GeneratedInputs.panel(sleeveDates, gen.assetReturns(rows: sleeveDates.count, assets: 4)))
    }

    @Test func commonDatesAreTheIntersectionOfTheRequiredInputs() {
        let inputs = differingInputs(seed: 91)
        let expected = Set(inputs.portfolioReturns.dates).intersection(inputs.equityCurve.dates)
            .intersection(inputs.assetReturns.dates).sorted()
        #expect(inputs.commonDates == expected)
        #expect(expected.count < inputs.assetReturns.rowCount, "the date sets really differ")
        #expect(expected.first == inputs.equityCurve.dates.first, "starts where the latest input starts")
        #expect(StateComputation.compute(inputs).accounting.rowsRequested == expected.count)
    }

    @Test(arguments: [91, 92, 93] as [UInt64])
    func differingDateSetsMatchReference(seed: UInt64) {
        let inputs = differingInputs(seed: seed)
        let state = expectEngineMatchesReference(inputs, "differing dates, seed \(seed)")
        #expect(state.features.count == 10)
        #expect(state.dates.count > 100)
    }

    /// An optional input that shares no date with the common dates is present
    /// but missing everywhere: breadth 0, concentration 0.
    @Test func optionalInputsWithoutCommonDates() {
        var inputs = differingInputs(seed: 94)
        let early = GeneratedInputs.weekdays(4)
        inputs.trendUnitReturns = GeneratedInputs.panel(early, [[0.1, 0.2, 0.3, 0.4]])
        inputs.sleeveReturns = GeneratedInputs.panel(early, [[0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1]])
        let state = expectEngineMatchesReference(inputs, "optional inputs off the common dates")
        #expect(state.values(.trendBreadth20d)?.allSatisfy { $0 == 0 } == true)
        #expect(state.values(.sleeveConcentration60d)?.allSatisfy { $0 == 0 } == true)
    }

    /// Without optional inputs their columns do not appear at all.
    @Test func absentOptionalInputsHaveNoColumns() {
        var inputs = differingInputs(seed: 95)
        inputs.trendUnitReturns = nil
        let state = expectEngineMatchesReference(inputs, "no trend")
        #expect(state.features == StateFeature.required + [.sleeveConcentration60d])
        inputs.sleeveReturns = nil
        #expect(expectEngineMatchesReference(inputs, "no optional").features == StateFeature.required)
    }
}
