import Foundation
import Plot

/// The de-risk events (runs of rebalances with used scalar < 0.70), deepest first.
enum DeRiskEventsTable {
    static func render(_ events: [ReportDeRiskEvent]) -> Node<HTML.BodyContext> {
        guard !events.isEmpty else {
            return .p(.class("note"), Markup.text("No de-risk event: no rebalance used a scalar below 0.70."))
        }
        return ReportTable.table(
            caption: "De-risk events (used scalar below 0.70), deepest first",
            headers: ["Start", "Depth (min scalar)", "Length (rebalances)", "Deciding regime"],
            numericColumns: [1, 2],
            rows: events.map { event in
                [ReportTable.Cell(event.start.description), ReportTable.Cell(String(format: "%.3f", event.depth)),
                 ReportTable.Cell("\(event.length)"),
                 event.regime.map { ReportTable.Cell(node: RegimeLabel.label($0)) } ?? ReportTable.Cell("unknown")]
            })
    }
}
