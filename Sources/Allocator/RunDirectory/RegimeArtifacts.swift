import TimeSeries

/// The regime layer's files in a run directory (SPEC §4):
/// `allocator_regime_v1.csv` (`date,regime`) and
/// `allocator_regime_v1_meta.json`.
package enum RegimeArtifacts {
    package static let csvFile = RunDirectory.File.regime
    package static let metadataFile = RunDirectory.File.regimeMeta

    /// CSV bytes: header `date,regime`, one labelled row per date.
    package static func csv(_ series: RegimeSeries) -> [UInt8] {
        CSVWriter.encode(dates: series.dates, name: "regime", labels: series.labels)
    }

    /// The metadata object, keys in contract order: `version`, `thresholds`,
    /// `regime_day_counts`, `regime_percentages`, `transition_counts`,
    /// `max_consecutive_days`, `effective_start_date`, `effective_end_date`,
    /// `generated_at`.
    package static func metadata(_ series: RegimeSeries, thresholds: RegimeThresholds,
                                generatedAt: String = Timestamp.now()) -> JSONValue {
        let stats = RegimeStatistics(series.regimes)
        return .object([
            ("version", .string(RegimeClassifier.version)),
            ("thresholds", thresholds.metadata),
            ("regime_day_counts", .object(stats.dayCounts.map { ($0.regime.label, .int($0.days)) })),
            ("regime_percentages", .object(stats.percentages.map { ($0.regime.label, .double($0.percent)) })),
            ("transition_counts", .object(stats.transitions.map { ($0.key, .int($0.count)) })),
            ("max_consecutive_days", .object(stats.maxConsecutiveDays.map { ($0.regime.label, .int($0.days)) })),
            ("effective_start_date", .date(series.dates.first)),
            ("effective_end_date", .date(series.dates.last)),
            ("generated_at", .string(generatedAt)),
        ])
    }

    /// The CSV and metadata files, encoded.
    package static func files(_ series: RegimeSeries, thresholds: RegimeThresholds,
                             generatedAt: String = Timestamp.now()) -> [ArtifactFile] {
        [ArtifactFile(name: csvFile, bytes: csv(series)),
         ArtifactFile(name: metadataFile, json: metadata(series, thresholds: thresholds, generatedAt: generatedAt))]
    }
}
