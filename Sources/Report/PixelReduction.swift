/// Reduces a long series to at most two points per pixel column, keeping each
/// column's minimum and maximum so that no spike disappears.
///
/// The series is first split at NaN values into runs of finite points; each
/// run is reduced on its own and runs are separated by one NaN point, so a gap
/// in the data stays a gap in the drawing. Inside a run, points whose x falls
/// in the same column `floor(x / columnWidth)` are replaced by the column's
/// minimum and maximum, in the order they occur (a single point stays one
/// point). The x of a kept point is its own x. A run with no more than two
/// points per column is returned unchanged.
enum PixelReduction {
    /// - Parameters:
    ///   - xs: pixel x positions, ascending.
    ///   - ys: pixel y positions (NaN = missing), same count as `xs`.
    ///   - columnWidth: width of one column in the same units as `xs`.
    /// - Returns: the kept points; `y` is NaN at a gap.
    static func reduce(xs: [Double], ys: [Double], columnWidth: Double = 1) -> [ChartPoint] {
        precondition(xs.count == ys.count, "xs and ys must have the same count")
        var output: [ChartPoint] = []
        output.reserveCapacity(min(xs.count, 4096))
        var index = 0
        while index < xs.count {
            guard !ys[index].isNaN else {
                if let last = output.last, !last.y.isNaN { output.append(ChartPoint(x: xs[index], y: .nan)) }
                index += 1
                continue
            }
            index = reduceColumn(xs: xs, ys: ys, from: index, columnWidth: columnWidth, into: &output)
        }
        return output
    }

    /// Reduces the finite points of one column starting at `start`; returns the next index.
    private static func reduceColumn(xs: [Double], ys: [Double], from start: Int,
                                     columnWidth: Double, into output: inout [ChartPoint]) -> Int {
        let column = (xs[start] / columnWidth).rounded(.down)
        var minIndex = start, maxIndex = start
        var end = start + 1
        while end < xs.count, !ys[end].isNaN, (xs[end] / columnWidth).rounded(.down) == column {
            if ys[end] < ys[minIndex] { minIndex = end }
            if ys[end] > ys[maxIndex] { maxIndex = end }
            end += 1
        }
        if end - start <= 2 {
            for i in start..<end { output.append(ChartPoint(x: xs[i], y: ys[i])) }
        } else {
            let first = min(minIndex, maxIndex), second = max(minIndex, maxIndex)
            output.append(ChartPoint(x: xs[first], y: ys[first]))
            if second != first { output.append(ChartPoint(x: xs[second], y: ys[second])) }
        }
        return end
    }
}
