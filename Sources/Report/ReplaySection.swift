import Foundation
import Plot

/// Replay quality: correlation, largest daily difference and tracking error
/// of the replayed baseline against the run's own returns, with the audit's warning.
enum ReplaySection {
    static func render(_ replay: ReportReplayQuality) -> Node<HTML.BodyContext> {
        .group(
            ReportTable.table(
                caption: "Overlay replay of pass 1 against the run's portfolio returns",
                headers: ["Measure", "Value"], numericColumns: [1],
                rows: [
                    [ReportTable.Cell("Correlation"), ReportTable.Cell(String(format: "%.4f", replay.correlation))],
                    [ReportTable.Cell("Max |daily difference|"), ReportTable.Cell(String(format: "%.2e", replay.maxAbsoluteDifference))],
                    [ReportTable.Cell("Tracking error (annualised)"),
                     ReportTable.Cell(ReportNumberFormat.percent(decimals: 2).format(replay.trackingError))],
                ]),
            replay.warning.map { .p(.class("warning"), .strong(Markup.text("⚠ Warning: ")), Markup.text($0)) } ?? .empty
        )
    }
}
