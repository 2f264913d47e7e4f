import Allocator
import TimeSeries

/// The two-pass comparison of a baseline run B and a scaled run S
/// (SPEC §9; the reference's `two_pass_comparison.{json,md}`, key for key),
/// plus this project's optional additions.
///
/// `delta = S − B` metric by metric (``MetricDelta``). The JSON top level is
/// `baseline_run_id`, `scaled_run_id`, `baseline`, `scaled`, `delta`, then,
/// only when provided, `replay`, `regimes`, `de_risk_events`, `scorecard`.
package struct TwoPassComparison: Sendable {
    /// Run id of the unscaled pass B.
    package var baselineRunId: String
    /// Run id of the scaled pass S.
    package var scaledRunId: String
    /// Pass B.
    package var baseline: PassSummary
    /// Pass S.
    package var scaled: PassSummary
    /// Pass 1 of the overlay replay against the scaled run's own returns.
    package var replay: ReplayQuality?
    /// Regime shares, transitions and thrash of the scaled run.
    package var regimes: RegimeProfile?
    /// The deepest de-risk events (already selected, e.g. ``DeRiskEvent/deepest(_:limit:)``).
    package var deRiskEvents: [DeRiskEvent]?
    /// The Stage 6.5 review.
    package var scorecard: Scorecard?
    /// Per-sleeve scalars and contributions, when the scaled run used sleeve scalars (SPEC §10).
    package var sleeves: SleeveComparison?

    /// A comparison of `baseline` and `scaled`, with any additions to report.
    package init(baselineRunId: String, scaledRunId: String, baseline: PassSummary, scaled: PassSummary,
                replay: ReplayQuality? = nil, regimes: RegimeProfile? = nil,
                deRiskEvents: [DeRiskEvent]? = nil, scorecard: Scorecard? = nil) {
        self.baselineRunId = baselineRunId
        self.scaledRunId = scaledRunId
        self.baseline = baseline
        self.scaled = scaled
        self.replay = replay
        self.regimes = regimes
        self.deRiskEvents = deRiskEvents
        self.scorecard = scorecard
    }

    /// Scaled minus baseline.
    package var delta: MetricDelta { MetricDelta(baseline: baseline.metrics, scaled: scaled.metrics) }

    /// The comparison document (write it with `serialized()`; the reference
    /// wrote no trailing newline, which JSON readers ignore).
    package func json() -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("baseline_run_id", .string(baselineRunId)),
            ("scaled_run_id", .string(scaledRunId)),
            ("baseline", baseline.json()),
            ("scaled", scaled.json()),
            ("delta", delta.json()),
        ]
        if let replay { pairs.append(("replay", replay.json())) }
        if let regimes { pairs.append(("regimes", regimes.json())) }
        if let deRiskEvents { pairs.append(("de_risk_events", .array(deRiskEvents.map { $0.json() }))) }
        if let scorecard { pairs.append(("scorecard", scorecard.json())) }
        if let sleeves { pairs.append(("sleeves", sleeves.json())) }
        return .object(pairs)
    }

    /// The Markdown report: the reference's layout line for line (title, run
    /// ids each ending in two spaces, "Summary Metrics" with `%.4f` numbers
    /// and `NA` for missing, "Scalar Usage (Scaled Run)"), then a section per
    /// provided addition. Lines joined by `\n`, with a final `\n`.
    package func markdown() -> String {
        let b = baseline.metrics, s = scaled.metrics, d = delta
        var lines: [String] = []
        lines.append("# Two-Pass Allocator Comparison\n")
        lines.append("Baseline run: `\(baselineRunId)`  \nScaled run: `\(scaledRunId)`\n")
        lines.append("## Summary Metrics\n")
        lines.append("| Metric | Baseline | Scaled | Δ (Scaled - Baseline) |")
        lines.append("|---|---:|---:|---:|")
        func row(_ name: String, _ x: Double, _ y: Double, _ z: Double) {
            lines.append("| \(name) | \(Markdown.decimal(x)) | \(Markdown.decimal(y)) | \(Markdown.decimal(z)) |")
        }
        func period(_ p: PeriodReturn?) -> String {
            "\(Markdown.decimal(p?.value ?? .nan)) (\(p.map { $0.date.description } ?? "NA"))"
        }
        row("CAGR", b.cagr, s.cagr, d.cagr)
        row("Ann Vol", b.annualisedVolatility, s.annualisedVolatility, d.annualisedVolatility)
        row("Sharpe", b.sharpe, s.sharpe, d.sharpe)
        row("MaxDD", b.maxDrawdown, s.maxDrawdown, d.maxDrawdown)
        lines.append("| Worst Month | \(period(b.worstMonth)) | \(period(s.worstMonth)) | \(Markdown.decimal(d.worstMonth)) |")
        lines.append("| Worst Quarter | \(period(b.worstQuarter)) | \(period(s.worstQuarter)) | \(Markdown.decimal(d.worstQuarter)) |")

        lines.append("\n## Scalar Usage (Scaled Run)\n")
        let sc = scaled.scalars
        if sc.available {
            lines.append("- Rebalances: \(sc.rebalanceCount)")
            lines.append("- % scaled: \(Markdown.decimal(sc.fractionScaled * 100, digits: 1))%")
            lines.append("- Mean scalar: \(Markdown.decimal(sc.mean))")
            lines.append("- Min scalar: \(Markdown.decimal(sc.min))")
            lines.append("- Max scalar: \(Markdown.decimal(sc.max))")
            lines.append("- P05/P50/P95: \(Markdown.decimal(sc.p05)) / \(Markdown.decimal(sc.p50)) / \(Markdown.decimal(sc.p95))")
        } else {
            lines.append("- Scalars not available (missing `allocator_risk_v1_applied_used.csv`).")
        }
        if let replay { lines += replay.markdownLines() }
        if let regimes { lines += regimes.markdownLines() }
        if let deRiskEvents { lines += DeRiskEvent.markdownLines(deRiskEvents) }
        if let scorecard { lines += scorecard.markdownLines() }
        if let sleeves { lines += sleeves.markdownLines() }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Number formatting shared by the Markdown sections.
enum Markdown {
    /// `%.Nf` (Python's `f"{x:.4f}"` digits), `NA` when NaN.
    static func decimal(_ value: Double, digits: Int = 4) -> String {
        value.isNaN ? "NA" : fixed(value, digits)
    }
}
