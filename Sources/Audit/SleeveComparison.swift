import Allocator
import TimeSeries

/// Per-sleeve scalars and contributions of a comparison (SPEC §10 in the
/// audit), present when the scaled run used sleeve scalars
/// (`allocator_risk_v1_sleeve_applied_used.csv`).
///
/// For each sleeve: its used scalars' `n_rebalances`, `mean`, `min`, `max`,
/// `pct_scaled` (fraction < 0.999999, as the portfolio scalars), and its
/// total contribution in each run = Σ_d of its `sleeve_returns.csv` column
/// (missing cells skipped), with `delta` = scaled − baseline.
package struct SleeveComparison: Sendable {
    package struct Row: Sendable {
        package var name: String
        package var used: [Double]
        package var baselineContribution: Double
        package var scaledContribution: Double
    }

    package var rows: [Row]

    /// The rows for `used` (the scaled run's used sleeve scalars) and the two runs' sleeve returns.
    package init(used: SleeveScalars, baselineReturns: Panel?, scaledReturns: Panel?) {
        func total(_ panel: Panel?, _ name: String) -> Double {
            guard let panel, let k = panel.names.firstIndex(of: name) else { return .nan }
            return panel.columns[k].reduce(0) { $1.isNaN ? $0 : $0 + $1 }
        }
        rows = used.names.indices.map { s in
            Row(name: used.names[s], used: used.scalars[s], baselineContribution: total(baselineReturns, used.names[s]),
                scaledContribution: total(scaledReturns, used.names[s]))
        }
    }

    /// The `sleeves` object: one entry per sleeve.
    package func json() -> JSONValue {
        .object(rows.map { row in
            let n = row.used.count
            let scaled = row.used.filter { $0 < 0.999999 }.count
            return (row.name, .object([
                ("n_rebalances", .int(n)),
                ("mean", .number(n > 0 ? SummaryStatistics.mean(row.used) : .nan)),
                ("min", .number(row.used.min() ?? .nan)),
                ("max", .number(row.used.max() ?? .nan)),
                ("pct_scaled", .number(n > 0 ? Double(scaled) / Double(n) : .nan)),
                ("contribution_baseline", .number(row.baselineContribution)),
                ("contribution_scaled", .number(row.scaledContribution)),
                ("contribution_delta", .number(row.scaledContribution - row.baselineContribution)),
            ]))
        })
    }

    /// The Markdown section "Sleeve Scalars (Scaled Run)".
    func markdownLines() -> [String] {
        var lines = ["", "## Sleeve Scalars (Scaled Run)", "",
                     "| Sleeve | Mean scalar | Min | Max | Contribution (baseline) | Contribution (scaled) | Δ |",
                     "|---|---|---|---|---|---|---|"]
        for row in rows {
            let mean = row.used.isEmpty ? Double.nan : SummaryStatistics.mean(row.used)
            lines.append("| \(row.name) | \(Markdown.decimal(mean)) | \(Markdown.decimal(row.used.min() ?? .nan)) | "
                + "\(Markdown.decimal(row.used.max() ?? .nan)) | \(Markdown.decimal(row.baselineContribution)) | "
                + "\(Markdown.decimal(row.scaledContribution)) | \(Markdown.decimal(row.scaledContribution - row.baselineContribution)) |")
        }
        return lines
    }
}
