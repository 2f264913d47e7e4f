import TimeSeries

/// A data series turned into reduced SVG path data: dates through a
/// ``TimeScale``, values through a y mapping, then ``PixelReduction`` on the
/// pixel grid and ``SVGPathData``.
enum ChartLine {
    /// Path data of `values` over `dates`; NaN values (or NaN positions) are gaps.
    static func pathData(dates: [TradingDate], values: [Double], time: TimeScale,
                         y: (Double) -> Double) -> String {
        let xs = dates.map(time.position)
        let ys = values.map { $0.isFinite ? y($0) : .nan }
        return SVGPathData.line(PixelReduction.reduce(xs: xs, ys: ys))
    }

    /// The last finite value and its date, for a direct label at the end of a line.
    static func lastFinite(dates: [TradingDate], values: [Double]) -> (date: TradingDate, value: Double)? {
        guard let index = values.lastIndex(where: { $0.isFinite }) else { return nil }
        return (dates[index], values[index])
    }

    /// Minimum and maximum of the finite values; `nil` when there is none.
    static func finiteExtent(_ series: [Double]...) -> (lower: Double, upper: Double)? {
        var lower = Double.infinity, upper = -Double.infinity
        for values in series {
            for v in values where v.isFinite {
                lower = min(lower, v)
                upper = max(upper, v)
            }
        }
        return lower <= upper ? (lower, upper) : nil
    }
}
