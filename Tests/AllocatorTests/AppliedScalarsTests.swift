import Testing
import TimeSeries
@testable import Allocator

@Suite struct AppliedScalarsTests {
    static func d(_ day: Int) -> TradingDate { TradingDate(year: 2024, month: 3, day: day)! }

    static let risk = RiskSeries(dates: [d(4), d(5), d(6), d(8), d(11)], scalars: [0.9, 0.8, 0.7, 0.6, 0.5],
                                 regimes: Array(repeating: .elevated, count: 5))

    @Test func lastScalarOnOrBeforeEachRebalanceShiftedByOne() {
        // Rebalances: before any scalar, on a scalar date, between two dates, after the last one.
        let applied = AppliedScalars.compute(risk: Self.risk, rebalanceDates: [Self.d(1), Self.d(5), Self.d(7), Self.d(15)])
        // at-rebalance: [missing, 0.8, 0.7, 0.5] → shifted: [missing, missing, 0.8, 0.7]
        #expect(applied.values == [1.0, 1.0, 0.8, 0.7])
        #expect(applied.dates == [Self.d(1), Self.d(5), Self.d(7), Self.d(15)])
    }

    @Test func missingValueIsConfigurable() {
        let applied = AppliedScalars.compute(risk: Self.risk, rebalanceDates: [Self.d(1), Self.d(2), Self.d(8)], missingAs: 0.5)
        #expect(applied.values == [0.5, 0.5, 0.5])
        let first = AppliedScalars.compute(risk: Self.risk, rebalanceDates: [Self.d(4), Self.d(11)], missingAs: 0.4)
        #expect(first.values == [0.4, 0.9])
    }

    @Test func noRebalancesGivesNothing() {
        #expect(AppliedScalars.compute(risk: Self.risk, rebalanceDates: []).values.isEmpty)
    }

    @Test func metadataCountsScaledRebalances() {
        let applied = AppliedScalars(dates: [Self.d(1), Self.d(8), Self.d(15), Self.d(22)], values: [1.0, 0.5, 1.0, 0.75])
        let meta = AppliedScalarArtifacts.metadata(applied, generatedAt: "x")
        #expect(meta["applied_stats"]?["n_scaled"] == .int(2))
        #expect(meta["applied_stats"]?["pct_scaled"] == .double(50))
        #expect(meta["applied_stats"]?["median"] == .double(0.875))
        #expect(meta["first_rebalance"] == .string("2024-03-01"))
        #expect(meta["last_rebalance"] == .string("2024-03-22"))
    }

    @Test func scalarOnOrBefore() {
        #expect(Self.risk.scalar(onOrBefore: Self.d(3)) == nil)
        #expect(Self.risk.scalar(onOrBefore: Self.d(6)) == 0.7)
        #expect(Self.risk.scalar(onOrBefore: Self.d(9)) == 0.6)
    }
}
