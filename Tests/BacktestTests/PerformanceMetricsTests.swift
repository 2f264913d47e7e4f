import Testing
import TimeSeries
@testable import Backtest

@Suite struct PerformanceMetricsTests {
    @Test func cagrCompoundsToAnnualRate() {
        // 252 days of +r compound to (1+r)^252 in one year.
        let r = 0.0004
        let expected = pow1p(r, 252) - 1
        #expect(abs(PerformanceMetrics.cagr([Double](repeating: r, count: 252)) - expected) < 1e-12)
        // Two days of growth g annualise to g^(252/2).
        let twoDays = (1.01 * 1.02).power(126) - 1
        #expect(abs(PerformanceMetrics.cagr([0.01, 0.02]) / twoDays - 1) < 1e-12)
        #expect(PerformanceMetrics.cagr([]).isNaN)
        #expect(PerformanceMetrics.cagr([-1.0, 0.1]) == -1)
    }

    @Test func volatilityAndSharpe() {
        let xs = [0.01, -0.01, 0.02, 0.0]
        let mean = 0.005
        let sd = ((0.005 * 0.005 + 0.015 * 0.015 + 0.015 * 0.015 + 0.005 * 0.005) / 3).squareRoot()
        #expect(abs(PerformanceMetrics.annualisedVolatility(xs) - sd * 252.0.squareRoot()) < 1e-15)
        #expect(abs(PerformanceMetrics.sharpeRatio(xs) - mean / sd * 252.0.squareRoot()) < 1e-12)
        #expect(PerformanceMetrics.sharpeRatio([0.01, 0.01]).isNaN)
        #expect(PerformanceMetrics.annualisedVolatility([0.01]).isNaN)
    }

    @Test func maxDrawdownFromRunningPeak() {
        // 1 → 1.1 → 0.88 → 0.968 → 1.1616: worst 0.88/1.1 − 1 = −0.2.
        #expect(abs(PerformanceMetrics.maxDrawdown([0.1, -0.2, 0.1, 0.2]) - (-0.2)) < 1e-15)
        #expect(PerformanceMetrics.maxDrawdown([0.01, 0.02]) == 0)
        #expect(abs(PerformanceMetrics.maxDrawdown([-0.5]) - (-0.5)) < 1e-15)
        #expect(PerformanceMetrics.maxDrawdown([.nan]).isNaN)
    }

    @Test func worstMonthCompoundsWithinCalendarMonths() {
        let dates = ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02", "2024-03-01"].map { TestSupport.date($0) }
        let worst = PerformanceMetrics.worstMonth(dates: dates, returns: [0.01, 0.01, -0.05, -0.05, -0.09])!
        #expect(worst.year == 2024 && worst.month == 2)
        #expect(abs(worst.return - (0.95 * 0.95 - 1)) < 1e-15)
        #expect(PerformanceMetrics.worstMonth(dates: [], returns: []) == nil)
    }

    func pow1p(_ r: Double, _ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * (1 + r) } }
}

private extension Double {
    func power(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * self } }
}

/// Empty, missing (NaN) and infinite inputs for every metric, against the
/// documented contract of ``PerformanceMetrics``: "every metric is `.nan`
/// when its inputs cannot define it (too few returns, zero volatility, a
/// missing return)".
@Suite struct PerformanceMetricsEdgeCaseTests {
    static let tenFlatDays = [Double](repeating: 0.01, count: 10)

    @Test func cagrOfNoReturnsIsMissing() {
        #expect(PerformanceMetrics.cagr([]).isNaN)
    }

    @Test func cagrWithAMissingReturnIsMissing() {
        // `growth > 0` is false for NaN: checked before, so NaN in, NaN out.
        #expect(PerformanceMetrics.cagr([.nan]).isNaN)
        #expect(PerformanceMetrics.cagr([0.01, .nan, 0.02]).isNaN)
    }

    @Test func cagrOfTotalLossAndInfiniteGrowth() {
        // E_n = 0 → 0^(252/n) − 1 = −1; E_n = +∞ → ∞^(252) − 1 = +∞.
        #expect(PerformanceMetrics.cagr([-1]) == -1)
        #expect(PerformanceMetrics.cagr([.infinity]) == .infinity)
    }

    @Test func volatilityNeedsTwoDefinedFiniteReturns() {
        #expect(PerformanceMetrics.annualisedVolatility([]).isNaN)
        #expect(PerformanceMetrics.annualisedVolatility([0.01]).isNaN, "ddof 1 needs two returns")
        #expect(PerformanceMetrics.annualisedVolatility([0.01, .nan, 0.02]).isNaN)
        // mean = ∞, and ∞ − ∞ = NaN in the deviations.
        #expect(PerformanceMetrics.annualisedVolatility([0.01, .infinity]).isNaN)
        #expect(PerformanceMetrics.annualisedVolatility([-.infinity, 0.01]).isNaN)
    }

