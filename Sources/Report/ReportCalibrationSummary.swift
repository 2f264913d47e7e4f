/// Calibration outcome (SPEC §11): the default parameters against the best
/// candidate, on the calibration score (lower is better).
package struct ReportCalibrationSummary: Sendable {
    /// A searched parameter with its default and best value.
    package struct Parameter: Sendable {
        /// Metadata name, e.g. `vol_accel_enter`.
        package var name: String
        /// Value in the default configuration.
        package var defaultValue: Double
        /// Value in the best candidate.
        package var bestValue: Double

        /// Creates a parameter row.
        package init(name: String, defaultValue: Double, bestValue: Double) {
            self.name = name
            self.defaultValue = defaultValue
            self.bestValue = bestValue
        }
    }

    /// Score of the default parameters.
    package var defaultScore: Double
    /// Score of the best candidate.
    package var bestScore: Double
    /// Number of candidates evaluated.
    package var candidateCount: Int
    /// Regime shares with the defaults, indexed by `ReportRegime.rawValue`.
    package var sharesBefore: [Double]
    /// Regime shares with the best candidate, indexed by `ReportRegime.rawValue`.
    package var sharesAfter: [Double]
    /// Searched parameters, in search order.
    package var parameters: [Parameter]

    /// Creates the summary; traps unless both share arrays have four values.
    package init(defaultScore: Double, bestScore: Double, candidateCount: Int,
                sharesBefore: [Double], sharesAfter: [Double], parameters: [Parameter]) {
        precondition(sharesBefore.count == 4 && sharesAfter.count == 4, "one share per regime")
        self.defaultScore = defaultScore
        self.bestScore = bestScore
        self.candidateCount = candidateCount
        self.sharesBefore = sharesBefore
        self.sharesAfter = sharesAfter
        self.parameters = parameters
    }
}
