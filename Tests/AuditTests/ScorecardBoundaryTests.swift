import Allocator
import Audit
import Testing
import TimeSeries

/// Each scorecard threshold just below, on and just above its boundary,
/// with literal inputs (everything else set to pass).
@Suite struct ScorecardBoundaryTests {
    struct Inputs {
        var drawdownDelta = 0.05
        var cagrLoss = 0.0
        var sharpeDelta = 0.0
        var normalShare = 0.75
        var meanScalar = 0.94
        var transitions = 10
        var years = 1.0
        var thrash = 0
        var windows = [AuditWindow(name: "stress", start: TradingDate("2022-01-01")!, end: TradingDate("2022-03-31")!, kind: .stress)]
        var eventStarts = [TradingDate("2022-02-01")!]
        var hasRegimes = true

        func scorecard() -> Scorecard {
            var baseline = PassMetrics(equity: Series(dates: [], values: []))
            var scaled = baseline
            baseline.maxDrawdown = 0; scaled.maxDrawdown = drawdownDelta
            baseline.cagr = cagrLoss; scaled.cagr = 0
            baseline.sharpe = 0; scaled.sharpe = sharpeDelta
            var profile = RegimeProfile(series: RegimeSeries(dates: [], regimes: []))
            profile.shares = Regime.allCases.map { ($0, $0 == .normal ? normalShare : 0) }
            profile.transitions = transitions
            profile.years = years
            profile.thrashEvents = (0..<thrash).map { _ in
                RegimeProfile.ThrashEvent(date: TradingDate("2022-01-03")!, from: .normal, visited: .elevated, days: 5)
            }
            let events = eventStarts.map { DeRiskEvent(start: $0, end: $0, depth: 0.5, length: 1, decidingRegime: nil) }
            return Scorecard(baseline: baseline, scaled: scaled, scalars: ScalarUsage(used: [meanScalar]),
                             regimes: hasRegimes ? profile : nil,
                             detection: StressDetection(events: events, windows: windows))
        }
    }

    static func status(_ check: Int, _ change: (inout Inputs) -> Void) -> CheckStatus {
        var inputs = Inputs()
        change(&inputs)
        return inputs.scorecard().checks[check].status
    }

    @Test func allPassing() {
        let card = Inputs().scorecard()
        #expect(card.checks.map(\.status) == [.pass, .pass, .pass, .pass])
        #expect(card.overall == .pass)
        #expect(card.checks.map(\.id) == ["drawdown_protection", "return_cost", "stability", "stress_detection"])
    }

    @Test func drawdownProtection() {
        #expect(Self.status(0) { $0.drawdownDelta = 0.02 } == .pass)
        #expect(Self.status(0) { $0.drawdownDelta = 0.02.nextDown } == .caution)
        #expect(Self.status(0) { $0.drawdownDelta = 0 } == .caution)
        #expect(Self.status(0) { $0.drawdownDelta = -Double.leastNonzeroMagnitude } == .fail)
        #expect(Self.status(0) { $0.drawdownDelta = .nan } == .fail)
    }

    @Test func returnCost() {
        #expect(Self.status(1) { $0.cagrLoss = 0.01.nextDown } == .pass)
        #expect(Self.status(1) { $0.cagrLoss = 0.01 } == .caution)
        #expect(Self.status(1) { $0.cagrLoss = 0.02 } == .caution)
        #expect(Self.status(1) { $0.cagrLoss = 0.02.nextUp } == .fail)
        #expect(Self.status(1) { $0.sharpeDelta = -0.05 } == .pass)
        #expect(Self.status(1) { $0.sharpeDelta = (-0.05).nextDown } == .caution)
        #expect(Self.status(1) { $0.normalShare = 0.70 } == .pass)
        #expect(Self.status(1) { $0.normalShare = 0.70.nextDown } == .caution)
        #expect(Self.status(1) { $0.normalShare = 0.80 } == .pass)
        #expect(Self.status(1) { $0.normalShare = 0.80.nextUp } == .caution)
        #expect(Self.status(1) { $0.meanScalar = 0.90 } == .pass)
        #expect(Self.status(1) { $0.meanScalar = 0.90.nextDown } == .caution)
        #expect(Self.status(1) { $0.meanScalar = 0.98 } == .pass)
        #expect(Self.status(1) { $0.meanScalar = 0.98.nextUp } == .caution)
        #expect(Self.status(1) { $0.meanScalar = 0.85 } == .caution)
        #expect(Self.status(1) { $0.meanScalar = 0.85.nextDown } == .fail)
        #expect(Self.status(1) { $0.hasRegimes = false } == .caution)
    }

    @Test func stability() {
        #expect(Self.status(2) { $0.transitions = 20; $0.years = 1.0.nextUp } == .pass)
        #expect(Self.status(2) { $0.transitions = 20 } == .caution)
        #expect(Self.status(2) { $0.transitions = 30 } == .caution)
        #expect(Self.status(2) { $0.transitions = 30; $0.years = 1.0.nextDown } == .fail)
        #expect(Self.status(2) { $0.thrash = 1 } == .caution)
        #expect(Self.status(2) { $0.thrash = 3 } == .caution)
        #expect(Self.status(2) { $0.thrash = 3; $0.years = 1.0.nextDown } == .fail)
        #expect(Self.status(2) { $0.hasRegimes = false } == .caution)
    }

    @Test func stressDetection() {
        let calm = AuditWindow(name: "calm", start: TradingDate("2023-04-01")!, end: TradingDate("2023-12-31")!, kind: .calm)
        #expect(Self.status(3) { $0.windows = [] } == .notAssessed)
        #expect(Self.status(3) { $0.eventStarts = [TradingDate("2022-01-01")!] } == .pass)
        #expect(Self.status(3) { $0.eventStarts = [TradingDate("2022-03-31")!] } == .pass)
        #expect(Self.status(3) { $0.eventStarts = [TradingDate("2022-04-01")!] } == .fail)
        #expect(Self.status(3) { $0.eventStarts = [TradingDate("2021-12-31")!] } == .fail)
        #expect(Self.status(3) { $0.windows.append(calm); $0.eventStarts.append(TradingDate("2023-04-01")!) } == .caution)
        #expect(Self.status(3) { $0.windows.append(calm); $0.eventStarts.append(TradingDate("2023-03-31")!) } == .pass)
        #expect(Self.status(3) { $0.windows = [calm]; $0.eventStarts = [] } == .pass)
    }

    @Test func overallIsTheWorstCheck() {
        var inputs = Inputs()
        inputs.windows = []
        #expect(inputs.scorecard().overall == .pass) // NOT_ASSESSED does not lower the verdict
        inputs.thrash = 1
        #expect(inputs.scorecard().overall == .caution)
        inputs.drawdownDelta = -0.01
        #expect(inputs.scorecard().overall == .fail)
        let json = inputs.scorecard().json()
        #expect(json["overall"] == .string("FAIL"))
    }

    @Test func thresholdsComeFromTheConfiguration() throws {
        var t = AuditThresholds()
        t.maxDrawdownPass = 0.10
        var inputs = Inputs()
        inputs.drawdownDelta = 0.05
        let card = inputs.scorecard()
        #expect(card.checks[0].status == .pass)
        let strict = Scorecard(baseline: PassMetrics(equity: Series(dates: [], values: [])),
                               scaled: PassMetrics(equity: Series(dates: [], values: [])),
                               scalars: ScalarUsage(used: nil), regimes: nil,
                               detection: StressDetection(events: [], windows: []), thresholds: t)
        #expect(strict.checks[0].thresholds.first { $0.name == "max_drawdown_pass" }?.value == 0.10)
    }
}
