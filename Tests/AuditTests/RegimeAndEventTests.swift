import Allocator
import Audit
import Testing
import TimeSeries

/// Regime shares, transitions and thrash; de-risk events; windows and
/// the `audit:` thresholds block — on small literal inputs.
@Suite struct RegimeAndEventTests {
    static func d(_ s: String) -> TradingDate { TradingDate(s)! }
    static let start = d("2021-01-04")

    static func series(_ labels: String) -> RegimeSeries {
        let map: [Character: Regime] = ["N": .normal, "E": .elevated, "S": .stress, "C": .crisis]
        let regimes = labels.map { map[$0]! }
        return RegimeSeries(dates: regimes.indices.map { start.adding(days: $0) }, regimes: regimes)
    }

    @Test func sharesTransitionsAndThrash() {
        // visits: N×3, E×2 (thrash: back to N), N×4, S×6 (too long), N×1, E×1, S×1 (not back to N), N×2
        let profile = RegimeProfile(series: Self.series("NNNEENNNNSSSSSSNESNN"))
        #expect(profile.dayCount == 20)
        #expect(profile.share(of: .normal) == 10.0 / 20)
        #expect(profile.share(of: .elevated) == 3.0 / 20)
        #expect(profile.share(of: .stress) == 7.0 / 20)
        #expect(profile.share(of: .crisis) == 0)
        #expect(profile.transitions == 7)
        #expect(profile.years == 19 / 365.25)
        #expect(profile.transitionsPerYear == 7 / (19 / 365.25))
        #expect(profile.thrashEvents == [RegimeProfile.ThrashEvent(date: Self.start.adding(days: 3), from: .normal, visited: .elevated, days: 2)])
        #expect(profile.thrashPerYear == 1 / (19 / 365.25))
    }

    @Test func thrashWindowIsInclusive() {
        #expect(RegimeProfile(series: Self.series("NNEEEEENN")).thrashEvents.count == 1) // 5 rows: counts
        #expect(RegimeProfile(series: Self.series("NNEEEEEENN")).thrashEvents.count == 0) // 6 rows: does not
        #expect(RegimeProfile(series: Self.series("NNEEEEEENN"), thrashWindow: 6).thrashEvents.count == 1)
        #expect(RegimeProfile(series: Self.series("ENE")).thrashEvents.count == 1) // edge visits can be the A's
        #expect(RegimeProfile(series: Self.series("EN")).thrashEvents.isEmpty) // never re-entered
    }

    @Test func degenerateRegimeSeries() {
        let empty = RegimeProfile(series: Self.series(""))
        #expect(empty.dayCount == 0 && empty.transitions == 0 && empty.transitionsPerYear.isNaN && empty.share(of: .normal).isNaN)
        #expect(empty.json()["transitions_per_year"] == .null)
        let one = RegimeProfile(series: Self.series("S"))
        #expect(one.share(of: .stress) == 1 && one.transitionsPerYear.isNaN && one.thrashEvents.isEmpty)
    }

