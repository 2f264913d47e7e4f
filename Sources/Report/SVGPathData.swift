/// Builds the `d` attribute of an SVG `<path>` from chart points.
///
/// Each run of finite points becomes one sub-path: `M x y` for its first point
/// and `L x y` for the others; a point with NaN `x` or `y` ends the run, so a
/// gap in the data is a gap in the line. A run of a single point is drawn as a
/// zero-length segment (`M x y h0`), which a round line cap shows as a dot.
enum SVGPathData {
    /// The path data; empty when no point is finite.
    static func line(_ points: [ChartPoint]) -> String {
        var d = ""
        d.reserveCapacity(points.count * 12)
        var runLength = 0
        for point in points {
            guard point.x.isFinite, point.y.isFinite else {
                if runLength == 1 { d += "h0" }
                runLength = 0
                continue
            }
            if !d.isEmpty, runLength == 0 { d += " " }
            d += runLength == 0 ? "M" : "L"
            d += SVGNumber.format(point.x) + " " + SVGNumber.format(point.y)
            runLength += 1
        }
        if runLength == 1 { d += "h0" }
        return d
    }
}
