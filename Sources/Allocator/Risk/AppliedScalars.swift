import TimeSeries

/// Risk scalars as applied to the weights of each rebalance, with a
/// one-rebalance lag (SPEC §5).
///
/// For rebalance dates `d₀ < d₁ < … < dₙ₋₁` (the index of `weights.csv`):
/// `at(k)` = the last risk scalar dated on or before `dₖ`, or `m` when none
/// (`m` = `apply_missing_scalar_as`); then `applied(0) = m`,
/// `applied(k) = at(k − 1)`. Weights decided at `dₖ` are thus scaled by
/// what was known at the previous rebalance.
public struct AppliedScalars: Equatable, Sendable {
    /// The rebalance dates.
    public var dates: [TradingDate]
    /// `values[k]` scales the weights of `dates[k]`.
    public var values: [Double]

    /// Scalars at rebalance dates (same length).
    public init(dates: [TradingDate], values: [Double]) {
        precondition(dates.count == values.count, "one value per rebalance date")
        self.dates = dates
        self.values = values
    }

    /// Lags `risk` onto ascending `rebalanceDates`: an ``OnOrBeforeCursor``
    /// finds `at(k)`, ``AppliedScalarLag`` shifts it by one rebalance.
    public static func compute(risk: RiskSeries, rebalanceDates: [TradingDate], missingAs: Double = 1.0) -> AppliedScalars {
        AppliedScalars(dates: rebalanceDates,
                       values: lagged(dates: risk.dates, scalars: risk.scalars, rebalanceDates: rebalanceDates, missingAs: missingAs))
    }

    /// The applied values of daily `scalars` dated `dates` at `rebalanceDates` (the rule above).
    static func lagged(dates: [TradingDate], scalars: [Double], rebalanceDates: [TradingDate], missingAs: Double) -> [Double] {
        var cursor = OnOrBeforeCursor(dates: dates)
        var lag = AppliedScalarLag(missingAs: missingAs)
        return rebalanceDates.map { date in
            if let row = cursor.row(onOrBefore: date) { lag.observe(scalars[row]) }
            return lag.rebalance()
        }
    }

    /// Rebalances whose applied scalar is below 1.0 (weights actually cut).
    public var scaledCount: Int { values.reduce(0) { $0 + ($1 < 1.0 ? 1 : 0) } }
}
