/// The Stage 6.5 scorecard (SPEC §9): an overall verdict and its checks.
public struct ReportScorecard: Sendable {
    /// One check of the scorecard.
    public struct Check: Sendable {
        /// Check name, e.g. `Drawdown protection`.
        public var name: String
        /// The check's verdict.
        public var status: ReportCheckStatus
        /// One line with the numbers and thresholds behind the verdict,
        /// e.g. `Δ MaxDD +0.031 ≥ +0.020 (PASS threshold)`.
        public var detail: String

        /// Creates a check.
        public init(name: String, status: ReportCheckStatus, detail: String) {
            self.name = name
            self.status = status
            self.detail = detail
        }
    }

    /// Overall verdict (FAIL if any FAIL, else CAUTION if any CAUTION, else PASS — computed by the audit).
    public var overall: ReportCheckStatus
    /// The checks in display order.
    public var checks: [Check]

    /// Creates a scorecard.
    public init(overall: ReportCheckStatus, checks: [Check]) {
        self.overall = overall
        self.checks = checks
    }
}
