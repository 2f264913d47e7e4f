import Foundation
import Plot

/// Drawdowns of both passes (`E / running max(E) − 1`, taken from the model),
/// on a linear percent axis from the deepest point to 0, each line labelled
/// at its end with its maximum drawdown.
enum DrawdownChart {
    static func render(_ daily: ReportDailySeries, frame: ChartFrame, time: TimeScale) -> Node<HTML.BodyContext> {
        guard let extent = ChartLine.finiteExtent(daily.drawdownBaseline, daily.drawdownScaled) else {
            return ReportFigure.empty("Drawdown: no values to draw.")
        }
        let bounds = NiceTicks.extent(lower: min(extent.lower, -0.01), upper: 0, target: 5)
        let scale = LinearScale(domain: (bounds.lower, 0), range: (frame.plotBottom, frame.plotTop))
        let step = NiceTicks.step(span: -bounds.lower, target: 5)
        let ticks = NiceTicks.ticks(lower: bounds.lower, upper: 0).map { (scale.position($0), TickLabel.percent($0, step: step)) }
        let lines = [("Baseline", daily.drawdownBaseline, "line-baseline"), ("Scaled", daily.drawdownScaled, "line-scaled")]
        let paths = lines.map { SVG.path(ChartLine.pathData(dates: daily.dates, values: $0.1, time: time, y: scale.position),
                                         cssClass: $0.2) }
        let worst = lines.map { name, values, css in
            (name, css, ChartLine.finiteExtent(values)?.lower ?? .nan)
        }
        let labels = EndLabels.render(worst.map { name, css, depth in
            EndLabels.Label(text: "\(name) max \(ReportNumberFormat.percent(decimals: 1).format(depth))",
                            y: scale.position(0) + 8, cssClass: css)
        }, frame: frame)
        let summary = worst.map { "\($0.0) maximum drawdown \(ReportNumberFormat.percent(decimals: 1).format($0.2))" }
            .joined(separator: "; ")
        return SVG.chart(id: "drawdown", title: "Drawdown of both passes",
                         description: summary + ".", width: frame.width, height: frame.height,
                         [ChartAxes.horizontal(ticks, frame: frame), ChartAxes.dates(time, frame: frame)] + paths + [labels])
    }
}
