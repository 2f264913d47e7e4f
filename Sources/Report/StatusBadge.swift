import Plot

/// A scorecard status as a badge: symbol, word and colour, so the verdict
/// reads in greyscale print and by a screen reader as well as by colour.
enum StatusBadge {
    static func badge(_ status: ReportCheckStatus, large: Bool = false) -> Node<HTML.BodyContext> {
        .span(.class("badge \(status.cssClass)\(large ? " badge-large" : "")"), Markup.text(status.badgeText))
    }
}
