import Foundation
import Plot
import TimeSeries

/// The state features as a grid of small charts sharing one time axis, each
/// with its ENTER (dashed) and EXIT (dotted) threshold lines labelled in text.
///
/// y domain per panel: the finite values and thresholds, widened by
/// ``NiceTicks/extent(lower:upper:target:)`` with 3 target ticks.
enum FeatureSmallMultiples {
    static let frame = ChartFrame(width: 540, height: 150, left: 52, right: 70, top: 10, bottom: 26)

    static func render(_ panels: [ReportFeaturePanel]) -> Node<HTML.BodyContext> {
        let allDates = panels.flatMap { [$0.dates.first, $0.dates.last].compactMap { $0 } }
        guard let first = allDates.min(), let last = allDates.max(), first < last else {
            return ReportFigure.empty("State features: no dates to draw.")
        }
        let time = TimeScale(first: first, last: last, left: frame.plotLeft, right: frame.plotRight)
        return .div(.class("small-multiples"), .group(panels.enumerated().map { index, panel in
            .div(.class("panel"), .h4(Markup.text(panel.name)), chart(panel, index: index, time: time))
        }))
    }

    private static func chart(_ panel: ReportFeaturePanel, index: Int, time: TimeScale) -> Node<HTML.BodyContext> {
        let thresholds = [panel.enterThreshold, panel.exitThreshold].compactMap { $0 }
        guard let extent = ChartLine.finiteExtent(panel.values, thresholds) else {
            return ReportFigure.empty("\(panel.name): no values.")
        }
        let padded: (lower: Double, upper: Double) = extent.upper > extent.lower ? extent : (extent.lower - 0.5, extent.upper + 0.5)
        let bounds = NiceTicks.extent(lower: padded.lower, upper: padded.upper, target: 3)
        let step = NiceTicks.step(span: bounds.upper - bounds.lower, target: 3)
        let y = LinearScale(domain: (bounds.lower, bounds.upper), range: (frame.plotBottom, frame.plotTop))
        let ticks = NiceTicks.ticks(lower: bounds.lower, upper: bounds.upper, target: 3).map { (y.position($0), TickLabel.number($0, step: step)) }
        let line = SVG.path(ChartLine.pathData(dates: panel.dates, values: panel.values, time: time, y: y.position), cssClass: "line-feature")
        let levels = [("enter", panel.enterThreshold, "threshold-enter"), ("exit", panel.exitThreshold, "threshold-exit")]
        let thresholdNodes = levels.compactMap { name, value, css in value.map { (name, $0, css) } }
        let thresholdLines = thresholdNodes.map { _, value, css in
            SVG.line(x1: frame.plotLeft, y1: y.position(value), x2: frame.plotRight, y2: y.position(value), cssClass: css)
        }
        let labels = EndLabels.render(thresholdNodes.map { name, value, css in
            EndLabels.Label(text: "\(name) \(formatThreshold(value))", y: y.position(value), cssClass: css)
        }, frame: frame, gap: 12)
        let last = ChartLine.lastFinite(dates: panel.dates, values: panel.values)
        let thresholdText = thresholdNodes.isEmpty ? "no regime threshold"
            : thresholdNodes.map { "\($0.0) threshold \(formatThreshold($0.1))" }.joined(separator: ", ")
        return SVG.chart(id: "feature-\(index)", title: "State feature \(panel.name)",
                         description: "\(panel.name) ranges from \(formatThreshold(extent.lower)) to \(formatThreshold(extent.upper)); "
                             + "last value \(last.map { formatThreshold($0.value) } ?? "NA"); \(thresholdText).",
                         width: frame.width, height: frame.height,
                         [ChartAxes.horizontal(ticks, frame: frame), ChartAxes.dates(time, frame: frame, maximumCount: 6)]
                             + thresholdLines + [line, labels])
    }

    private static func formatThreshold(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
