import Plot

/// Renders an ``AuditReportModel`` as one self-contained HTML page
/// (`report.html`, SPEC §9): inline CSS and SVG, no script, nothing fetched.
///
/// ```swift
/// let html = AuditReport.html(for: model)   // write it with the run-directory layer
/// ```
package enum AuditReport {
    /// Width of the full-width charts' viewBox (about one CSS pixel per unit at the page width).
    static let wideFrame = ChartFrame(width: 1116, height: 280, left: 64, right: 156, top: 12, bottom: 28)

    /// The complete HTML document for `model`.
    ///
    /// The markup is also well-formed XML (every element closed, attribute
    /// values quoted and escaped), so each chart can be read as a standalone SVG.
    package static func html(for model: AuditReportModel) -> String {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", nodes: [Markup.text(model.title)]),
                .style(ReportStyle.css)
            ),
            .body(.element(named: "main", nodes: ReportSections.sections(model)))
        ).render()
    }
}
