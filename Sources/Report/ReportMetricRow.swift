/// One row of the two-pass metrics table: a metric of the baseline and the
/// scaled run and their difference.
public struct ReportMetricRow: Sendable {
    /// Which direction of the delta is an improvement; decides the "better" / "worse" word beside it.
    public enum Preference: Sendable {
        /// A larger value is better (CAGR, Sharpe, a less negative drawdown).
        case higherIsBetter
        /// A smaller value is better (volatility).
        case lowerIsBetter
        /// Neither (counts, dates).
        case neutral
    }

    /// Metric name as shown, e.g. `Max drawdown`.
    public var label: String
    /// Baseline value; `nil` is shown as `NA`.
    public var baseline: Double?
    /// Scaled value; `nil` is shown as `NA`.
    public var scaled: Double?
    /// `scaled − baseline` as computed by the audit; `nil` is shown as `NA`.
    public var delta: Double?
    /// How the three numbers are written.
    public var format: ReportNumberFormat
    /// Which sign of the delta is an improvement.
    public var preference: Preference

    /// Creates a row; `preference` defaults to `.neutral`.
    public init(label: String, baseline: Double?, scaled: Double?, delta: Double?,
                format: ReportNumberFormat, preference: Preference = .neutral) {
        self.label = label
        self.baseline = baseline
        self.scaled = scaled
        self.delta = delta
        self.format = format
        self.preference = preference
    }
}
