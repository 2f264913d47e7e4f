import TimeSeries

/// The artifacts of a scaled pass (SPEC §6, modes `precomputed` / `compute`),
/// shared by ExecSim and the overlay audit so both write the same files.
package struct ScaledRunArtifacts: Sendable {
    /// Rebalance dates.
    package var dates: [TradingDate]
    /// Weights before scaling (`weights_raw.csv`).
    package var weightsRaw: Panel
    /// Weights as held (`weights_scaled.csv`).
    package var weightsScaled: Panel
    /// The scalar found for each rebalance before the missing-value rule (`.nan` where none).
    package var computed: [Double]
    /// The scalar applied at each rebalance.
    package var applied: [Double]
    /// Mode `precomputed`: the source run's applied scalars as loaded, and its run id.
    package var source: (panel: Panel, runId: String)?
    /// With sleeve scalars (SPEC §10): the scalar each sleeve used at each rebalance, replacing `applied`.
    package var sleeveApplied: SleeveScalars?

    package init(dates: [TradingDate], weightsRaw: Panel, weightsScaled: Panel, computed: [Double], applied: [Double],
                source: (panel: Panel, runId: String)?, sleeveApplied: SleeveScalars? = nil) {
        self.sleeveApplied = sleeveApplied
        self.dates = dates
        self.weightsRaw = weightsRaw
        self.weightsScaled = weightsScaled
        self.computed = computed
        self.applied = applied
        self.source = source
    }

    /// Files of a scaled run; those of mode `precomputed` only when it has a source.
    package var files: [ArtifactFile] {
        typealias File = RunDirectory.File
        var files = [
            ArtifactFile(name: File.weightsRaw, panel: weightsRaw),
            ArtifactFile(name: File.weightsScaled, panel: weightsScaled),
            ArtifactFile(name: File.appliedUsed, panel: Panel(dates: dates, names: ["risk_scalar_used"], columns: [applied])),
            ArtifactFile(name: File.scalarsAtRebalances,
                         panel: Panel(dates: dates, names: ["risk_scalar_computed", "risk_scalar_applied"],
                                      columns: [computed, applied])),
        ]
        if let sleeveApplied {
            files.append(ArtifactFile(name: File.sleeveAppliedUsed, panel: SleeveScalarArtifacts.panel(sleeveApplied)))
        }
        if let source {
            files += [ArtifactFile(name: File.appliedSource, panel: source.panel),
                      ArtifactFile(name: File.precomputedMeta, json: Self.precomputedMeta(applied: applied, sourceRunId: source.runId))]
        }
        return files
    }

    /// `allocator_precomputed_meta.json`, keys as the reference writes them:
    /// `n_scaled` counts applied scalars below 1, `pct_scaled` is a percentage.
    package static func precomputedMeta(applied: [Double], sourceRunId: String) -> JSONValue {
        let n = applied.count
        let scaledCount = applied.filter { $0 < 1.0 }.count
        return .object([
            ("mode", .string("precomputed")),
            ("source_run_id", .string(sourceRunId)),
            ("source_filename", .string(RunDirectory.File.applied)),
            ("n_rebalances", .int(n)),
            ("n_scaled", .int(scaledCount)),
            ("pct_scaled", .number(n > 0 ? 100.0 * Double(scaledCount) / Double(n) : .nan)),
            ("mean_scalar", .number(n > 0 ? applied.reduce(0, +) / Double(n) : .nan)),
            ("min_scalar", .number(applied.min() ?? .nan)),
            ("max_scalar", .number(applied.max() ?? .nan)),
            ("generated_at", .string(Timestamp.now())),
        ])
    }
}
