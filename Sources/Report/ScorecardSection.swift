import Plot

/// The Stage 6.5 scorecard: one row per check with its badge and the line of
/// numbers and thresholds behind it.
enum ScorecardSection {
    static func render(_ scorecard: ReportScorecard) -> Node<HTML.BodyContext> {
        ReportTable.table(
            caption: "Stage 6.5 scorecard — overall \(scorecard.overall.rawValue)",
            headers: ["Check", "Status", "Numbers and thresholds"],
            rows: scorecard.checks.map { check in
                [ReportTable.Cell(check.name), ReportTable.Cell(node: StatusBadge.badge(check.status)),
                 ReportTable.Cell(check.detail, cssClass: "detail")]
            },
            cssClass: "data scorecard")
    }
}
