import Testing
@testable import Allocator

/// Plain-sum sample statistics and annualisation, with literal values.
@Suite struct SampleStatisticsTests {
    @Test func meanVarianceStandardDeviation() {
        #expect(SampleStatistics.mean([1, 2, 3, 4]) == 2.5)
        // Σ(x − 2.5)² = 5, / 3.
        [1.0, 2, 3, 4].withUnsafeBufferPointer { #expect(SampleStatistics.variance($0) == 1.6666666666666667) }
        #expect(SampleStatistics.standardDeviation([1, 2, 3, 4]) == 1.2909944487358056)
        #expect(SampleStatistics.standardDeviation([0.01, 0.01]) == 0)
    }

    @Test func missingAndShortSamplesAreNaN() {
        #expect(SampleStatistics.mean([]).isNaN)
        #expect(SampleStatistics.standardDeviation([1]).isNaN)
        #expect(SampleStatistics.standardDeviation([1, .nan, 3]).isNaN)
        #expect(SampleStatistics.mean([1, .nan]).isNaN)
    }

    @Test func windowStandardDeviationIsZeroForIdenticalValues() {
        // 0.1 × 3 has a mean that is not exactly 0.1: the pandas rule gives 0 exactly.
        [0.1, 0.1, 0.1].withUnsafeBufferPointer { #expect(WindowStatistics.sampleStandardDeviation($0.baseAddress!, count: 3) == 0) }
        [1.0, 2, 3, 4].withUnsafeBufferPointer {
            #expect(WindowStatistics.sampleStandardDeviation($0.baseAddress!, count: 4) == 1.2909944487358056)
        }
    }

    @Test func annualisation() {
        #expect(Annualisation.tradingDaysPerYear == 252)
        #expect(Annualisation.squareRootOfTradingDays == 15.874507866387544)
        #expect(Annualisation.volatility(standardDeviation: 0.01) == 0.15874507866387544)
        #expect(Annualisation.volatility(variance: 0.0004) == 0.3174901573277509)
    }

    @Test func numpyStandardDeviationByDdof() {
        // numpy: np.std([1, 2, 3, 4]) = 1.118033988749895, ddof=1: 1.2909944487358056.
        #expect(SummaryStatistics.standardDeviation([1, 2, 3, 4], mean: 2.5, ddof: 0) == 1.118033988749895)
        #expect(SummaryStatistics.standardDeviation([1, 2, 3, 4], mean: 2.5, ddof: 1) == 1.2909944487358056)
        #expect(SummaryStatistics.standardDeviation([], mean: .nan, ddof: 0).isNaN)
    }
}
