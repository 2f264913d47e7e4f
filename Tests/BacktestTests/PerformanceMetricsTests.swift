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
