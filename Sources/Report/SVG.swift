import Plot

/// Plot context for SVG content, and builders for the few SVG elements the
/// report draws. Attribute values are escaped through ``Markup``; numbers go
/// through ``SVGNumber``.
enum SVG {
    /// An SVG attribute: name and already-formatted value.
    typealias Attributes = KeyValuePairs<String, String>

    /// The `<svg>` root of a chart, accessible as an image: `role="img"`, a
    /// `<title>` and a `<desc>` referenced by `aria-labelledby`.
    /// - Parameters:
    ///   - id: unique prefix for the title and description ids.
    ///   - width: viewBox width; the CSS scales the chart to its container.
    ///   - height: viewBox height.
    static func chart(id: String, title: String, description: String, width: Double, height: Double,
                      _ children: [Node<SVG>]) -> Node<HTML.BodyContext> {
        let titleID = "\(id)-title", descID = "\(id)-desc"
        let head: [Node<SVG>] = [
            Markup.attribute("xmlns", "http://www.w3.org/2000/svg"),
            Markup.attribute("viewBox", "0 0 \(SVGNumber.format(width)) \(SVGNumber.format(height))"),
            Markup.attribute("role", "img"),
            Markup.attribute("aria-labelledby", "\(titleID) \(descID)"),
            Markup.attribute("class", "chart"),
            .element(named: "title", nodes: [Markup.attribute("id", titleID), Markup.text(title)]),
            .element(named: "desc", nodes: [Markup.attribute("id", descID), Markup.text(description)]),
        ]
        return .element(named: "svg", nodes: head + children)
    }

    /// An empty element such as `<path d="…"/>`.
    static func shape(_ name: String, _ attributes: Attributes) -> Node<SVG> {
        .selfClosedElement(named: name, attributes: attributes.map { Attribute<SVG>(name: $0.key, value: Markup.escaped($0.value)) })
    }

    /// A `<path>` with data `d` and CSS class `cssClass`; nothing when `d` is empty.
    static func path(_ d: String, cssClass: String) -> Node<SVG> {
        d.isEmpty ? .empty : shape("path", ["d": d, "class": cssClass])
    }

    /// A `<line>` from `(x1, y1)` to `(x2, y2)`.
    static func line(x1: Double, y1: Double, x2: Double, y2: Double, cssClass: String) -> Node<SVG> {
        shape("line", ["x1": SVGNumber.format(x1), "y1": SVGNumber.format(y1),
                       "x2": SVGNumber.format(x2), "y2": SVGNumber.format(y2), "class": cssClass])
    }

    /// A `<rect>`.
    static func rect(x: Double, y: Double, width: Double, height: Double, cssClass: String) -> Node<SVG> {
        shape("rect", ["x": SVGNumber.format(x), "y": SVGNumber.format(y),
                       "width": SVGNumber.format(width), "height": SVGNumber.format(height), "class": cssClass])
    }

    /// A `<text>` at `(x, y)`; `anchor` is `start`, `middle` or `end`.
    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", cssClass: String) -> Node<SVG> {
        .element(named: "text", nodes: [
            Markup.attribute("x", SVGNumber.format(x)), Markup.attribute("y", SVGNumber.format(y)),
            Markup.attribute("text-anchor", anchor), Markup.attribute("class", cssClass),
            Markup.text(content),
        ])
    }

    /// A `<g>` grouping `children` under `cssClass`.
    static func group(cssClass: String, _ children: [Node<SVG>]) -> Node<SVG> {
        .element(named: "g", nodes: [Markup.attribute("class", cssClass)] + children)
    }
}
