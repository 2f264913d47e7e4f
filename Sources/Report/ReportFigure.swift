import Plot

/// A chart's HTML frame: a `<figure>` with a visible heading, an optional
/// legend written in text, the chart and a note.
enum ReportFigure {
    /// One legend entry: a swatch (CSS class) and its text.
    struct LegendItem {
        var cssClass: String
        var text: String
    }

    static func figure(title: String, legend: [LegendItem] = [], note: String? = nil,
                       cssClass: String = "figure", _ chart: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        .element(named: "figure", nodes: [
            .class(cssClass),
            .element(named: "figcaption", nodes: [Markup.text(title)]),
            legend.isEmpty ? .empty : .ul(.class("legend"), .group(legend.map { item in
                .li(.span(.class("swatch \(item.cssClass)"), .attribute(named: "aria-hidden", value: "true")), Markup.text(item.text))
            })),
            chart,
            note.map { .p(.class("note"), Markup.text($0)) } ?? .empty,
        ])
    }

    /// A paragraph standing in for a chart that has nothing to draw.
    static func empty(_ message: String) -> Node<HTML.BodyContext> {
        .p(.class("note"), Markup.text(message))
    }
}
