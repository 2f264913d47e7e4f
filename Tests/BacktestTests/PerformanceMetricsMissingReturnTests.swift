import Testing
@testable import Backtest

/// "Every metric is NaN when a return is missing" (PerformanceMetrics' doc),
/// including `cagr`, which used to return −1 for a NaN growth.
@Suite struct PerformanceMetricsMissingReturnTests {
    @Test func cagrIsNaNWithAMissingReturn() {
        #expect(PerformanceMetrics.cagr([Double.nan]).isNaN)
        #expect(PerformanceMetrics.cagr([0.01, .nan, 0.02]).isNaN)
        #expect(PerformanceMetrics.cagr([-1.0, .nan]).isNaN)
    }

    @Test func cagrOfATotalLossIsMinusOne() {
        #expect(PerformanceMetrics.cagr([0.5, -1.0]) == -1)
        #expect(PerformanceMetrics.cagr([-1.5]) == -1)
    }

    @Test func cagrOfOneYearOfGrowth() {
        // 252 returns compounding to exactly 2: E^(252/252) − 1 = 1.
        #expect(PerformanceMetrics.cagr([1.0] + [Double](repeating: 0, count: 251)) == 1.0)
    }

    @Test func volatilityAndSharpeAreNaNWithAMissingReturn() {
        #expect(PerformanceMetrics.annualisedVolatility([0.01, .nan, 0.02]).isNaN)
        #expect(PerformanceMetrics.sharpeRatio([0.01, .nan, 0.02]).isNaN)
        #expect(PerformanceMetrics.maxDrawdown([0.01, .nan, 0.02]).isNaN)
    }
}
