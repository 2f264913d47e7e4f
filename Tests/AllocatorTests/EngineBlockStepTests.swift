import Testing
import TimeSeries
@testable import Allocator

/// Feeding the engine runs of dates at once (correlations on two threads,
/// chunks of at most 64 rows) gives the same bits as one date at a time.
@Suite struct EngineBlockStepTests {
    @Test func blocksEqualSingleSteps() throws {
        let assets = 60, days = 420
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        var equity = 1.0
        let rows: [OwnedStateInputRow] = (0..<days).map { _ in
            let f = uniform() - 0.5
            let a = (0..<assets).map { _ in uniform() < 0.05 ? Double.nan : 0.01 * (f + uniform() - 0.5) }
            let r = 0.004 * (uniform() - 0.5) + 0.002 * f
            equity *= 1 + r
            return OwnedStateInputRow(portfolioReturn: r, equity: equity, assetReturns: a,
                                      trendUnitReturns: a.map { $0 * 0.5 }, sleeveReturns: [r * 0.6, r * 0.4])
        }
        func engine() throws -> AllocatorEngine {
            try AllocatorEngine(assetCount: assets, trendColumnCount: assets, sleeveColumnCount: 2,
                                thresholds: RegimeThresholds(), riskConfig: RiskConfig())
        }
        var single = try engine()
        let one = rows.map { row in row.withRow { single.step($0) } }
        var blocked = try engine()
        var many: [EngineStep] = []
        var start = 0
        for size in [1, 5, 150, 2, 64, 65, 3, 130] where start < rows.count {
            let end = min(rows.count, start + size)
            many += blocked.step(Array(rows[start..<end]))
            start = end
        }
        many += blocked.step(Array(rows[start...]))
        #expect(many.count == one.count)
        for (a, b) in zip(one, many) {
            #expect(zip(a.features, b.features).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(a.regime == b.regime && a.riskScalar == b.riskScalar)
        }
        #expect(one.contains { $0.isValid })
    }
}
