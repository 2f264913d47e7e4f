/// Annualisation of daily quantities: 252 trading days a year, risk-free
/// rate 0 — the one place the trading-day count is written.
///
/// - `tradingDaysPerYear = 252` (a daily mean or drift × 252, growth
///   exponent `252 / n`);
/// - `squareRootOfTradingDays = √252`;
/// - ``volatility(standardDeviation:)`` = `σ · √252`;
/// - ``volatility(variance:)`` = `√(variance · 252)`.
///
/// The two volatility forms are the same quantity and may differ in the last
/// bit (`√(v·252)` ≠ `√v·√252` in floating point); each call site keeps the
/// form it has always used so every output stays bit-identical.
package enum Annualisation {
    /// Trading days per year.
    package static let tradingDaysPerYear = 252.0

    /// `√252`, the factor from daily to annual volatility.
    package static let squareRootOfTradingDays = tradingDaysPerYear.squareRoot()

    /// Annualised volatility from a daily standard deviation: `σ · √252`.
    @inlinable
    package static func volatility(standardDeviation: Double) -> Double {
        standardDeviation * squareRootOfTradingDays
    }

    /// Annualised volatility from a daily variance: `√(variance · 252)`.
    @inlinable
    package static func volatility(variance: Double) -> Double {
        (variance * tradingDaysPerYear).squareRoot()
    }
}
