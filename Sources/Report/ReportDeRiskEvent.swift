import TimeSeries

/// A de-risk event (SPEC §9): a maximal run of consecutive rebalances whose
/// used scalar is below 0.70.
public struct ReportDeRiskEvent: Sendable {
    /// First rebalance of the run.
    public var start: TradingDate
    /// Minimum used scalar in the run.
    public var depth: Double
    /// Number of rebalances in the run.
    public var length: Int
    /// Regime that decided the event; `nil` when unknown (an event at the first rebalance).
    public var regime: ReportRegime?

    /// Creates an event.
    public init(start: TradingDate, depth: Double, length: Int, regime: ReportRegime?) {
        self.start = start
        self.depth = depth
        self.length = length
        self.regime = regime
    }
}
