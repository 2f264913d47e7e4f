import Foundation
import Plot

/// Regime shares (with a bar per share), transitions and thrash per year,
/// and the counts of moves between regimes.
enum RegimeSummarySection {
    static func render(_ summary: ReportRegimeSummary) -> Node<HTML.BodyContext> {
        let shares = ReportTable.table(
            caption: String(format: "Regime shares — %.1f transitions per year, %.1f thrash events per year",
                            summary.transitionsPerYear, summary.thrashEventsPerYear),
            headers: ["Regime", "Share of days", ""], numericColumns: [1],
            rows: ReportRegime.allCases.map { regime in
                let share = summary.shares[regime.rawValue]
                return [ReportTable.Cell(node: RegimeLabel.label(regime)),
                        ReportTable.Cell(ReportNumberFormat.percent(decimals: 1).format(share)),
                        ReportTable.Cell(node: ShareBar.bar(share, cssClass: regime.cssClass))]
            })
        let moves = summary.transitions.filter { $0.from != $0.to }
        let transitions = moves.isEmpty ? ReportFigure.empty("No regime change.") : ReportTable.table(
            caption: "Regime changes", headers: ["From", "To", "Count"], numericColumns: [2],
            rows: moves.map { [ReportTable.Cell($0.from.name), ReportTable.Cell($0.to.name), ReportTable.Cell("\($0.count)")] })
        return .div(.class("two-columns"), .div(shares), .div(transitions))
    }
}
