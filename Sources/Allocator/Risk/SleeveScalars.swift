import TimeSeries

/// One scalar per sleeve and date (SPEC §10): the daily sleeve scalars, or
/// the applied ones at the rebalances.
///
/// Daily: sleeve `s`'s scalar on a date follows the portfolio recursion of
/// SPEC §5 on the sleeve's own mapping (``SleeveRiskConfig/config(of:)``,
/// one ``RiskStepper`` per sleeve). Applied: each sleeve's daily scalars
/// lagged onto the rebalances exactly as ``AppliedScalars`` lags the
/// portfolio scalar (same ``AppliedScalarLag``, same missing rule).
public struct SleeveScalars: Equatable, Sendable {
    /// Sleeve names, in the run's sleeve column order.
    public var names: [String]
    /// Ascending dates (valid state dates, or rebalance dates).
    public var dates: [TradingDate]
    /// `scalars[s][i]`: sleeve `names[s]` on `dates[i]`.
    public var scalars: [[Double]]

    /// Scalars of each sleeve (one column per name, one value per date).
    public init(names: [String], dates: [TradingDate], scalars: [[Double]]) {
        precondition(names.count == scalars.count && scalars.allSatisfy { $0.count == dates.count },
                     "one column per sleeve, one value per date")
        self.names = names
        self.dates = dates
        self.scalars = scalars
    }

    /// The CSV column name of a sleeve: `sleeve_scalar_<name>`.
    public static func columnName(_ sleeve: String) -> String { columnPrefix + sleeve }

    /// Prefix of the sleeve scalar columns.
    public static let columnPrefix = "sleeve_scalar_"

    /// These daily scalars lagged onto ascending `rebalanceDates` (the rule of ``AppliedScalars``).
    public func applied(rebalanceDates: [TradingDate], missingAs: Double) -> SleeveScalars {
        SleeveScalars(names: names, dates: rebalanceDates, scalars: scalars.map {
            AppliedScalars.lagged(dates: dates, scalars: $0, rebalanceDates: rebalanceDates, missingAs: missingAs)
        })
    }
}
