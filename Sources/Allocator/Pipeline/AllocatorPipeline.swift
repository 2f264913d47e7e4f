import Logging
import TimeSeries

/// Everything one pipeline run produced.
public struct PipelineResult: Sendable {
    public var state: AllocatorState
    public var metadata: StateMetadata
    public var stateWarnings: [String]
    public var regimes: RegimeSeries
    public var risk: RiskSeries
    public var riskConfig: RiskConfig
    public var thresholds: RegimeThresholds
    /// Applied scalars at the rebalances of `weights.csv`; `nil` when the run has no weights.
    public var applied: AppliedScalars?
    /// Paths of the artifacts written.
    public var written: [String]
}

/// Column names of the inputs an engine consumed.
struct InputNames {
    var assets: [String]
    var trend: [String]?
    var sleeves: [String]?

    init(assets: [String], trend: [String]?, sleeves: [String]?) {
        self.assets = assets
        self.trend = trend
        self.sleeves = sleeves
    }

    init(_ inputs: StateInputs) {
        self.init(assets: inputs.assetReturns.names, trend: inputs.trendUnitReturns?.names,
                  sleeves: inputs.sleeveReturns?.names)
    }
}

/// Regime and risk series of one run.
struct LayerResults {
    var regimes: RegimeSeries
    var risk: RiskSeries
    var riskConfig: RiskConfig
}

/// `allocator pipeline`: state → regime → risk → applied scalars (SPEC §2–5)
/// for one run directory, plus the engine snapshot `allocator update` continues from.
///
/// The state step writes its artifacts (or its error JSON) as `allocator
/// state` does; the later layers are computed in memory from that state and
/// their artifacts are all encoded before any is written, so a failure leaves
/// earlier good artifacts untouched.
public struct AllocatorPipeline {
    public var runDirectory: RunDirectory
    public var outputDirectory: String
    public var thresholds: RegimeThresholds
    public var riskSettings: RiskSettings
    public var logger: Logger
    /// Inputs already in memory (a backtest that just wrote them); `nil` reads the run directory.
    public var preloadedInputs: StateInputs?

    public init(runDirectory: RunDirectory, outputDirectory: String? = nil, config: AllocatorConfig = AllocatorConfig(),
                riskOverrides: RiskSettings = RiskSettings(), preloadedInputs: StateInputs? = nil,
                logger: Logger = Logger(label: "Pipeline")) {
        self.preloadedInputs = preloadedInputs
        self.runDirectory = runDirectory
        self.outputDirectory = outputDirectory ?? runDirectory.path
        self.thresholds = config.regime
        self.riskSettings = config.risk.overridden(by: riskOverrides)
        self.logger = logger
    }

    /// Checks the regime thresholds and returns the risk transformer, or the parameter error naming what is wrong.
    func validatedLayers() throws(AllocatorError) -> RiskTransformer {
        do { try thresholds.validate() } catch { throw AllocatorError(error) }
        do { return try RiskTransformer(config: riskSettings.resolved()) } catch { throw AllocatorError(error) }
    }

    /// Validates parameters, then runs every layer and writes the artifacts.
    public func run() throws(AllocatorError) -> PipelineResult {
        let transformer = try validatedLayers()
        let stateRun = try StateRun(runDirectory: runDirectory, outputDirectory: outputDirectory,
                                    preloadedInputs: preloadedInputs).execute()
        // Regimes and scalars come from the engine's own steppers (the batch classifier and
        // transformer run the same ones), which also leaves the engine ready for the snapshot.
        var engine = AllocatorEngine(state: stateRun.stepper, regime: try Self.regimeStepper(thresholds),
                                     risk: try Self.riskStepper(transformer.config), validRows: 0)
        var regimeList: [Regime] = []
        var scalars: [Double] = []
        for i in stateRun.state.dates.indices {
            let (regime, scalar) = engine.replayValidRow(stateRun.state.columns.map { $0[i] })
            regimeList.append(regime)
            scalars.append(scalar)
        }
        let unmapped = transformer.unmappedLabels(regimeList)
        if !unmapped.isEmpty {
            Logger(label: "Risk").warning("Unmapped regimes: \(unmapped.joined(separator: ", ")). Defaulting to NORMAL (1.0)")
        }
        let regimes = RegimeSeries(dates: stateRun.state.dates, regimes: regimeList)
        let layers = LayerResults(regimes: regimes,
                                  risk: RiskSeries(dates: regimes.dates, scalars: scalars,
                                                   regimes: regimeList.map { Optional($0) }, unmappedLabels: unmapped),
                                  riskConfig: transformer.config)
        let rebalances = try rebalanceDates()
        let applied = rebalances.map {
            AppliedScalars.compute(risk: layers.risk, rebalanceDates: $0, missingAs: transformer.config.applyMissingScalarAs)
        }
        var files = layerFiles(layers, applied: applied)
        files.append(try snapshotFile(engine: engine, stateRun.commonDates, rebalances: rebalances,
                                      requested: stateRun.metadata.requestedWindow, fingerprint: stateRun.inputFingerprint,
                                      names: InputNames(assets: stateRun.assetNames, trend: stateRun.trendNames,
                                                        sleeves: stateRun.sleeveNames)))
        let written = try write(files)
        return PipelineResult(state: stateRun.state, metadata: stateRun.metadata, stateWarnings: stateRun.validation.warnings,
                              regimes: regimes, risk: layers.risk, riskConfig: transformer.config, thresholds: thresholds,
                              applied: applied, written: [stateRun.statePath, stateRun.metadataPath] + written)
    }

