import TimeSeries

/// One state feature (SPEC §2) drawn as a small multiple, with the regime
/// thresholds it is compared against (SPEC §4), when it has any.
package struct ReportFeaturePanel: Sendable {
    /// Feature name, e.g. `vol_accel`.
    package var name: String
    /// Dates of the values, strictly increasing.
    package var dates: [TradingDate]
    /// Feature values (NaN = missing).
    package var values: [Double]
    /// ENTER threshold (e.g. 1.30 for `vol_accel`), drawn as a dashed line.
    package var enterThreshold: Double?
    /// EXIT threshold (e.g. 1.15 for `vol_accel`), drawn as a dotted line.
    package var exitThreshold: Double?

    /// Creates a panel; traps when `values.count != dates.count`.
    package init(name: String, dates: [TradingDate], values: [Double],
                enterThreshold: Double? = nil, exitThreshold: Double? = nil) {
        precondition(dates.count == values.count, "a feature needs one value per date")
        self.name = name
        self.dates = dates
        self.values = values
        self.enterThreshold = enterThreshold
        self.exitThreshold = exitThreshold
    }
}
