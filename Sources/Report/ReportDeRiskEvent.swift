import TimeSeries

/// A de-risk event (SPEC §9): a maximal run of consecutive rebalances whose
/// used scalar is below 0.70.
package struct ReportDeRiskEvent: Sendable {
    /// First rebalance of the run.
    package var start: TradingDate
    /// Minimum used scalar in the run.
    package var depth: Double
    /// Number of rebalances in the run.
    package var length: Int
    /// Regime that decided the event; `nil` when unknown (an event at the first rebalance).
    package var regime: ReportRegime?

    /// Creates an event.
    package init(start: TradingDate, depth: Double, length: Int, regime: ReportRegime?) {
        self.start = start
        self.depth = depth
        self.length = length
        self.regime = regime
    }
}
