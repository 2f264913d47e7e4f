import TimeSeries

/// A rebalance of the scaled pass and the scalar it used (SPEC §5, after the lag).
///
/// The scalar histogram is built from these values, so it always matches the
/// rebalance ticks of the regime chart.
public struct ReportRebalance: Sendable {
    /// Rebalance date.
    public var date: TradingDate
    /// Used (applied) scalar.
    public var scalar: Double

    /// Creates a rebalance.
    public init(date: TradingDate, scalar: Double) {
        self.date = date
        self.scalar = scalar
    }
}
