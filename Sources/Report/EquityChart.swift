import Plot

/// Equity of both passes on a log scale (equal distances are equal returns),
/// each line labelled at its end with its final value.
///
/// y domain: `[min, max]` of both equities widened by 3% on each side (as a
/// ratio); ticks from ``LogTicks``.
enum EquityChart {
    static func render(_ daily: ReportDailySeries, frame: ChartFrame, time: TimeScale) -> Node<HTML.BodyContext> {
        let positive = { (values: [Double]) in values.map { $0 > 0 ? $0 : .nan } }
        let baseline = positive(daily.equityBaseline), scaled = positive(daily.equityScaled)
        guard let extent = ChartLine.finiteExtent(baseline, scaled) else {
            return ReportFigure.empty("Equity: no positive values to draw.")
        }
        let lower = extent.lower / 1.03, upper = extent.upper * 1.03
        let scale = LogScale(domain: (lower, upper), range: (frame.plotBottom, frame.plotTop))
        let ticks = LogTicks.ticks(lower: lower, upper: upper).map { (scale.position($0), TickLabel.logarithmic($0)) }
        let lines = [("Baseline", baseline, "line-baseline"), ("Scaled", scaled, "line-scaled")]
        let paths = lines.map { SVG.path(ChartLine.pathData(dates: daily.dates, values: $0.1, time: time, y: scale.position),
                                         cssClass: $0.2) }
        let labels = EndLabels.render(lines.compactMap { name, values, css in
            ChartLine.lastFinite(dates: daily.dates, values: values).map {
                EndLabels.Label(text: "\(name) \(String(format: "%.2f", $0.value))", y: scale.position($0.value), cssClass: css)
            }
        }, frame: frame)
        let summary = lines.map { name, values, _ in
            let first = values.first(where: \.isFinite) ?? .nan
            let last = ChartLine.lastFinite(dates: daily.dates, values: values)?.value ?? .nan
            return "\(name) equity goes from \(String(format: "%.2f", first)) to \(String(format: "%.2f", last))"
        }.joined(separator: "; ")
        return SVG.chart(id: "equity", title: "Equity of both passes, log scale",
                         description: summary + " between \(time.first) and \(time.last).",
                         width: frame.width, height: frame.height,
                         [ChartAxes.horizontal(ticks, frame: frame), ChartAxes.dates(time, frame: frame)] + paths + [labels])
    }
}
