import Testing
@testable import Report

@Suite struct PixelReductionTests {
    @Test func keepsASingleDaySpike() {
        // 100 points in one pixel column (x 10.00 … 10.99), one spike at index 57.
        let xs = (0..<100).map { 10 + Double($0) / 100 }
        var ys = [Double](repeating: 50, count: 100)
        ys[57] = 5
        let reduced = PixelReduction.reduce(xs: xs, ys: ys)
        #expect(reduced.count == 2)
        #expect(reduced.contains(ChartPoint(x: xs[57], y: 5)))
        #expect(reduced.contains { $0.y == 50 })
    }

    @Test func keepsMinAndMaxInOrderPerColumn() {
        let xs = [0.1, 0.2, 0.3, 0.4, 1.1, 1.5, 1.9]
        let ys = [3.0, 9.0, 1.0, 4.0, 2.0, 2.5, 8.0]
        #expect(PixelReduction.reduce(xs: xs, ys: ys) == [
            ChartPoint(x: 0.2, y: 9), ChartPoint(x: 0.3, y: 1),
            ChartPoint(x: 1.1, y: 2), ChartPoint(x: 1.9, y: 8),
        ])
    }

    @Test func shortSeriesUnchanged() {
        let xs = [0.0, 1.0, 2.0, 3.0]
        let ys = [1.0, 2.0, 3.0, 4.0]
        #expect(PixelReduction.reduce(xs: xs, ys: ys) == zip(xs, ys).map { ChartPoint(x: $0, y: $1) })
    }

    @Test func nanStaysAGap() {
        let xs = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 5.0]
        let ys = [1.0, 2.0, .nan, .nan, 7.0, 8.0, 9.0]
        let reduced = PixelReduction.reduce(xs: xs, ys: ys)
        #expect(reduced == [ChartPoint(x: 0.1, y: 1), ChartPoint(x: 0.2, y: 2), ChartPoint(x: 0.3, y: .nan),
                            ChartPoint(x: 0.5, y: 7), ChartPoint(x: 0.6, y: 8), ChartPoint(x: 5, y: 9)])
    }

    @Test func leadingNaNIsDroppedAndBoundIsTwoPerColumn() {
        let count = 25 * 261
        let xs = (0..<count).map { Double($0) * 1000 / Double(count) }
        let ys = (0..<count).map { $0 < 60 ? .nan : Double($0 % 17) }
        let reduced = PixelReduction.reduce(xs: xs, ys: ys)
        #expect(!reduced[0].y.isNaN)
        #expect(reduced.count <= 2 * 1000)
        #expect(reduced.contains { $0.y == 16 } && reduced.contains { $0.y == 0 })
    }
}
