import TimeSeries

/// The applied-scalar files in a run directory (SPEC §5):
/// `allocator_risk_v1_applied.csv` and `allocator_risk_v1_applied_meta.json`.
package enum AppliedScalarArtifacts {
    package static let csvFile = RunDirectory.File.applied
    package static let metadataFile = RunDirectory.File.appliedMeta

    static let description = "Risk scalars that would be applied to weights (1-rebalance lag)"
    static let lagConvention = "1-rebalance lag (apply risk_scalar[t-1] to weights[t])"
    static let construction = "Reindex daily risk_scalar to rebalance dates (forward fill), then shift by 1"

    /// CSV bytes: header `date,risk_scalar_applied` (SPEC §1; the reference left the
    /// index header empty, which readers accept, and the rows are the same bytes).
    package static func csv(_ applied: AppliedScalars) -> [UInt8] {
        CSVWriter.encode(Panel(dates: applied.dates, names: ["risk_scalar_applied"], columns: [applied.values]))
    }

    /// The metadata object: `version`, `description`, `lag_convention`,
    /// `construction`, `applied_stats` (mean, std ddof 1, min, max, median,
    /// `n_rebalances`, `n_scaled` = count < 1.0, `pct_scaled` =
    /// `n_scaled / n_rebalances × 100`), `first_rebalance`, `last_rebalance`,
    /// `generated_at`.
    package static func metadata(_ applied: AppliedScalars, generatedAt: String = Timestamp.now()) -> JSONValue {
        let stats = SummaryStatistics(applied.values)
        let n = applied.values.count
        let scaled = applied.scaledCount
        return .object([
            ("version", .string(RiskTransformer.version)),
            ("description", .string(description)),
            ("lag_convention", .string(lagConvention)),
            ("construction", .string(construction)),
            ("applied_stats", .object([
                ("mean", .number(stats.mean)), ("std", .number(stats.std)),
                ("min", .number(stats.min)), ("max", .number(stats.max)), ("median", .number(stats.median)),
                ("n_rebalances", .int(n)), ("n_scaled", .int(scaled)),
                ("pct_scaled", .number(Double(scaled) / Double(n) * 100)),
            ])),
            ("first_rebalance", .date(applied.dates.first)),
            ("last_rebalance", .date(applied.dates.last)),
            ("generated_at", .string(generatedAt)),
        ])
    }

    /// The CSV and metadata files, encoded.
    package static func files(_ applied: AppliedScalars, generatedAt: String = Timestamp.now()) -> [ArtifactFile] {
        [ArtifactFile(name: csvFile, bytes: csv(applied)),
         ArtifactFile(name: metadataFile, json: metadata(applied, generatedAt: generatedAt))]
    }
}
