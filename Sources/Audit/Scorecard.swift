import Allocator
import TimeSeries

/// The outcome of one scorecard check, or of the whole scorecard.
package enum CheckStatus: String, Equatable, Sendable, Comparable {
    /// The criterion is met.
    case pass = "PASS"
    /// Neither met nor failed: look closer.
    case caution = "CAUTION"
    /// The criterion is failed.
    case fail = "FAIL"
    /// Check 4 only: no stress or calm window applies to the run.
    case notAssessed = "NOT_ASSESSED"

    /// Severity for the overall verdict: NOT_ASSESSED < PASS < CAUTION < FAIL.
    var severity: Int {
        switch self {
        case .notAssessed: return 0
        case .pass: return 1
        case .caution: return 2
        case .fail: return 3
        }
    }

    /// Orders by severity.
    package static func < (a: CheckStatus, b: CheckStatus) -> Bool { a.severity < b.severity }
}

/// One check of the scorecard with the numbers it judged and the thresholds
/// it judged them by (both in display order).
package struct ScorecardCheck: Equatable, Sendable {
    /// Machine name: `drawdown_protection`, `return_cost`, `stability`, `stress_detection`.
    package var id: String
    /// Human title.
    package var title: String
    /// The verdict.
    package var status: CheckStatus
    /// Measured values (NaN = not available).
    package var measures: [Figure]
    /// The thresholds applied.
    package var thresholds: [Figure]
    /// Why this status, in one sentence.
    package var reason: String

    /// A named number.
    package struct Figure: Equatable, Sendable {
        /// Key (as in the JSON and the `audit:` block).
        package var name: String
        /// The number; NaN = not available.
        package var value: Double
    }
}

