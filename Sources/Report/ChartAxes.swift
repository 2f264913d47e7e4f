import Plot

/// Grid lines, tick marks and tick labels of a chart.
enum ChartAxes {
    /// Horizontal grid lines at the y positions of `ticks`, each labelled on the left.
    static func horizontal(_ ticks: [(position: Double, label: String)], frame: ChartFrame) -> Node<SVG> {
        SVG.group(cssClass: "axis axis-y", ticks.flatMap { tick in
            [SVG.line(x1: frame.plotLeft, y1: tick.position, x2: frame.plotRight, y2: tick.position, cssClass: "grid"),
             SVG.text(tick.label, x: frame.plotLeft - 6, y: tick.position + 4, anchor: "end", cssClass: "tick-label")]
        })
    }

    /// The date axis under the plot: a baseline, a tick and a label per date tick.
    static func dates(_ scale: TimeScale, frame: ChartFrame, maximumCount: Int = 10) -> Node<SVG> {
        let ticks = DateTicks.ticks(from: scale.first, to: scale.last, maximumCount: maximumCount)
        let baseline = SVG.line(x1: frame.plotLeft, y1: frame.plotBottom, x2: frame.plotRight, y2: frame.plotBottom,
                                cssClass: "axis-line")
        return SVG.group(cssClass: "axis axis-x", [baseline] + ticks.flatMap { tick -> [Node<SVG>] in
            let x = scale.position(tick.date)
            return [SVG.line(x1: x, y1: frame.plotBottom, x2: x, y2: frame.plotBottom + 5, cssClass: "tick"),
                    SVG.text(tick.label, x: x, y: frame.plotBottom + 18, anchor: "middle", cssClass: "tick-label")]
        })
    }
}
