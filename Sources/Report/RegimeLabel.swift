import Plot

/// A regime name with its colour swatch (the name is the signal, the colour an aid).
enum RegimeLabel {
    static func label(_ regime: ReportRegime) -> Node<HTML.BodyContext> {
        .span(.class("regime-label"), .span(.class("swatch \(regime.cssClass)"), .attribute(named: "aria-hidden", value: "true")),
              Markup.text(regime.name))
    }
}
