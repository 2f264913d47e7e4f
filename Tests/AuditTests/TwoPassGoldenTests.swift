import Allocator
import Audit
import Testing
import TimeSeries

/// The reference's own `two_pass_comparison.{json,md}` (baseline vs allocpass2),
/// reproduced from the two runs' files.
@Suite(.enabled(if: AuditFixtures.available, "needs ../shared/fixtures/reference-runs"))
struct TwoPassGoldenTests {
    static func comparison() throws -> TwoPassComparison {
        let b = try AuditFixtures.passSummary(AuditFixtures.baselineRun)
        let s = try AuditFixtures.passSummary(AuditFixtures.scaledRun)
        return TwoPassComparison(
            baselineRunId: AuditFixtures.baselineRun, scaledRunId: AuditFixtures.scaledRun,
            baseline: PassSummary(equity: b.equity, usedScalars: b.used?.values, scalarMeta: b.meta),
            scaled: PassSummary(equity: s.equity, usedScalars: s.used?.values, scalarMeta: s.meta))
    }

    @Test func jsonMatchesTheReferenceWithin1e12() throws {
        let reference = try AuditFixtures.json(AuditFixtures.scaledRun, "two_pass_comparison.json")
        let ours = try JSONParser.parse(Array(try Self.comparison().json().serialized().utf8))
        let worst = expectJSON(ours, reference, tolerance: 1e-12)
        print("[audit golden] two_pass_comparison.json max |diff| = \(worst)")
    }

    @Test func markdownMatchesTheReferenceRowForRow() throws {
        let bytes = try FileBytes.read(path: AuditFixtures.path(AuditFixtures.scaledRun, "two_pass_comparison.md"))
        let reference = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let ours = try Self.comparison().markdown().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(ours.count == reference.count)
        for (k, (a, b)) in zip(ours, reference).enumerated() { #expect(a == b, "line \(k + 1)") }
    }

    @Test func additionsFollowTheReferenceKeysInOrder() throws {
        var c = try Self.comparison()
        let used = try AuditFixtures.usedScalars(AuditFixtures.scaledRun)!
        let regimes = try Self.regimes(AuditFixtures.baselineRun)
        let profile = RegimeProfile(series: regimes)
        let events = DeRiskEvent.detect(scalars: used, regimes: regimes)
        let windows = AuditWindow.builtIn(coveredFrom: used.dates.first!, to: used.dates.last!)
        let detection = StressDetection(events: events, windows: windows)
        c.regimes = profile
        c.deRiskEvents = DeRiskEvent.deepest(events)
        c.scorecard = Scorecard(baseline: c.baseline.metrics, scaled: c.scaled.metrics, scalars: c.scaled.scalars,
                                regimes: profile, detection: detection)
        guard case .object(let pairs) = c.json() else { Issue.record("not an object"); return }
        #expect(pairs.map(\.0) == ["baseline_run_id", "scaled_run_id", "baseline", "scaled", "delta",
                                   "regimes", "de_risk_events", "scorecard"])
        let md = c.markdown()
        #expect(md.contains("## Scorecard (Stage 6.5)"))
        print("[audit golden] regimes: transitions/yr \(profile.transitionsPerYear), thrash \(profile.thrashEvents.count) (\(profile.thrashPerYear)/yr), NORMAL \(profile.share(of: .normal)); events \(events.count); windows \(windows.map(\.name)); scorecard \(c.scorecard!.checks.map { "\($0.id)=\($0.status.rawValue)" }) overall \(c.scorecard!.overall.rawValue)")
        print(md)
    }

    /// `allocator_regime_v1.csv` (`date,regime` text labels).
    static func regimes(_ run: String) throws -> RegimeSeries {
        let text = String(decoding: try FileBytes.read(path: AuditFixtures.path(run, "allocator_regime_v1.csv")), as: UTF8.self)
        var dates: [TradingDate] = [], regimes: [Regime] = []
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",")
            dates.append(TradingDate(cells[0])!)
            regimes.append(Regime(label: String(cells[1]).trimmingCharacters(in: "\r"))!)
        }
        return RegimeSeries(dates: dates, regimes: regimes)
    }
}

private extension String {
    func trimmingCharacters(in character: Character) -> String { filter { $0 != character } }
}
