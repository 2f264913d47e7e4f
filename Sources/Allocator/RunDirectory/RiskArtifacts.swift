import TimeSeries

/// The risk layer's files in a run directory (SPEC §5):
/// `allocator_risk_v1.csv` (`date,risk_scalar`) and
/// `allocator_risk_v1_meta.json`.
package enum RiskArtifacts {
    package static let csvFile = RunDirectory.File.risk
    package static let metadataFile = RunDirectory.File.riskMeta

    /// CSV bytes: header `date,risk_scalar`.
    package static func csv(_ risk: RiskSeries) -> [UInt8] {
        CSVWriter.encode(Panel(dates: risk.dates, names: ["risk_scalar"], columns: [risk.scalars]))
    }

    /// The metadata object, keys in contract order: `version`,
    /// `regime_scalar_mapping`, `smoothing_alpha`, `smoothing_half_life`
    /// (null when α was given), `risk_bounds` `[floor, ceiling]`,
    /// `risk_scalar_stats` (mean, std ddof 1, min, max, median, q25, q75
    /// linear), `risk_scalar_by_regime` (mean, min, max, count of the dates
    /// classified in each regime that occurs, severity order),
    /// `effective_start_date`, `effective_end_date`, `generated_at`.
    package static func metadata(_ risk: RiskSeries, config: RiskConfig,
                                generatedAt: String = Timestamp.now()) -> JSONValue {
        let stats = SummaryStatistics(risk.scalars)
        return .object([
            ("version", .string(RiskTransformer.version)),
            ("regime_scalar_mapping", config.mapping.metadata),
            ("smoothing_alpha", .double(config.alpha)),
            ("smoothing_half_life", halfLifeJSON(config)),
            ("risk_bounds", .array([.double(config.floor), .double(config.ceiling)])),
            ("risk_scalar_stats", .object([
                ("mean", .number(stats.mean)), ("std", .number(stats.std)),
                ("min", .number(stats.min)), ("max", .number(stats.max)),
                ("median", .number(stats.median)), ("q25", .number(stats.q25)), ("q75", .number(stats.q75)),
            ])),
            ("risk_scalar_by_regime", byRegime(risk)),
            ("effective_start_date", .date(risk.dates.first)),
            ("effective_end_date", .date(risk.dates.last)),
            ("generated_at", .string(generatedAt)),
        ])
    }

    /// `smoothing_half_life`: the half-life given (an integer when whole), null when α was given.
    static func halfLifeJSON(_ config: RiskConfig) -> JSONValue {
        config.halfLife.map { h in h == h.rounded() && abs(h) < 1e15 ? .int(Int(h)) : .double(h) } ?? .null
    }

    private static func byRegime(_ risk: RiskSeries) -> JSONValue {
        .object(risk.scalarsByRegime.map { group in
            (group.regime.label, .object([
                ("mean", .number(SummaryStatistics.mean(group.scalars))),
                ("min", .double(group.scalars.min()!)),
                ("max", .double(group.scalars.max()!)),
                ("count", .int(group.scalars.count)),
            ]))
        })
    }

    /// The CSV and metadata files, encoded.
    package static func files(_ risk: RiskSeries, config: RiskConfig,
                             generatedAt: String = Timestamp.now()) -> [ArtifactFile] {
        [ArtifactFile(name: csvFile, bytes: csv(risk)),
         ArtifactFile(name: metadataFile, json: metadata(risk, config: config, generatedAt: generatedAt))]
    }
}
