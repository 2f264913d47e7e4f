/// Calibration outcome (SPEC §11): the default parameters against the best
/// candidate, on the calibration score (lower is better).
public struct ReportCalibrationSummary: Sendable {
    /// A searched parameter with its default and best value.
    public struct Parameter: Sendable {
        /// Metadata name, e.g. `vol_accel_enter`.
        public var name: String
        /// Value in the default configuration.
        public var defaultValue: Double
        /// Value in the best candidate.
        public var bestValue: Double

        /// Creates a parameter row.
        public init(name: String, defaultValue: Double, bestValue: Double) {
            self.name = name
            self.defaultValue = defaultValue
            self.bestValue = bestValue
        }
    }

    /// Score of the default parameters.
    public var defaultScore: Double
    /// Score of the best candidate.
    public var bestScore: Double
    /// Number of candidates evaluated.
    public var candidateCount: Int
    /// Regime shares with the defaults, indexed by `ReportRegime.rawValue`.
    public var sharesBefore: [Double]
    /// Regime shares with the best candidate, indexed by `ReportRegime.rawValue`.
    public var sharesAfter: [Double]
    /// Searched parameters, in search order.
    public var parameters: [Parameter]

    /// Creates the summary; traps unless both share arrays have four values.
    public init(defaultScore: Double, bestScore: Double, candidateCount: Int,
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
