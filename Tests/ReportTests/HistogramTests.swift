import Testing
@testable import Report

@Suite struct HistogramTests {
    @Test func binsOnAOneTwoFiveGrid() {
        let bins = Histogram.bins([0.42, 0.55, 0.61, 0.99, 1.0, 1.0], target: 10)
        #expect(bins.first?.lower == 0.4)
        #expect(abs((bins.first!.upper - bins.first!.lower) - 0.1) < 1e-12)
        #expect(bins.map(\.count).reduce(0, +) == 6)
        #expect(bins.last?.count == 3)
    }

    @Test func constantValuesGiveOneBin() {
        let bins = Histogram.bins([1, 1, 1])
        #expect(bins.count == 1 && bins[0].count == 3)
    }

    @Test func nonFiniteIgnoredAndEmptyInput() {
        #expect(Histogram.bins([.nan, .infinity]).isEmpty)
        #expect(Histogram.bins([0.5, .nan]).map(\.count) == [1])
    }
}
