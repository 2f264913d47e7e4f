import Plot

/// Histogram of the used scalars (one per rebalance), counts on y. The x
/// axis always spans at least [0.5, 1.05] (scalars are at most 1); when the
/// scalars are all equal (often all 1.0) their one bin is as wide as for that
/// span; the count axis has whole-number ticks.
enum HistogramChart {
    static let minimumAxis = (lower: 0.5, upper: 1.05)

    static func render(_ rebalances: [ReportRebalance], frame: ChartFrame) -> Node<HTML.BodyContext> {
        let bins = Histogram.bins(rebalances.map(\.scalar), minimumSpan: minimumAxis.upper - minimumAxis.lower)
        guard let first = bins.first, let last = bins.last else {
            return ReportFigure.empty("Scalar histogram: no rebalance scalars.")
        }
        let lowerX = min(first.lower, minimumAxis.lower), upperX = max(last.upper, minimumAxis.upper)
        let x = LinearScale(domain: (lowerX, upperX), range: (frame.plotLeft, frame.plotRight))
        let maxCount = Double(bins.map(\.count).max() ?? 1)
        let countExtent = NiceTicks.extent(lower: 0, upper: max(1, maxCount), target: 4, minimumStep: 1)
        let y = LinearScale(domain: (0, countExtent.upper), range: (frame.plotBottom, frame.plotTop))
        let countStep = NiceTicks.step(span: countExtent.upper, target: 4, minimumStep: 1)
        let yTicks = NiceTicks.ticks(lower: 0, upper: countExtent.upper, target: 4, minimumStep: 1)
            .map { (y.position($0), TickLabel.number($0, step: countStep)) }
        let bars = bins.filter { $0.count > 0 }.map { bin in
            SVG.rect(x: x.position(bin.lower) + 0.5, y: y.position(Double(bin.count)),
                     width: max(1, x.position(bin.upper) - x.position(bin.lower) - 1),
                     height: frame.plotBottom - y.position(Double(bin.count)), cssClass: "bar")
        }
        let xStep = NiceTicks.step(span: upperX - lowerX, target: 6)
        let xTicks = NiceTicks.ticks(lower: lowerX, upper: upperX, target: 6).flatMap { value -> [Node<SVG>] in
            let px = x.position(value)
            return [SVG.line(x1: px, y1: frame.plotBottom, x2: px, y2: frame.plotBottom + 5, cssClass: "tick"),
                    SVG.text(TickLabel.number(value, step: xStep), x: px, y: frame.plotBottom + 18, anchor: "middle",
                             cssClass: "tick-label")]
        }
        let axis = SVG.line(x1: frame.plotLeft, y1: frame.plotBottom, x2: frame.plotRight, y2: frame.plotBottom, cssClass: "axis-line")
        let fullCount = bins.last.map { $0.count } ?? 0
        let binWidth = first.upper - first.lower
        return SVG.chart(id: "histogram", title: "Histogram of used scalars",
                         description: "\(rebalances.count) rebalances in \(bins.count) bins of width "
                             + "\(TickLabel.number(binWidth, step: binWidth)); the highest bin (\(TickLabel.number(last.lower, step: binWidth)) and above) holds \(fullCount).",
                         width: frame.width, height: frame.height,
                         [ChartAxes.horizontal(yTicks, frame: frame), SVG.group(cssClass: "bars", bars), axis] + xTicks)
    }
}
