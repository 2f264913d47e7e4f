#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Allocator
import TimeSeries

/// Backtest performance metrics, one function each (empyrical style).
///
/// Inputs are daily simple returns `r_1 … r_n` of the live period (the days
/// after the first rebalance), equity `E_0 = 1`, `E_t = Π_{u≤t}(1 + r_u)`.
/// Annualisation assumes 252 trading days a year (``Annualisation``); the
/// risk-free rate is 0; std is ``SampleStatistics`` (ddof 1).
/// Every metric is `.nan` when its inputs cannot define it (too few returns,
/// zero volatility, a missing return).
package enum PerformanceMetrics {
    /// Compound annual growth rate: `E_n^(252/n) − 1`; −1 once the curve
    /// reaches `E ≤ 0`; NaN without returns or with a missing one.
    package static func cagr(_ returns: [Double]) -> Double {
        guard !returns.isEmpty else { return .nan }
        let growth = returns.reduce(1.0) { $0 * (1 + $1) }
        guard !growth.isNaN else { return .nan }
        guard growth > 0 else { return -1 }
        return pow(growth, Annualisation.tradingDaysPerYear / Double(returns.count)) - 1
    }

    /// Annualised volatility: sample standard deviation (ddof 1) · √252.
    package static func annualisedVolatility(_ returns: [Double]) -> Double {
        Annualisation.volatility(standardDeviation: SampleStatistics.standardDeviation(returns))
    }

    /// Sharpe ratio (rf = 0): `mean(r) / std(r, ddof 1) · √252`.
    package static func sharpeRatio(_ returns: [Double]) -> Double {
        let sd = SampleStatistics.standardDeviation(returns)
        guard sd > 0 else { return .nan }
        return SampleStatistics.mean(returns) / sd * Annualisation.squareRootOfTradingDays
    }

    /// Maximum drawdown: `min_t (E_t / max_{u≤t} E_u − 1)`, with `E_0 = 1`
    /// in the running maximum; 0 for a curve that never falls; ≤ 0. NaN
    /// without returns, with a missing one, or when a term is undefined (∞/∞).
    package static func maxDrawdown(_ returns: [Double]) -> Double {
        guard !returns.isEmpty, !returns.contains(where: \.isNaN) else { return .nan }
        var equity = 1.0, peak = 1.0, worst = 0.0
        for r in returns {
            equity *= 1 + r
            peak = max(peak, equity)
            let drawdown = equity / peak - 1
            if drawdown.isNaN { return .nan }
            worst = min(worst, drawdown)
        }
        return worst
    }

    /// Worst calendar month: the month (of `dates`) with the lowest
    /// compounded return `Π(1 + r) − 1`; `nil` without returns. A month with a
    /// missing return makes the worst month undefined: the first such month is
    /// returned with a NaN return.
    package static func worstMonth(dates: [TradingDate], returns: [Double]) -> (year: Int, month: Int, return: Double)? {
        precondition(dates.count == returns.count)
        var worst: (year: Int, month: Int, return: Double)?
        var k = 0
        while k < dates.count {
            let (y, m, _) = dates[k].components
            var growth = 1.0
            while k < dates.count, dates[k].components.year == y, dates[k].components.month == m {
                growth *= 1 + returns[k]
                k += 1
            }
            let monthly = growth - 1
            if monthly.isNaN { return (y, m, monthly) }
            if worst == nil || monthly < worst!.return { worst = (y, m, monthly) }
        }
        return worst
    }
}

/// The headline numbers of one run (SPEC §6 run summary).
package struct PerformanceSummary: Sendable {
    package var firstDay: TradingDate?
    package var lastDay: TradingDate?
    /// First rebalance (equity = 1.0).
    package var liveStart: TradingDate?
    package var cagr: Double
    package var annualisedVolatility: Double
    package var sharpeRatio: Double
    package var maxDrawdown: Double
    package var worstMonth: (year: Int, month: Int, return: Double)?
    package var finalEquity: Double

    /// Metrics over the live period of `result` (returns after the first rebalance).
    package init(_ result: BacktestResult) {
        let equity = result.equityCurve
        firstDay = result.tradingDays.first
        lastDay = result.tradingDays.last
        liveStart = equity.dates.first
        let liveDates = Array(equity.dates.dropFirst())
        let offset = result.tradingDays.count - liveDates.count
        let live = Array(result.portfolioReturns.columns[0][offset...])
        cagr = PerformanceMetrics.cagr(live)
        annualisedVolatility = PerformanceMetrics.annualisedVolatility(live)
        sharpeRatio = PerformanceMetrics.sharpeRatio(live)
        maxDrawdown = PerformanceMetrics.maxDrawdown(live)
        worstMonth = PerformanceMetrics.worstMonth(dates: liveDates, returns: live)
        finalEquity = equity.columns[0].last ?? .nan
    }
}
