import Testing
import TimeSeries
@testable import Allocator

/// Feeding the engine runs of dates at once (correlations on two threads,
/// chunks of at most 64 rows) gives the same bits as one date at a time.
@Suite struct EngineBlockStepTests {
    static let assets = 60, days = 420

    /// `days` rows of `assets` returns (5 % missing, a common factor), with trend-unit and sleeve returns.
    static func rows() -> [OwnedStateInputRow] {
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        var equity = 1.0
        return (0..<days).map { _ in
            let f = uniform() - 0.5
            let a = (0..<assets).map { _ in uniform() < 0.05 ? Double.nan : 0.01 * (f + uniform() - 0.5) }
            let r = 0.004 * (uniform() - 0.5) + 0.002 * f
            equity *= 1 + r
            return OwnedStateInputRow(portfolioReturn: r, equity: equity, assetReturns: a,
                                      trendUnitReturns: a.map { $0 * 0.5 }, sleeveReturns: [r * 0.6, r * 0.4])
        }
    }

    static func engine() throws -> AllocatorEngine {
        try AllocatorEngine(assetCount: assets, trendColumnCount: assets, sleeveColumnCount: 2,
                            thresholds: RegimeThresholds(), riskConfig: RiskConfig())
    }

    static func expectSame(_ one: [EngineStep], _ many: [EngineStep]) {
        #expect(many.count == one.count)
        for (a, b) in zip(one, many) {
            #expect(zip(a.features, b.features).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(a.regime == b.regime && a.riskScalar == b.riskScalar && a.sleeveScalars == b.sleeveScalars)
        }
        #expect(one.contains { $0.isValid })
    }

    @Test func blocksEqualSingleSteps() throws {
        let rows = Self.rows()
        var single = try Self.engine()
        let one = rows.map { row in row.withRow { single.step($0) } }
        var blocked = try Self.engine()
        var many: [EngineStep] = []
        var start = 0
        for size in [1, 5, 150, 2, 64, 65, 3, 130] where start < rows.count {
            let end = min(rows.count, start + size)
            many += blocked.step(Array(rows[start..<end]))
            start = end
        }
        many += blocked.step(Array(rows[start...]))
        Self.expectSame(one, many)
    }

    /// Dates handed their correlations (computed ahead over every date's
    /// asset returns, as a compute-mode backtest does) give the bits of the
    /// engine's own kernels, and so do the dates stepped after them, whose
    /// kernels rebuild from their anchors over the asset returns kept.
    @Test func givenCorrelationsEqualSingleSteps() throws {
        let rows = Self.rows()
        var single = try Self.engine()
        let one = rows.map { row in row.withRow { single.step($0) } }
        let columns = (0..<Self.assets).map { a in rows.map { $0.assetReturns[a] } }
        let series = CorrelationSeries.compute(assetColumns: columns)
        var given = try Self.engine()
        var many: [EngineStep] = []
        var start = 0
        for size in [1, 7, 200, 3, 66] {
            let end = start + size
            many += given.step(Array(rows[start..<end]), correlations: (series.fast[start..<end], series.slow[start..<end]))
            start = end
        }
        for size in [1, 2, 64, 5] {
            let end = start + size
            many += given.step(Array(rows[start..<end]))
            start = end
        }
        many += given.step(Array(rows[start..<380]), correlations: (series.fast[start..<380], series.slow[start..<380]))
        many += rows[380...].map { row in row.withRow { given.step($0) } }
        Self.expectSame(one, many)
    }
}
