/// One row of the two-pass metrics table: a metric of the baseline and the
/// scaled run and their difference.
package struct ReportMetricRow: Sendable {
    /// Which direction of the delta is an improvement; decides the "better" / "worse" word beside it.
    package enum Preference: Sendable {
        /// A larger value is better (CAGR, Sharpe, a less negative drawdown).
        case higherIsBetter
        /// A smaller value is better (volatility).
        case lowerIsBetter
        /// Neither (counts, dates).
        case neutral
    }

    /// Metric name as shown, e.g. `Max drawdown`.
    package var label: String
    /// Baseline value; `nil` is shown as `NA`.
    package var baseline: Double?
    /// Scaled value; `nil` is shown as `NA`.
    package var scaled: Double?
    /// `scaled − baseline` as computed by the audit; `nil` is shown as `NA`.
    package var delta: Double?
    /// How the three numbers are written.
    package var format: ReportNumberFormat
    /// Which sign of the delta is an improvement.
    package var preference: Preference

    /// Creates a row; `preference` defaults to `.neutral`.
    package init(label: String, baseline: Double?, scaled: Double?, delta: Double?,
                format: ReportNumberFormat, preference: Preference = .neutral) {
        self.label = label
        self.baseline = baseline
        self.scaled = scaled
        self.delta = delta
        self.format = format
        self.preference = preference
    }
}
