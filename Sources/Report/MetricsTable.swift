import Plot

/// The two-pass metrics table: baseline, scaled and delta (`scaled − baseline`),
/// the delta followed by "better" or "worse" when the metric has a preferred direction.
enum MetricsTable {
    static func render(_ rows: [ReportMetricRow]) -> Node<HTML.BodyContext> {
        ReportTable.table(
            caption: "Summary metrics (delta = scaled − baseline)",
            headers: ["Metric", "Baseline", "Scaled", "Delta"],
            numericColumns: [1, 2, 3],
            rows: rows.map { row in
                let verdict = judgement(row)
                let delta = row.format.format(row.delta, signed: true) + (verdict.map { " \($0.word)" } ?? "")
                return [ReportTable.Cell(row.label), ReportTable.Cell(row.format.format(row.baseline)),
                        ReportTable.Cell(row.format.format(row.scaled)),
                        ReportTable.Cell(delta, cssClass: verdict?.cssClass)]
            })
    }

    /// "better" / "worse" for a non-zero finite delta of a metric with a preference.
    static func judgement(_ row: ReportMetricRow) -> (word: String, cssClass: String)? {
        guard let delta = row.delta, delta.isFinite, row.format.format(delta) != row.format.format(0) else { return nil }
        let improves: Bool
        switch row.preference {
        case .higherIsBetter: improves = delta > 0
        case .lowerIsBetter: improves = delta < 0
        case .neutral: return nil
        }
        return improves ? ("▲ better", "better") : ("▼ worse", "worse")
    }
}