/// The executable Stage 6.5 review (SPEC §9): four checks, each PASS /
/// CAUTION / FAIL (check 4 also NOT_ASSESSED), overall FAIL if any FAIL,
/// else CAUTION if any CAUTION, else PASS. With `t` = ``AuditThresholds``:
///
/// 1. drawdown protection, `Δ MaxDD = scaled − baseline` (positive = shallower):
///    `≥ t.maxDrawdownPass` (0.02) PASS, `≥ t.maxDrawdownFail` (0) CAUTION,
///    else (or unknown) FAIL; worst month / quarter Δ reported beside;
/// 2. return cost, `loss = CAGR_B − CAGR_S`: FAIL if `loss > t.cagrLossFail`
///    (0.02) or mean scalar `< t.meanScalarFail` (0.85); PASS if
///    `loss < t.cagrLossPass` (0.01) and `Sharpe Δ ≥ t.sharpeDeltaPass`
///    (−0.05) and NORMAL share in `[t.normalShareMin, t.normalShareMax]`
///    ([0.70, 0.80]) and mean scalar in `[t.meanScalarMin, t.meanScalarMax]`
///    ([0.90, 0.98]); else CAUTION (also when a number is unknown);
/// 3. stability: FAIL if transitions/yr `> t.transitionsPerYearFail` (30) or
///    thrash/yr `> t.thrashPerYearFail` (3); PASS if transitions/yr
///    `< t.transitionsPerYearPass` (20) and thrash events `≤ t.thrashEventsPass`
///    (0); else CAUTION (also without regimes);
/// 4. stress detection (``StressDetection``): NOT_ASSESSED without any window;
///    FAIL if a stress window holds no event start; else CAUTION if an event
///    starts in a calm window; else PASS.
package struct Scorecard: Equatable, Sendable {
    /// The four checks, in SPEC order.
    package var checks: [ScorecardCheck]
    /// The thresholds judged by.
    package var thresholds: AuditThresholds
    /// Hit rate and false alarms behind check 4.
    package var detection: StressDetection

    /// Evaluates the four checks.
    package init(baseline: PassMetrics, scaled: PassMetrics, scalars: ScalarUsage, regimes: RegimeProfile?,
                detection: StressDetection, thresholds t: AuditThresholds = AuditThresholds()) {
        self.thresholds = t
        self.detection = detection
        typealias F = ScorecardCheck.Figure
        let delta = MetricDelta(baseline: baseline, scaled: scaled)

        // 1. Drawdown protection.
        let dd = delta.maxDrawdown
        let s1: CheckStatus = dd >= t.maxDrawdownPass ? .pass : dd >= t.maxDrawdownFail ? .caution : .fail
        let r1 = dd.isNaN ? "max drawdown unknown" : s1 == .pass ? "drawdown at least \(t.maxDrawdownPass) shallower"
            : s1 == .caution ? "drawdown shallower by less than \(t.maxDrawdownPass)" : "drawdown deeper than baseline"
        let check1 = ScorecardCheck(
            id: "drawdown_protection", title: "Drawdown protection", status: s1,
            measures: [F(name: "max_drawdown_delta", value: dd), F(name: "worst_month_delta", value: delta.worstMonth),
                       F(name: "worst_quarter_delta", value: delta.worstQuarter)],
            thresholds: [F(name: "max_drawdown_pass", value: t.maxDrawdownPass), F(name: "max_drawdown_fail", value: t.maxDrawdownFail)],
            reason: r1)

        // 2. Return cost.
        let loss = baseline.cagr - scaled.cagr
        let normal = regimes?.share(of: .normal) ?? .nan
        let mean = scalars.available ? scalars.mean : .nan
        let s2: CheckStatus
        let r2: String
        if loss > t.cagrLossFail || mean < t.meanScalarFail {
            s2 = .fail
            r2 = loss > t.cagrLossFail ? "CAGR loss above \(t.cagrLossFail)" : "mean scalar below \(t.meanScalarFail)"
        } else if loss < t.cagrLossPass && delta.sharpe >= t.sharpeDeltaPass
                    && normal >= t.normalShareMin && normal <= t.normalShareMax
                    && mean >= t.meanScalarMin && mean <= t.meanScalarMax {
            s2 = .pass
            r2 = "small CAGR and Sharpe cost, NORMAL share and mean scalar in range"
        } else {
            s2 = .caution
            var why: [String] = []
            if !(loss < t.cagrLossPass) { why.append("CAGR loss not below \(t.cagrLossPass)") }
            if !(delta.sharpe >= t.sharpeDeltaPass) { why.append("Sharpe Δ below \(t.sharpeDeltaPass)") }
            if !(normal >= t.normalShareMin && normal <= t.normalShareMax) { why.append("NORMAL share outside [\(t.normalShareMin), \(t.normalShareMax)]") }
            if !(mean >= t.meanScalarMin && mean <= t.meanScalarMax) { why.append("mean scalar outside [\(t.meanScalarMin), \(t.meanScalarMax)]") }
            r2 = why.joined(separator: "; ")
        }
        let check2 = ScorecardCheck(
            id: "return_cost", title: "Return cost", status: s2,
            measures: [F(name: "cagr_loss", value: loss), F(name: "sharpe_delta", value: delta.sharpe),
                       F(name: "normal_share", value: normal), F(name: "mean_scalar", value: mean)],
            thresholds: [F(name: "cagr_loss_pass", value: t.cagrLossPass), F(name: "sharpe_delta_pass", value: t.sharpeDeltaPass),
                         F(name: "normal_share_min", value: t.normalShareMin), F(name: "normal_share_max", value: t.normalShareMax),
                         F(name: "mean_scalar_min", value: t.meanScalarMin), F(name: "mean_scalar_max", value: t.meanScalarMax),
                         F(name: "cagr_loss_fail", value: t.cagrLossFail), F(name: "mean_scalar_fail", value: t.meanScalarFail)],
            reason: r2)

        // 3. Stability.
        let perYear = regimes?.transitionsPerYear ?? .nan
        let thrash = regimes.map { Double($0.thrashEvents.count) } ?? .nan
        let thrashPerYear = regimes?.thrashPerYear ?? .nan
        let s3: CheckStatus
        let r3: String
        if perYear > t.transitionsPerYearFail || thrashPerYear > t.thrashPerYearFail {
            s3 = .fail
            r3 = perYear > t.transitionsPerYearFail ? "more than \(t.transitionsPerYearFail) transitions a year"
                : "more than \(t.thrashPerYearFail) thrash events a year"
        } else if perYear < t.transitionsPerYearPass && thrash <= Double(t.thrashEventsPass) {
            s3 = .pass
            r3 = "few transitions, no thrash"
        } else {
            s3 = .caution
            r3 = regimes == nil ? "no regimes to judge" : perYear.isNaN ? "regime series spans no time"
                : !(perYear < t.transitionsPerYearPass) ? "\(t.transitionsPerYearPass) or more transitions a year"
                : "thrash events present"
        }
        let check3 = ScorecardCheck(
            id: "stability", title: "Stability", status: s3,
            measures: [F(name: "transitions_per_year", value: perYear), F(name: "thrash_events", value: thrash),
                       F(name: "thrash_per_year", value: thrashPerYear)],
            thresholds: [F(name: "transitions_per_year_pass", value: t.transitionsPerYearPass),
                         F(name: "thrash_events_pass", value: Double(t.thrashEventsPass)),
                         F(name: "transitions_per_year_fail", value: t.transitionsPerYearFail),
                         F(name: "thrash_per_year_fail", value: t.thrashPerYearFail),
                         F(name: "thrash_window_days", value: Double(t.thrashWindowDays))],
            reason: r3)

        // 4. Stress detection.
        let stress = detection.stressWindows, calm = detection.calmWindows
        let missed = stress.filter { !$0.hasEvent }
        let calmHit = calm.filter(\.hasEvent)
        let s4: CheckStatus
        let r4: String
        if detection.windows.isEmpty {
            (s4, r4) = (.notAssessed, "no stress or calm window applies to the run")
        } else if !missed.isEmpty {
            (s4, r4) = (.fail, "missed: " + missed.map(\.window.name).joined(separator: ", "))
        } else if !calmHit.isEmpty {
            (s4, r4) = (.caution, "de-risked in calm window: " + calmHit.map(\.window.name).joined(separator: ", "))
        } else {
            (s4, r4) = (.pass, "every stress window de-risked, no calm-window event")
        }
        let check4 = ScorecardCheck(
            id: "stress_detection", title: "Stress detection", status: s4,
            measures: [F(name: "stress_windows", value: Double(stress.count)),
                       F(name: "stress_windows_hit", value: Double(stress.count - missed.count)),
                       F(name: "hit_rate", value: detection.hitRate),
                       F(name: "false_alarms", value: Double(detection.falseAlarms.count)),
                       F(name: "calm_window_events", value: Double(detection.calmEvents.count))],
            thresholds: [F(name: "de_risk_scalar", value: t.deRiskScalar)],
            reason: r4)
        checks = [check1, check2, check3, check4]
    }

    /// FAIL if any check fails, else CAUTION if any is CAUTION, else PASS
    /// (NOT_ASSESSED counts as PASS here).
    package var overall: CheckStatus {
        let worst = checks.map(\.status).max() ?? .pass
        return worst == .notAssessed ? .pass : worst
    }

    /// `overall`, `checks` [{id, title, status, reason, measures {…},
    /// thresholds {…}}], `windows` [{name, kind, start, end, hit}], `hit_rate`,
    /// `false_alarms` [dates], `calm_window_events` [dates].
    package func json() -> JSONValue {
        func figures(_ f: [ScorecardCheck.Figure]) -> JSONValue { .object(f.map { ($0.name, .metric($0.value)) }) }
        return .object([
            ("overall", .string(overall.rawValue)),
            ("checks", .array(checks.map { c in
                .object([("id", .string(c.id)), ("title", .string(c.title)), ("status", .string(c.status.rawValue)),
                         ("reason", .string(c.reason)), ("measures", figures(c.measures)), ("thresholds", figures(c.thresholds))])
            })),
            ("windows", .array(detection.windows.map { w in
                .object([("name", .string(w.window.name)), ("kind", .string(w.window.kind.rawValue)),
                         ("start", .date(w.window.start)), ("end", .date(w.window.end)),
                         ("event_start", .date(w.firstEventStart))])
            })),
            ("hit_rate", .metric(detection.hitRate)),
            ("false_alarms", .array(detection.falseAlarms.map { .date($0) })),
            ("calm_window_events", .array(detection.calmEvents.map { .date($0) })),
        ])
    }

    func markdownLines() -> [String] {
        func figures(_ f: [ScorecardCheck.Figure]) -> String {
            f.map { "\($0.name) \(Markdown.decimal($0.value))" }.joined(separator: ", ")
        }
        var lines = ["\n## Scorecard (Stage 6.5)\n",
                     "Overall: **\(overall.rawValue)**\n",
                     "| Check | Status | Measured | Thresholds | Why |",
                     "|---|---|---|---|---|"]
        for c in checks {
            lines.append("| \(c.title) | \(c.status.rawValue) | \(figures(c.measures)) | \(figures(c.thresholds)) | \(c.reason) |")
        }
        if !detection.windows.isEmpty {
            lines += ["", "| Window | Kind | Start | End | First event |", "|---|---|---|---|---|"]
            for w in detection.windows {
                lines.append("| \(w.window.name) | \(w.window.kind.rawValue) | \(w.window.start) | \(w.window.end) | \(w.firstEventStart?.description ?? "none") |")
            }
        }
        return lines
    }
}
