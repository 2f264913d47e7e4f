import TimeSeries

/// The sleeve scalar files in a run directory (SPEC §10), written only with
/// `risk.sleeves`: `allocator_risk_v1_sleeve_scalars.csv` and
/// `allocator_risk_v1_sleeve_applied.csv` (`date,sleeve_scalar_<name>,…`)
/// and their `_meta.json`.
package enum SleeveScalarArtifacts {
    /// Every file this encoder may write.
    package static let allFiles = [RunDirectory.File.sleeveScalars, RunDirectory.File.sleeveScalarsMeta,
                                   RunDirectory.File.sleeveApplied, RunDirectory.File.sleeveAppliedMeta]

    /// CSV bytes: header `date,sleeve_scalar_<name>,…`.
    package static func csv(_ sleeves: SleeveScalars) -> [UInt8] {
        CSVWriter.encode(panel(sleeves))
    }

    /// The scalars as a panel with `sleeve_scalar_<name>` columns.
    package static func panel(_ sleeves: SleeveScalars) -> Panel {
        Panel(dates: sleeves.dates, names: sleeves.names.map(SleeveScalars.columnName), columns: sleeves.scalars)
    }

    /// Summary statistics of one sleeve's values (mean, std ddof 1, min, max, median, q25, q75 linear).
    static func stats(_ values: [Double]) -> JSONValue {
        let s = SummaryStatistics(values)
        return .object([
            ("mean", .number(s.mean)), ("std", .number(s.std)), ("min", .number(s.min)), ("max", .number(s.max)),
            ("median", .number(s.median)), ("q25", .number(s.q25)), ("q75", .number(s.q75)),
        ])
    }

    /// `allocator_risk_v1_sleeve_scalars_meta.json`: `version`, `smoothing_alpha`,
    /// `smoothing_half_life`, `risk_bounds`, `sleeves` (per sleeve: its full
    /// `regime_scalar_mapping`, the `configured` regimes it overrides, and
    /// `sleeve_scalar_stats`), effective dates, `generated_at`.
    package static func metadata(_ sleeves: SleeveScalars, config: SleeveRiskConfig,
                                generatedAt: String = Timestamp.now()) -> JSONValue {
        let portfolio = config.portfolio
        let perSleeve: [(String, JSONValue)] = sleeves.names.indices.map { s in
            let name = sleeves.names[s]
            let own = config.configured.first { $0.name == name }?.mapping ?? RegimeScalarMapping([])
            return (name, .object([
                ("regime_scalar_mapping", config.mapping(of: name).metadata),
                ("configured", own.metadata),
                ("sleeve_scalar_stats", stats(sleeves.scalars[s])),
            ]))
        }
        return .object([
            ("version", .string(RiskTransformer.version)),
            ("portfolio_regime_scalar_mapping", portfolio.mapping.metadata),
            ("smoothing_alpha", .double(portfolio.alpha)),
            ("smoothing_half_life", RiskArtifacts.halfLifeJSON(portfolio)),
            ("risk_bounds", .array([.double(portfolio.floor), .double(portfolio.ceiling)])),
            ("sleeves", .object(perSleeve)),
            ("effective_start_date", .date(sleeves.dates.first)),
            ("effective_end_date", .date(sleeves.dates.last)),
            ("generated_at", .string(generatedAt)),
        ])
    }

    /// `allocator_risk_v1_sleeve_applied_meta.json`: `version`, `description`,
    /// `lag_convention`, `construction`, `sleeves` (per sleeve: `applied_stats`
    /// as the portfolio's applied metadata), `first_rebalance`, `last_rebalance`, `generated_at`.
    package static func appliedMetadata(_ applied: SleeveScalars, generatedAt: String = Timestamp.now()) -> JSONValue {
        let n = applied.dates.count
        let perSleeve: [(String, JSONValue)] = applied.names.indices.map { s in
            let values = applied.scalars[s]
            let scaled = values.reduce(0) { $0 + ($1 < 1.0 ? 1 : 0) }
            guard case .object(var pairs) = stats(values) else { preconditionFailure("stats are an object") }
            pairs.removeAll { $0.0 == "q25" || $0.0 == "q75" }
            pairs += [("n_rebalances", .int(n)), ("n_scaled", .int(scaled)),
                      ("pct_scaled", .number(Double(scaled) / Double(n) * 100))]
            return (applied.names[s], .object([("applied_stats", .object(pairs))]))
        }
        return .object([
            ("version", .string(RiskTransformer.version)),
            ("description", .string("Sleeve scalars that would be applied to each sleeve's weights (1-rebalance lag)")),
            ("lag_convention", .string(AppliedScalarArtifacts.lagConvention)),
            ("construction", .string(AppliedScalarArtifacts.construction)),
            ("sleeves", .object(perSleeve)),
            ("first_rebalance", .date(applied.dates.first)),
            ("last_rebalance", .date(applied.dates.last)),
            ("generated_at", .string(generatedAt)),
        ])
    }

    /// The daily files, and the applied ones when the run has rebalances.
    package static func files(_ sleeves: SleeveScalars, applied: SleeveScalars?, config: SleeveRiskConfig,
                             generatedAt: String = Timestamp.now()) -> [ArtifactFile] {
        var files = [ArtifactFile(name: RunDirectory.File.sleeveScalars, bytes: csv(sleeves)),
                     ArtifactFile(name: RunDirectory.File.sleeveScalarsMeta,
                                  json: metadata(sleeves, config: config, generatedAt: generatedAt))]
        if let applied {
            files += [ArtifactFile(name: RunDirectory.File.sleeveApplied, bytes: csv(applied)),
                      ArtifactFile(name: RunDirectory.File.sleeveAppliedMeta, json: appliedMetadata(applied, generatedAt: generatedAt))]
        }
        return files
    }
}

extension RunDirectory {
    /// A `date,sleeve_scalar_<name>,…` file of this run (`name`, e.g.
    /// ``File/sleeveApplied``) as sleeve scalars, `nil` when absent.
    ///
    /// - Throws: ``AllocatorError/csv(_:)`` when unreadable or a column is not `sleeve_scalar_<name>`.
    package func readSleeveScalars(_ name: String) throws(AllocatorError) -> SleeveScalars? {
        guard let panel = try readPanelIfPresent(name) else { return nil }
        var names: [String] = []
        for column in panel.names {
            guard column.hasPrefix(SleeveScalars.columnPrefix), column.count > SleeveScalars.columnPrefix.count else {
                throw .csv(CSVError(.missingColumn, file: file(name), line: 1,
                                    "column `\(column)` is not `\(SleeveScalars.columnPrefix)<sleeve>`"))
            }
            names.append(String(column.dropFirst(SleeveScalars.columnPrefix.count)))
        }
        return SleeveScalars(names: names, dates: panel.dates, scalars: panel.columns)
    }
}
