#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Allocator
import TimeSeries

/// Headline metrics of one pass of a two-pass audit (SPEC §9), computed
/// from its equity curve `E` (daily, ascending dates) exactly as the
/// reference's comparison does with pandas:
///
/// - daily returns `r = E.pct_change().dropna()`: `E` forward-filled over
///   missing values (pandas' default `fill_method="pad"`), then
///   `rᵢ = Eᵢ / Eᵢ₋₁ − 1`; the first row (and any leading missing rows)
///   has no return;
/// - `cagr = (E_last / E_first)^(1 / years) − 1`,
///   `years = calendar days(first → last) / 365.25`; NaN below two rows or
///   when `years ≤ 0`;
/// - `annVol = std(r, ddof 0) · √252`;
/// - `sharpe = mean(r) · 252 / (std(r, ddof 0) · √252)`, NaN when the std is 0;
/// - `maxDrawdown = min(E / cummax(E) − 1)` (missing rows skipped);
/// - `worstMonth` / `worstQuarter`: the calendar period with the lowest
///   `Π(1 + r) − 1`, dated by its last calendar day (a return belongs to
///   the period of its own date);
/// - `start`, `end`, `dayCount` (rows of `E`).
///
/// Sums are numpy's pairwise sums (``SummaryStatistics/pairwiseSum(_:)``),
/// `mean = Σr / n`, `std = √(Σ(mean − r)² / n)`
/// (``SummaryStatistics/standardDeviation(_:mean:ddof:)``, ddof 0); 252 and
/// √252 are ``Annualisation``'s. Empty or degenerate inputs give NaN (never
/// a crash); NaN is written `null` in JSON.
package struct PassMetrics: Equatable, Sendable {
    /// Days per calendar year used by `cagr`.
    package static let daysPerYear = 365.25

    /// Compound annual growth rate of `E`.
    package var cagr: Double
    /// `std(r, ddof 0) · √252` (JSON `ann_vol`).
    package var annualisedVolatility: Double
    /// `mean(r) · 252 / (std(r, ddof 0) · √252)`; NaN when the std is 0.
    package var sharpe: Double
    /// `min(E / cummax(E) − 1)`, ≤ 0.
    package var maxDrawdown: Double
    /// Calendar month with the lowest compounded return; `nil` without returns.
    package var worstMonth: PeriodReturn?
    /// Calendar quarter with the lowest compounded return; `nil` without returns.
    package var worstQuarter: PeriodReturn?
    /// First date of `E`; `nil` when `E` is empty.
    package var start: TradingDate?
    /// Last date of `E`.
    package var end: TradingDate?
    /// Rows of `E`.
    package var dayCount: Int

    /// Metrics of the equity curve `equity` (values may be missing: NaN).
    package init(equity: Series) {
        let e = equity.values
        let (returnDates, returns) = Self.dailyReturns(dates: equity.dates, equity: e)
        cagr = Self.cagr(dates: equity.dates, equity: e)
        let mean = returns.isEmpty ? Double.nan : SummaryStatistics.pairwiseSum(returns) / Double(returns.count)
        let std = SummaryStatistics.standardDeviation(returns, mean: mean, ddof: 0)
        annualisedVolatility = Annualisation.volatility(standardDeviation: std)
        sharpe = std == 0 || std.isNaN ? .nan
            : mean * Annualisation.tradingDaysPerYear / Annualisation.volatility(standardDeviation: std)
        maxDrawdown = Self.maxDrawdown(e)
        worstMonth = CalendarPeriod.month.worst(dates: returnDates, returns: returns)
        worstQuarter = CalendarPeriod.quarter.worst(dates: returnDates, returns: returns)
        start = equity.dates.first
        end = equity.dates.last
        dayCount = e.count
    }

    /// `E.pct_change().dropna()` with pandas' forward fill of missing `E`.
    static func dailyReturns(dates: [TradingDate], equity: [Double]) -> (dates: [TradingDate], returns: [Double]) {
        var outDates: [TradingDate] = [], out: [Double] = []
        outDates.reserveCapacity(equity.count)
        out.reserveCapacity(equity.count)
        var previous = Double.nan // last non-missing E (the forward fill)
        for (k, value) in equity.enumerated() {
            let filled = value.isNaN ? previous : value
            if k > 0 {
                let r = filled / previous - 1
                if !r.isNaN { outDates.append(dates[k]); out.append(r) }
            }
            previous = filled
        }
        return (outDates, out)
    }

    /// `(E_last / E_first)^(1 / years) − 1`, `years = days / 365.25`.
    static func cagr(dates: [TradingDate], equity: [Double]) -> Double {
        guard equity.count >= 2, let first = dates.first, let last = dates.last else { return .nan }
        let years = Double(first.days(to: last)) / daysPerYear
        guard years > 0 else { return .nan }
        return pow(equity[equity.count - 1] / equity[0], 1 / years) - 1
    }

    /// `min(E / cummax(E) − 1)` over ``drawdowns(_:)``; NaN when none is valid.
    static func maxDrawdown(_ equity: [Double]) -> Double {
        var worst = Double.nan
        for drawdown in drawdowns(equity) where !drawdown.isNaN && (worst.isNaN || drawdown < worst) { worst = drawdown }
        return worst
    }

    /// The drawdown of each row, `E / cummax(E) − 1` (≤ 0); the running
    /// maximum skips missing rows, and a missing row's drawdown is NaN.
    package static func drawdowns(_ equity: [Double]) -> [Double] {
        var peak = Double.nan
        return equity.map { value in
            guard !value.isNaN else { return .nan }
            if peak.isNaN || value > peak { peak = value }
            return value / peak - 1.0
        }
    }
}
