import TimeSeries

/// A rebalance of the scaled pass and the scalar it used (SPEC §5, after the lag).
///
/// The scalar histogram is built from these values, so it always matches the
/// rebalance ticks of the regime chart.
package struct ReportRebalance: Sendable {
    /// Rebalance date.
    package var date: TradingDate
    /// Used (applied) scalar.
    package var scalar: Double

    /// Creates a rebalance.
    package init(date: TradingDate, scalar: Double) {
        self.date = date
        self.scalar = scalar
    }
}