    @Test func volatilityOfConstantReturnsIsZero() {
        // Σ(r − r̄)² = 0 for identical returns. The two-pass mean of ten 0.01s rounds to
        // 0.009999999999999998; identical values are special-cased to exactly 0.
        #expect(PerformanceMetrics.annualisedVolatility(Self.tenFlatDays) == 0)
        #expect(PerformanceMetrics.annualisedVolatility([0.01, 0.01]) == 0, "two equal returns: mean exact")
    }

    @Test func sharpeIsMissingWithoutADefinedNonZeroVolatility() {
        #expect(PerformanceMetrics.sharpeRatio([]).isNaN)
        #expect(PerformanceMetrics.sharpeRatio([0.01]).isNaN)
        #expect(PerformanceMetrics.sharpeRatio([0.01, 0.01]).isNaN, "zero volatility")
        #expect(PerformanceMetrics.sharpeRatio([0.01, .nan, 0.02]).isNaN)
        #expect(PerformanceMetrics.sharpeRatio([0.01, .infinity]).isNaN)
        #expect(PerformanceMetrics.sharpeRatio([-.infinity, 0.01]).isNaN)
    }

    @Test func sharpeOfConstantReturnsIsMissing() {
        // Zero volatility → NaN. Without the identical-values rule the rounding
        // residue (std ≈ 1.8e-18) would pass `sd > 0` and report about 8.7e16.
        #expect(PerformanceMetrics.sharpeRatio(Self.tenFlatDays).isNaN)
    }

    @Test func maxDrawdownWithMissingOrInfiniteReturns() {
        #expect(PerformanceMetrics.maxDrawdown([.nan]).isNaN)
        #expect(PerformanceMetrics.maxDrawdown([0.01, .nan, -0.02]).isNaN)
        // E = 1.1, then 1.1·(1 − ∞) = −∞ below the peak 1.1: −∞/1.1 − 1 = −∞.
        #expect(PerformanceMetrics.maxDrawdown([0.1, -.infinity]) == -.infinity)
    }

    @Test func maxDrawdownOfNoReturnsIsMissing() {
        // min over an empty set of days is undefined ("too few returns"); empyrical's
        // max_drawdown is NaN for an empty series.
        #expect(PerformanceMetrics.maxDrawdown([]).isNaN)
    }

    @Test func maxDrawdownAfterAnInfiniteGainIsMissing() {
        // E = 1.1, ∞, ∞: E_t / max E_u − 1 = ∞/∞ − 1 = NaN on days 2 and 3, so the
        // minimum is undefined. (Swift's `min(worst, .nan)` would keep `worst`.)
        #expect(PerformanceMetrics.maxDrawdown([0.1, .infinity, -0.5]).isNaN)
    }

    static let twoMonths = ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02"].map { TestSupport.date($0) }

    @Test func worstMonthWithAMissingReturnIsMissing() {
        // A missing return makes that month's Π(1 + r) − 1 missing, so the worst month is undefined.
        let first = PerformanceMetrics.worstMonth(dates: Self.twoMonths, returns: [.nan, 0.01, -0.05, -0.05])
        #expect(first?.return.isNaN == true, "NaN in the first month")
        let later = PerformanceMetrics.worstMonth(dates: Self.twoMonths, returns: [0.01, 0.01, .nan, -0.05])
        #expect(later?.return.isNaN == true, "NaN in a later month")
    }

    @Test func worstMonthWithInfiniteReturns() {
        // January 1·(1 − ∞) − 1 = −∞ is the worst; February 0.95·0.95 − 1 = −0.0975.
        let crash = PerformanceMetrics.worstMonth(dates: Self.twoMonths, returns: [0.01, -.infinity, -0.05, -0.05])
        #expect(crash?.year == 2024 && crash?.month == 1 && crash?.return == -.infinity)
        // January grows without bound (+∞), so February (−0.0975) is the worst.
        let boom = PerformanceMetrics.worstMonth(dates: Self.twoMonths, returns: [0.01, .infinity, -0.05, -0.05])
        #expect(boom?.month == 2)
        #expect(abs((boom?.return ?? 0) - (-0.0975)) < 1e-15)
    }

    @Test func worstMonthOfNoReturnsIsNil() {
        #expect(PerformanceMetrics.worstMonth(dates: [], returns: []) == nil)
    }
}
