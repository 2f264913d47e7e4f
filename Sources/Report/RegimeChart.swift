import Foundation
import Plot

/// Regime bands over time with the daily risk scalar on top and a rug of
/// rebalance ticks below, plus a severity strip whose bar height encodes the
/// regime (NORMAL none … CRISIS full), so the regime reads without colour.
enum RegimeChart {
    /// Height of the severity strip above the plot area.
    static let stripHeight = 22.0
    /// Height of the rebalance rug below the plot area.
    static let rugHeight = 10.0

    static func render(_ daily: ReportDailySeries, rebalances: [ReportRebalance],
                       frame: ChartFrame, time: TimeScale) -> Node<HTML.BodyContext> {
        let xs = daily.dates.map(time.position)
        let bands = RegimeBands.bands(xs: xs, regimes: daily.regimes, right: frame.plotRight)
        let plotTop = frame.plotTop + stripHeight + 6, rugTop = frame.plotBottom - rugHeight
        let scalarBottom = rugTop - 4
        let scale = LinearScale(domain: (0, 1.05), range: (scalarBottom, plotTop))
        let ticks = NiceTicks.ticks(lower: 0, upper: 1, target: 4).map { (scale.position($0), TickLabel.number($0, step: 0.25)) }
        let bandRects = bands.map {
            SVG.rect(x: Double($0.start), y: plotTop, width: Double($0.end - $0.start), height: scalarBottom - plotTop,
                     cssClass: "band \($0.regime.cssClass)")
        }
        let strip = bands.filter { $0.regime != .normal }.map { band -> Node<SVG> in
            let height = stripHeight * Double(band.regime.rawValue) / 3
            return SVG.rect(x: Double(band.start), y: frame.plotTop + stripHeight - height, width: Double(band.end - band.start),
                            height: height, cssClass: "strip \(band.regime.cssClass)")
        }
        let stripLabels = [SVG.text("severity", x: frame.plotLeft - 6, y: frame.plotTop + stripHeight - 4, anchor: "end",
                                    cssClass: "tick-label"),
                           SVG.line(x1: frame.plotLeft, y1: frame.plotTop + stripHeight, x2: frame.plotRight,
                                    y2: frame.plotTop + stripHeight, cssClass: "axis-line")]
        let scalarPath = SVG.path(ChartLine.pathData(dates: daily.dates, values: daily.riskScalar, time: time, y: scale.position),
                                  cssClass: "line-scalar")
        let rugColumns = Set(rebalances.map { Int(time.position($0.date).rounded()) }).sorted()
        let rug = SVG.path(rugColumns.map { "M\($0) \(SVGNumber.format(rugTop))v\(SVGNumber.format(rugHeight))" }.joined(),
                           cssClass: "rug")
        let rugLabel = SVG.text("rebalances", x: frame.plotLeft - 6, y: rugTop + rugHeight - 1, anchor: "end", cssClass: "tick-label")
        var days = [Int](repeating: 0, count: 4)
        for case let regime? in daily.regimes { days[regime.rawValue] += 1 }
        let total = max(1, days.reduce(0, +))
        let shares = ReportRegime.allCases.map {
            "\($0.name) \(String(format: "%.1f", 100 * Double(days[$0.rawValue]) / Double(total)))% of days"
        }.joined(separator: ", ")
        return SVG.chart(id: "regimes", title: "Regimes, risk scalar and rebalances",
                         description: "Regime bands: \(shares). The risk scalar line runs between 0 and 1; "
                             + "\(rebalances.count) rebalances are marked below the chart.",
                         width: frame.width, height: frame.height,
                         [SVG.group(cssClass: "bands", bandRects), SVG.group(cssClass: "strip", strip)] + stripLabels
                             + [ChartAxes.horizontal(ticks, frame: frame), ChartAxes.dates(time, frame: frame), scalarPath, rug, rugLabel])
    }
}