    /// Writes a complete set of artifacts (state, regime, risk, applied, snapshot) computed by the updater.
    func writeAll(state: AllocatorState, accounting: StateAccounting, commonDates: [TradingDate], layers: LayerResults,
                  rebalances: [TradingDate]?, engine: AllocatorEngine, fingerprint: InputFingerprint,
                  names: InputNames) throws(AllocatorError) -> PipelineResult {
        let metadata = StateMetadata(state: state, accounting: accounting, commonDates: commonDates,
                                     requested: try runDirectory.requestedWindow())
        let validation = StateValidator.validate(state, metadata: metadata)
        if !validation.isValid {
            throw .invalidState(file: outputDirectory + "/" + RunDirectory.File.state, errors: validation.errors)
        }
        let applied = rebalances.map {
            AppliedScalars.compute(risk: layers.risk, rebalanceDates: $0, missingAs: layers.riskConfig.applyMissingScalarAs)
        }
        var files = [ArtifactFile(name: RunDirectory.File.state, bytes: CSVWriter.encode(state.panel)),
                     ArtifactFile(name: RunDirectory.File.stateMeta, json: metadata.json())]
        files += layerFiles(layers, applied: applied)
        files.append(try snapshotFile(engine: engine, commonDates, rebalances: rebalances,
                                      requested: metadata.requestedWindow, fingerprint: fingerprint, names: names))
        let written = try write(files)
        FileBytes.remove(outputDirectory + "/" + RunDirectory.File.stateError)
        return PipelineResult(state: state, metadata: metadata, stateWarnings: validation.warnings, regimes: layers.regimes,
                              risk: layers.risk, riskConfig: layers.riskConfig, thresholds: thresholds,
                              applied: applied, written: written)
    }

    /// Rebalance dates of `weights.csv`, when the run has one.
    func rebalanceDates() throws(AllocatorError) -> [TradingDate]? {
        let path = runDirectory.file(RunDirectory.File.weights)
        guard FileBytes.exists(path) else {
            logger.info("no \(RunDirectory.File.weights) in \(runDirectory.path): applied scalars skipped")
            return nil
        }
        do { return try CSVReader.read(path: path).dates } catch { throw .csv(error) }
    }

    private func layerFiles(_ layers: LayerResults, applied: AppliedScalars?) -> [ArtifactFile] {
        var files = RegimeArtifacts.files(layers.regimes, thresholds: thresholds)
        files += RiskArtifacts.files(layers.risk, config: layers.riskConfig)
        if let applied { files += AppliedScalarArtifacts.files(applied) }
        return files
    }

    private func write(_ files: [ArtifactFile]) throws(AllocatorError) -> [String] {
        do { try ArtifactFile.write(files, to: outputDirectory) } catch { throw .writeFailed("\(error)") }
        logger.info("wrote \(files.map(\.name).joined(separator: ", ")) to \(outputDirectory)")
        return files.map { outputDirectory + "/" + $0.name }
    }

    private func snapshotFile(engine: AllocatorEngine, _ common: [TradingDate], rebalances: [TradingDate]?,
                              requested: String, fingerprint: InputFingerprint,
                              names: InputNames) throws(AllocatorError) -> ArtifactFile {
        let snapshot = EngineSnapshot(rowsProcessed: common.count, lastDate: common.last?.description,
                                      inputFingerprint: fingerprint.hex, assetNames: names.assets, trendNames: names.trend,
                                      sleeveNames: names.sleeves, weightsFingerprint: rebalances.map { EngineSnapshot.fingerprint(dates: $0) },
                                      requestedWindow: requested,
                                      state: engine.state.snapshot, regime: engine.regime, risk: engine.risk,
                                      validRows: engine.validRows, generatedAt: Timestamp.now())
        do { return ArtifactFile(name: RunDirectory.File.snapshot, bytes: try snapshot.encoded()) } catch {
            throw .writeFailed("cannot encode the engine snapshot: \(error)")
        }
    }

    static func regimeStepper(_ t: RegimeThresholds) throws(AllocatorError) -> RegimeStepper {
        do { return try RegimeStepper(thresholds: t) } catch { throw AllocatorError(error) }
    }

    static func riskStepper(_ c: RiskConfig) throws(AllocatorError) -> RiskStepper {
        do { return try RiskStepper(config: c) } catch { throw AllocatorError(error) }
    }
}

extension EngineSnapshot {
    /// Fingerprint of a list of rebalance dates.
    static func fingerprint(dates: [TradingDate]) -> String {
        var f = InputFingerprint()
        for d in dates { f.mix(Double(d.daysSinceEpoch)) }
        return f.hex
    }
}

extension RiskTransformer {
    /// Regimes the mapping does not cover (they score 1.0), in first-seen order.
    func unmappedLabels(_ regimes: [Regime]) -> [String] {
        var out: [String] = []
        for r in regimes where config.mapping[config.overrideRegime ?? r] == nil && !out.contains(r.label) {
            out.append(r.label)
        }
        return out
    }
}
