import TimeSeries

/// The daily series of both passes, aligned on one date column.
///
/// Every array has `dates.count` elements; a missing value is NaN (drawn as a
/// gap). Drawdowns are taken as input (`E / running max(E) − 1`, computed once
/// by the audit) rather than recomputed here.
package struct ReportDailySeries: Sendable {
    /// Trading dates, strictly increasing.
    package var dates: [TradingDate]
    /// Equity of the baseline pass (positive; drawn on a log scale).
    package var equityBaseline: [Double]
    /// Equity of the scaled pass.
    package var equityScaled: [Double]
    /// Drawdown of the baseline pass, ≤ 0.
    package var drawdownBaseline: [Double]
    /// Drawdown of the scaled pass, ≤ 0.
    package var drawdownScaled: [Double]
    /// Regime per date; `nil` before the state is defined.
    package var regimes: [ReportRegime?]
    /// Daily risk scalar (SPEC §5); NaN before the state is defined.
    package var riskScalar: [Double]

    /// Creates the series; traps when an array's count differs from `dates.count`.
    package init(dates: [TradingDate], equityBaseline: [Double], equityScaled: [Double],
                drawdownBaseline: [Double], drawdownScaled: [Double],
                regimes: [ReportRegime?], riskScalar: [Double]) {
        let n = dates.count
        precondition([equityBaseline.count, equityScaled.count, drawdownBaseline.count,
                      drawdownScaled.count, regimes.count, riskScalar.count].allSatisfy { $0 == n },
                     "every daily series must have one value per date")
        self.dates = dates
        self.equityBaseline = equityBaseline
        self.equityScaled = equityScaled
        self.drawdownBaseline = drawdownBaseline
        self.drawdownScaled = drawdownScaled
        self.regimes = regimes
        self.riskScalar = riskScalar
    }
}
