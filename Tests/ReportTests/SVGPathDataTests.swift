import Testing
@testable import Report

@Suite struct SVGPathDataTests {
    @Test func numbersUseOneDecimalAndNoNegativeZero() {
        #expect(SVGNumber.format(12.345) == "12.3")
        #expect(SVGNumber.format(7.0) == "7")
        #expect(SVGNumber.format(-0.04) == "0")
        #expect(SVGNumber.format(-3.25) == "-3.3")
        #expect(SVGNumber.format(.nan) == "0")
    }

    @Test func lineWithMovesAndLines() {
        let points = [ChartPoint(x: 0, y: 10), ChartPoint(x: 1.5, y: 8.25), ChartPoint(x: 3, y: 9)]
        #expect(SVGPathData.line(points) == "M0 10L1.5 8.3L3 9")
    }

    @Test func gapBreaksThePath() {
        let points = [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 2), ChartPoint(x: 2, y: .nan),
                      ChartPoint(x: 3, y: 4), ChartPoint(x: 4, y: 5)]
        #expect(SVGPathData.line(points) == "M0 1L1 2 M3 4L4 5")
    }

    @Test func isolatedPointIsADot() {
        let points = [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: .nan), ChartPoint(x: 2, y: 3)]
        #expect(SVGPathData.line(points) == "M0 1h0 M2 3h0")
    }

    @Test func emptyWhenNothingFinite() {
        #expect(SVGPathData.line([ChartPoint(x: 0, y: .nan)]).isEmpty)
        #expect(SVGPathData.line([]).isEmpty)
    }
}
