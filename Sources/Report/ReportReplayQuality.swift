/// How well the overlay replay of pass 1 tracks the run's own portfolio
/// returns (SPEC §9 "Overlay replay").
package struct ReportReplayQuality: Sendable {
    /// Correlation of replayed and recorded daily returns.
    package var correlation: Double
    /// Largest absolute daily difference.
    package var maxAbsoluteDifference: Double
    /// Annualised tracking error, `std(diff) · √252`.
    package var trackingError: Double
    /// Warning shown beside the numbers (the audit warns below correlation 0.99); `nil` when none.
    package var warning: String?

    /// Creates the replay summary.
    package init(correlation: Double, maxAbsoluteDifference: Double, trackingError: Double, warning: String? = nil) {
        self.correlation = correlation
        self.maxAbsoluteDifference = maxAbsoluteDifference
        self.trackingError = trackingError
        self.warning = warning
    }
}
