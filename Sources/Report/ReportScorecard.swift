/// The Stage 6.5 scorecard (SPEC §9): an overall verdict and its checks.
package struct ReportScorecard: Sendable {
    /// One check of the scorecard.
    package struct Check: Sendable {
        /// Check name, e.g. `Drawdown protection`.
        package var name: String
        /// The check's verdict.
        package var status: ReportCheckStatus
        /// One line with the numbers and thresholds behind the verdict,
        /// e.g. `Δ MaxDD +0.031 ≥ +0.020 (PASS threshold)`.
        package var detail: String

        /// Creates a check.
        package init(name: String, status: ReportCheckStatus, detail: String) {
            self.name = name
            self.status = status
            self.detail = detail
        }
    }

    /// Overall verdict (FAIL if any FAIL, else CAUTION if any CAUTION, else PASS — computed by the audit).
    package var overall: ReportCheckStatus
    /// The checks in display order.
    package var checks: [Check]

    /// Creates a scorecard.
    package init(overall: ReportCheckStatus, checks: [Check]) {
        self.overall = overall
        self.checks = checks
    }
}
