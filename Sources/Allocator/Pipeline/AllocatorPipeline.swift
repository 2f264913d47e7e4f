import Logging
import TimeSeries

/// Everything one pipeline run produced: the front door's result and the files written.
package struct PipelineResult: Sendable {
    package var result: AllocatorResult
    /// The state validator's warnings (the input validator's were logged as the inputs were read).
    package var stateWarnings: [String]
    /// Paths of the artifacts written.
    package var written: [String]

    package var state: AllocatorState { result.state }
    package var metadata: StateMetadata { result.metadata }
    package var regimes: RegimeSeries { result.regimes }
    package var risk: RiskSeries { result.risk }
    package var riskConfig: RiskConfig { result.riskConfig }
    package var thresholds: RegimeThresholds { result.thresholds }
    /// Applied scalars at the rebalances of `weights.csv`; `nil` when the run has no weights.
    package var applied: AppliedScalars? { result.applied }
}

/// Column names of the inputs an engine consumed.
struct InputNames {
    var assets: [String]
    var trend: [String]?
    var sleeves: [String]?

    init(_ inputs: StateInputs) {
        self.init(assets: inputs.assetReturns.names, trend: inputs.trendUnitReturns?.names, sleeves: inputs.sleeveReturns?.names)
    }

    init(assets: [String], trend: [String]?, sleeves: [String]?) {
        self.assets = assets
        self.trend = trend
        self.sleeves = sleeves
    }
}

