import Foundation
import Testing
import TimeSeries
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

/// The scalar histogram's axes when the scalars are all alike: bins as wide
/// as for the chart's minimum axis, no axis beyond 1.05, whole-number counts.
@Suite struct HistogramAxisTests {
    @Test func equalScalarsGetANarrowBin() {
        let bins = Histogram.bins([1, 1, 1], minimumSpan: 0.55)
        #expect(bins.count == 1 && bins[0].count == 3)
        #expect(bins[0].lower == 1 && abs(bins[0].upper - 1.05) < 1e-12, "one bin [1, 1.05), not [1, 2)")
    }

    @Test func countTicksAreWholeNumbers() {
        #expect(NiceTicks.ticks(lower: 0, upper: 1, target: 4, minimumStep: 1) == [0, 1])
        #expect(NiceTicks.extent(lower: 0, upper: 3, target: 4, minimumStep: 1) == (0, 3))
        #expect(NiceTicks.ticks(lower: 0, upper: 400, target: 4, minimumStep: 1) == [0, 100, 200, 300, 400])
    }

    @Test func aSingleRebalanceAtOneIsDrawnOnTheScalarRange() throws {
        let svg = HistogramChart.render([ReportRebalance(date: try #require(TradingDate("2024-01-05")), scalar: 1)],
                                        frame: ChartFrame(width: 400, height: 200)).render()
        let labels = svg.components(separatedBy: "</text>").dropLast().compactMap { $0.split(separator: ">").last.map(String.init) }
        #expect(labels == ["0", "1", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"], "\(labels)")
    }
}
