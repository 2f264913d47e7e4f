import Plot

/// A horizontal bar for a share in [0, 1]: an inline SVG whose rect width is
/// `share × 120`; decorative (`aria-hidden`), the number beside it carries the value.
enum ShareBar {
    static let width = 120.0

    static func bar(_ share: Double, cssClass: String) -> Node<HTML.BodyContext> {
        let clamped = share.isFinite ? min(1, max(0, share)) : 0
        let children: [Node<SVG>] = [
            Markup.attribute("xmlns", "http://www.w3.org/2000/svg"),
            Markup.attribute("viewBox", "0 0 \(SVGNumber.format(width)) 12"),
            Markup.attribute("class", "share-bar"),
            Markup.attribute("aria-hidden", "true"),
            SVG.rect(x: 0, y: 1, width: width, height: 10, cssClass: "share-track"),
            SVG.rect(x: 0, y: 1, width: clamped * width, height: 10, cssClass: "band-solid \(cssClass)"),
        ]
        return .element(named: "svg", nodes: children)
    }
}