/// `allocator pipeline`: state → regime → risk → applied scalars (SPEC §2–5)
/// for one run directory, plus the engine snapshot `allocator update` continues from.
///
/// The computation is the front door's (``RiskAllocator``); this type reads
/// the run directory and writes the artifacts. The state step writes its
/// artifacts (or its error JSON) as `allocator state` does; the later layers
/// are encoded in full before any is written, so a failure leaves earlier
/// good artifacts untouched.
package struct AllocatorPipeline {
    package var runDirectory: RunDirectory
    package var output: RunDirectory
    package var allocator: RiskAllocator
    package var logger: Logger
    /// Inputs already in memory (a backtest that just wrote them); `nil` reads the run directory.
    package var preloadedInputs: StateInputs?
    /// Hears of the state's correlation blocks as they finish (a command's progress line).
    package var progress: StateProgress?

    /// A pipeline over `runDirectory` writing into `outputDirectory` (default: the run directory).
    ///
    /// - Throws: ``AllocatorError/invalidParameter(name:detail:)`` when the configuration is invalid.
    package init(runDirectory: RunDirectory, outputDirectory: String? = nil, config: AllocatorConfig = AllocatorConfig(),
                preloadedInputs: StateInputs? = nil, logger: Logger = Logger(label: "Pipeline")) throws(AllocatorError) {
        self.preloadedInputs = preloadedInputs
        self.runDirectory = runDirectory
        self.output = RunDirectory(path: outputDirectory ?? runDirectory.path)
        self.allocator = try RiskAllocator(configuration: config)
        self.logger = logger
    }

    package var outputDirectory: String { output.path }
    var thresholds: RegimeThresholds { allocator.configuration.regime }

    var stateRun: StateRun {
        var run = StateRun(runDirectory: runDirectory, outputDirectory: output.path, preloadedInputs: preloadedInputs)
        run.progress = progress
        return run
    }

    /// Runs every layer and writes the artifacts.
    package func run() throws(AllocatorError) -> PipelineResult {
        let stateRun = try stateRun.execute(sealing: false)
        let rebalances = try rebalanceDates()
        let (result, computed, engine) = try allocator.layers(over: stateRun.computed, rebalanceDates: rebalances)
        let written = try write(layerFiles(result) + [snapshotFile(engine: engine, computed.commonDates,
                                                                    rebalances: rebalances,
                                                                    requested: result.metadata.requestedWindow,
                                                                    names: computed.inputNames)])
        output.remove(RunDirectory.File.legacySnapshot)
        try output.sealGeneration()
        return PipelineResult(result: result, stateWarnings: stateRun.stateWarnings,
                              written: [stateRun.statePath, stateRun.metadataPath] + written)
    }

    /// Writes a complete set of artifacts (state, regime, risk, applied, snapshot) computed by an engine continuation.
    func writeAll(_ result: AllocatorResult, commonDates: [TradingDate], engine: AllocatorEngine,
                  names: InputNames) throws(AllocatorError) -> PipelineResult {
        let validation = StateValidator.validate(result.state, metadata: result.metadata)
        if !validation.isValid {
            throw .invalidState(file: output.file(RunDirectory.File.state), errors: validation.errors)
        }
        var files = StateArtifacts.files(result.state, metadata: result.metadata)
        files += layerFiles(result)
        files.append(try snapshotFile(engine: engine, commonDates, rebalances: result.applied?.dates,
                                      requested: result.metadata.requestedWindow, names: names))
        let written = try write(files)
        output.remove(RunDirectory.File.stateError, RunDirectory.File.legacySnapshot)
        try output.sealGeneration()
        var complete = result
        complete.warnings = validation.warnings
        return PipelineResult(result: complete, stateWarnings: validation.warnings, written: written)
    }

    /// Rebalance dates of `weights.csv`, when the run has one.
    func rebalanceDates() throws(AllocatorError) -> [TradingDate]? {
        let dates = try runDirectory.rebalanceDates()
        if dates == nil { logger.info("no \(RunDirectory.File.weights) in \(runDirectory.path): applied scalars skipped") }
        return dates
    }

    private func layerFiles(_ result: AllocatorResult) -> [ArtifactFile] {
        var files = RegimeArtifacts.files(result.regimes, thresholds: result.thresholds)
        files += RiskArtifacts.files(result.risk, config: result.riskConfig)
        if let applied = result.applied { files += AppliedScalarArtifacts.files(applied) }
        if let sleeves = result.sleeveScalars, let config = allocator.sleeveRiskConfig {
            files += SleeveScalarArtifacts.files(sleeves, applied: result.sleeveApplied, config: config)
        }
        return files
    }

    private func write(_ files: [ArtifactFile]) throws(AllocatorError) -> [String] {
        try output.write(files)
        // Sleeve scalar files of an earlier configuration that no longer asks for them (or of a run without weights).
        output.remove(SleeveScalarArtifacts.allFiles.filter { name in !files.contains { $0.name == name } })
        logger.info("wrote \(files.map(\.name).joined(separator: ", ")) to \(output.path)")
        return files.map { output.file($0.name) }
    }

    /// The engine snapshot after `common`, with the prefix of each input file
    /// consumed through the last common date (SPEC §12).
    func snapshotFile(engine: AllocatorEngine, _ common: [TradingDate], rebalances: [TradingDate]?,
                      requested: String, names: InputNames) throws(AllocatorError) -> ArtifactFile {
        snapshotFile(engine: engine, rows: common.count, first: common.first, last: common.last, rebalances: rebalances,
                     requested: requested, names: names, prefixes: try runDirectory.inputPrefixes(through: common.last))
    }

    /// The engine snapshot after `rows` common dates from `first` to `last`, with the inputs' consumed `prefixes`.
    func snapshotFile(engine: AllocatorEngine, rows: Int, first: TradingDate?, last: TradingDate?, rebalances: [TradingDate]?,
                      requested: String, names: InputNames, prefixes: [InputPrefix]) -> ArtifactFile {
        let snapshot = EngineSnapshot(rowsProcessed: rows, firstDate: first?.description,
                                      lastDate: last?.description, inputs: prefixes,
                                      assetNames: names.assets, trendNames: names.trend, sleeveNames: names.sleeves,
                                      rebalanceDays: rebalances.map { $0.map(\.daysSinceEpoch) },
                                      requestedWindow: requested,
                                      state: engine.state.snapshot, regime: engine.regime, risk: engine.risk,
                                      sleeveRisk: allocator.sleeveRiskConfig == nil ? nil : engine.sleeveRisk,
                                      validRows: engine.validRows, generatedAt: Timestamp.now())
        return ArtifactFile(name: RunDirectory.File.snapshot, bytes: snapshot.encoded())
    }
}
