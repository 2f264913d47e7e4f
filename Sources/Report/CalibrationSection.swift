import Foundation
import Plot

/// Calibration: default against best score, regime shares before and after,
/// and the searched parameters with both values.
enum CalibrationSection {
    static func render(_ calibration: ReportCalibrationSummary) -> Node<HTML.BodyContext> {
        let percent = ReportNumberFormat.percent(decimals: 1)
        let scores = ReportTable.table(
            caption: "Calibration score (lower is better), \(calibration.candidateCount) candidates",
            headers: ["", "Defaults", "Best"], numericColumns: [1, 2],
            rows: [[ReportTable.Cell("Score"), ReportTable.Cell(String(format: "%.4f", calibration.defaultScore)),
                    ReportTable.Cell(String(format: "%.4f", calibration.bestScore))]]
                + ReportRegime.allCases.map { regime in
                    [ReportTable.Cell("\(regime.name) share"), ReportTable.Cell(percent.format(calibration.sharesBefore[regime.rawValue])),
                     ReportTable.Cell(percent.format(calibration.sharesAfter[regime.rawValue]))]
                })
        let parameters = calibration.parameters.isEmpty ? ReportFigure.empty("No parameter searched.") : ReportTable.table(
            caption: "Searched parameters", headers: ["Parameter", "Default", "Best"], numericColumns: [1, 2],
            rows: calibration.parameters.map {
                [ReportTable.Cell($0.name), ReportTable.Cell(String(format: "%g", $0.defaultValue)),
                 ReportTable.Cell(String(format: "%g", $0.bestValue))]
            })
        return .div(.class("two-columns"), .div(scores), .div(parameters))
    }
}
