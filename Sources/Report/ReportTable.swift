import Plot

/// An accessible data table: a `<caption>`, column headers with
/// `scope="col"`, and the first cell of each row as a row header with `scope="row"`.
enum ReportTable {
    /// One cell: its content and an optional CSS class (`num` right-aligns numbers).
    struct Cell {
        var content: Node<HTML.BodyContext>
        var cssClass: String?

        init(_ text: String, cssClass: String? = nil) {
            content = Markup.text(text)
            self.cssClass = cssClass
        }

        init(node: Node<HTML.BodyContext>, cssClass: String? = nil) {
            content = node
            self.cssClass = cssClass
        }
    }

    static func table(caption: String, headers: [String], numericColumns: Set<Int> = [],
                      rows: [[Cell]], cssClass: String = "data") -> Node<HTML.BodyContext> {
        .table(
            .class(cssClass),
            .caption(Markup.text(caption)),
            .thead(.tr(.group(headers.enumerated().map { index, header in
                .element(named: "th", nodes: [Markup.attribute("scope", "col"),
                                              numericColumns.contains(index) ? .class("num") : .empty, Markup.text(header)])
            }))),
            .tbody(.group(rows.map { cells in
                .tr(.group(cells.enumerated().map { index, cell in
                    let classes = [numericColumns.contains(index) ? "num" : nil, cell.cssClass].compactMap { $0 }.joined(separator: " ")
                    return .element(named: index == 0 ? "th" : "td", nodes: [
                        index == 0 ? Markup.attribute("scope", "row") : .empty,
                        classes.isEmpty ? .empty : .class(classes),
                        cell.content,
                    ])
                }))
            }))
        )
    }
}
