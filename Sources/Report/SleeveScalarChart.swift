import Plot

/// One line per sleeve scalar on a 0 … 1 axis, each labelled at its end;
/// lines cycle through six colours and three dash patterns.
enum SleeveScalarChart {
    static func render(_ section: ReportSleeveScalars, frame: ChartFrame) -> Node<HTML.BodyContext> {
        guard let first = section.dates.first, let last = section.dates.last, first < last, !section.sleeves.isEmpty else {
            return ReportFigure.empty("Sleeve scalars: no data to draw.")
        }
        let time = TimeScale(first: first, last: last, left: frame.plotLeft, right: frame.plotRight)
        let y = LinearScale(domain: (0, 1.05), range: (frame.plotBottom, frame.plotTop))
        let ticks = NiceTicks.ticks(lower: 0, upper: 1, target: 4).map { (y.position($0), TickLabel.number($0, step: 0.25)) }
        let styled = section.sleeves.enumerated().map { index, sleeve in (sleeve, "line-sleeve sleeve-\(index % 6) dash-\(index % 3)") }
        let paths = styled.map { sleeve, css in
            SVG.path(ChartLine.pathData(dates: section.dates, values: sleeve.values, time: time, y: y.position), cssClass: css)
        }
        let labels = EndLabels.render(styled.compactMap { sleeve, css in
            ChartLine.lastFinite(dates: section.dates, values: sleeve.values).map {
                EndLabels.Label(text: sleeve.name, y: y.position($0.value), cssClass: css)
            }
        }, frame: frame)
        return SVG.chart(id: "sleeves", title: "Per-sleeve risk scalars",
                         description: "Scalars of \(section.sleeves.count) sleeves: "
                             + section.sleeves.map(\.name).joined(separator: ", ") + ".",
                         width: frame.width, height: frame.height,
                         [ChartAxes.horizontal(ticks, frame: frame), ChartAxes.dates(time, frame: frame)] + paths + [labels])
    }
}