    @Test func deRiskEventsAreMaximalRunsBelowTheThreshold() {
        let dates = (0..<10).map { Self.start.adding(days: 7 * $0) }
        let scalars = Series(dates: dates, values: [0.6, 1.0, 0.69, 0.5, 0.7, 0.65, .nan, 0.3, 0.69999, 1.0])
        // Regimes dated before each rebalance: index k−1's regime decides event k.
        let regimes = RegimeSeries(dates: [dates[1].adding(days: -1), dates[4], dates[6].adding(days: 2)],
                                   regimes: [.stress, .crisis, .elevated])
        let events = DeRiskEvent.detect(scalars: scalars, regimes: regimes)
        #expect(events == [
            DeRiskEvent(start: dates[0], end: dates[0], depth: 0.6, length: 1, decidingRegime: nil), // first rebalance
            DeRiskEvent(start: dates[2], end: dates[3], depth: 0.5, length: 2, decidingRegime: .stress), // regime on or before dates[1]
            DeRiskEvent(start: dates[5], end: dates[5], depth: 0.65, length: 1, decidingRegime: .crisis), // 0.7 is not below
            DeRiskEvent(start: dates[7], end: dates[8], depth: 0.3, length: 2, decidingRegime: .crisis), // NaN ends a run; dates[6] < 3rd regime date
        ])
        #expect(DeRiskEvent.deepest(events, limit: 2).map(\.depth) == [0.3, 0.5])
        let tied = [events[2], DeRiskEvent(start: dates[1], end: dates[1], depth: 0.65, length: 1, decidingRegime: nil)]
        #expect(DeRiskEvent.deepest(tied).map(\.start) == [dates[1], dates[5]]) // ties by date
        #expect(DeRiskEvent.detect(scalars: Series(dates: [], values: [])).isEmpty)
        #expect(DeRiskEvent.detect(scalars: Series(dates: [dates[0]], values: [.infinity])).isEmpty)
        #expect(DeRiskEvent.detect(scalars: scalars).allSatisfy { $0.decidingRegime == nil })
        #expect(events[0].json()["regime"] == .null)
    }

    @Test func windowsParseAndFilter() throws {
        let w = try AuditWindow(parsing: "2020-02-15:2020-04-30", kind: .stress)
        #expect(w.start == Self.d("2020-02-15") && w.end == Self.d("2020-04-30") && w.kind == .stress)
        #expect(w.contains(Self.d("2020-02-15")) && w.contains(Self.d("2020-04-30")) && !w.contains(Self.d("2020-05-01")))
        for bad in ["2020-02-15", "2020-02-15:2020-13-01", "x:2020-01-01", "2020-05-01:2020-04-30", "2020-01-01:2020-02-01:2020-03-01"] {
            #expect(throws: AuditError.self) { try AuditWindow(parsing: bad, kind: .calm) }
        }
        let covered = AuditWindow.builtIn(coveredFrom: Self.d("2020-03-20"), to: Self.d("2025-03-28"))
        #expect(covered.map(\.name) == ["2021 recovery", "2022 tightening", "2023 post-SVB calm"]) // COVID is cut by the start
        #expect(AuditWindow.builtIn(coveredFrom: Self.d("2020-02-15"), to: Self.d("2020-04-30")).map(\.name) == ["COVID crash"])
        #expect(AuditWindow.builtIn.contains { $0.name == "2022 tightening" && $0.start == Self.d("2022-01-01") && $0.end == Self.d("2022-09-30") })
    }

    @Test func hitRateAndFalseAlarmsAgainstGroundTruth() {
        let spells = [AuditWindow(name: "spell 1", start: Self.d("2021-01-10"), end: Self.d("2021-01-20"), kind: .stress),
                      AuditWindow(name: "spell 2", start: Self.d("2021-03-01"), end: Self.d("2021-03-05"), kind: .stress),
                      AuditWindow(name: "quiet", start: Self.d("2021-06-01"), end: Self.d("2021-06-30"), kind: .calm)]
        let events = [Self.d("2021-01-12"), Self.d("2021-01-15"), Self.d("2021-02-01"), Self.d("2021-06-30")].map {
            DeRiskEvent(start: $0, end: $0, depth: 0.5, length: 1, decidingRegime: nil)
        }
        let detection = StressDetection(events: events, windows: spells)
        #expect(detection.hitRate == 0.5)
        #expect(detection.falseAlarms == [Self.d("2021-02-01"), Self.d("2021-06-30")])
        #expect(detection.calmEvents == [Self.d("2021-06-30")])
        #expect(detection.windows.map(\.firstEventStart) == [Self.d("2021-01-12"), nil, Self.d("2021-06-30")])
        #expect(StressDetection(events: events, windows: []).hitRate.isNaN)
    }

    @Test func thresholdsBlockIsStrict() throws {
        let yaml = """
        regime:
          vol_accel_enter: 1.4
        audit:
          max_drawdown_pass: 0.03
          thrash_window_days: 4
          replay_min_correlation: 0.95
        """
        let t = try AuditThresholds.parse(yaml: yaml, file: "c.yaml")
        #expect(t.maxDrawdownPass == 0.03 && t.thrashWindowDays == 4 && t.replayMinCorrelation == 0.95)
        #expect(t.cagrLossFail == 0.02 && t.transitionsPerYearPass == 20) // untouched defaults
        #expect(try AuditThresholds.parse(yaml: "risk:\n  profile: M\n", file: "c.yaml") == AuditThresholds())
        #expect(try AuditThresholds.parse(yaml: "", file: "c.yaml") == AuditThresholds())

        #expect(throws: AuditError.unknownThresholdKey(file: "c.yaml", key: "max_dd", allowed: AuditThresholds.keys)) {
            try AuditThresholds.parse(yaml: "audit:\n  max_dd: 0.1\n", file: "c.yaml")
        }
        #expect(throws: AuditError.invalidThresholdValue(file: "c.yaml", key: "cagr_loss_fail", value: "lots", expected: "a finite number")) {
            try AuditThresholds.parse(yaml: "audit:\n  cagr_loss_fail: lots\n", file: "c.yaml")
        }
        #expect(throws: AuditError.invalidThresholdValue(file: "c.yaml", key: "thrash_window_days", value: "2.5", expected: "a whole number ≥ 1")) {
            try AuditThresholds.parse(yaml: "audit:\n  thrash_window_days: 2.5\n", file: "c.yaml")
        }
        #expect(throws: AuditError.self) { try AuditThresholds.parse(yaml: "audit:\n  normal_share_min: [1]\n", file: "c.yaml") }
        #expect(throws: AuditError.self) { try AuditThresholds.parse(yaml: "audit: 3\n", file: "c.yaml") }
        #expect(throws: AuditError.self) { try AuditThresholds.parse(yaml: "audit:\n  cagr_loss_pass: 0.05\n", file: "c.yaml") } // > cagr_loss_fail
        let message = AuditError.unknownThresholdKey(file: "c.yaml", key: "max_dd", allowed: AuditThresholds.keys).description
        #expect(message.contains("audit.max_dd") && message.contains("max_drawdown_pass"))
    }
}
