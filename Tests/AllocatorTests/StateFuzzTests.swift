import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// Random whole input sets: each input on its own date set with holes,
/// missing portfolio returns and equity values, optional inputs present or
/// not, against the naive reference.
@Suite struct StateFuzzTests {
    static func inputs(seed: UInt64) -> StateInputs {
        var gen = GeneratedInputs(seed: seed)
        func dates(_ maxOffset: Int) -> [TradingDate] {
            let start = gen.rng.integer(below: maxOffset + 1)
            let holes = Set((0..<400).filter { _ in gen.rng.chance(0.03) })
            return GeneratedInputs.weekdays(150 + gen.rng.integer(below: 100), from: start, skipping: holes)
        }
        func sprinkle(_ values: [Double], _ rate: Double) -> [Double] { values.map { gen.rng.chance(rate) ? .nan : $0 } }
        let p = dates(10), e = dates(10), a = dates(10), t = dates(40), s = dates(40)
        let equityValues = sprinkle(GeneratedInputs.equity(gen.series(rows: e.count, scale: 0.02)), 0.003)
        return StateInputs(
            portfolioReturns: Series(dates: p, values: sprinkle(gen.series(rows: p.count), 0.001)),
            equityCurve: Series(dates: e, values: equityValues),
            assetReturns: GeneratedInputs.panel(a, gen.gappedReturns(rows: a.count, assets: 2 + gen.rng.integer(below: 6), rate: 0.05)),
            trendUnitReturns: gen.rng.chance(0.7) ? GeneratedInputs.panel(t, gen.gappedReturns(rows: t.count, assets: 3, rate: 0.05)) : nil,
            sleeveReturns: gen.rng.chance(0.7) ? GeneratedInputs.panel(s, gen.gappedReturns(rows: s.count, assets: 2, rate: 0.02)) : nil)
    }

    @Test(arguments: 0..<40)
    func randomInputSets(seed: Int) {
        let state = expectEngineMatchesReference(Self.inputs(seed: UInt64(2000 + seed)), "seed \(seed)")
        #expect(!state.dates.isEmpty, "the comparison covers valid rows")
    }
}
