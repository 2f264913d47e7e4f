import Logging
import TimeSeries

/// Everything one pipeline run produced.
public struct PipelineResult: Sendable {
    public var state: StateRunResult
    public var regimes: RegimeSeries
    public var risk: RiskSeries
    public var riskConfig: RiskConfig
    public var thresholds: RegimeThresholds
    /// Applied scalars at the rebalances of `weights.csv`; `nil` when the run has no weights.
    public var applied: AppliedScalars?
    /// Paths of the regime / risk / applied artifacts written.
    public var written: [String]
}

/// `allocator pipeline`: state → regime → risk → applied scalars (SPEC §2–5)
/// for one run directory.
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

    public init(runDirectory: RunDirectory, outputDirectory: String? = nil, config: AllocatorConfig = AllocatorConfig(),
                riskOverrides: RiskSettings = RiskSettings(), logger: Logger = Logger(label: "Pipeline")) {
        self.runDirectory = runDirectory
        self.outputDirectory = outputDirectory ?? runDirectory.path
        self.thresholds = config.regime
        self.riskSettings = config.risk.overridden(by: riskOverrides)
        self.logger = logger
    }

    /// Validates parameters, then runs every layer and writes the artifacts.
    public func run() throws(AllocatorError) -> PipelineResult {
        let classifier: RegimeClassifier
        do { classifier = try RegimeClassifier(thresholds: thresholds) } catch { throw AllocatorError(error) }
        let transformer: RiskTransformer
        do { transformer = try RiskTransformer(config: riskSettings.resolved()) } catch { throw AllocatorError(error) }

        let state = try StateRun(runDirectory: runDirectory, outputDirectory: outputDirectory).execute()
        let regimes: RegimeSeries
        do { regimes = try classifier.classify(state.state) } catch {
            throw .invalidState(file: state.statePath, errors: [error.description])
        }
        let risk = transformer.transform(regimes, logger: Logger(label: "Risk"))
        let applied = try appliedScalars(risk, missingAs: transformer.config.applyMissingScalarAs)

        var files = RegimeArtifacts.files(regimes, thresholds: thresholds)
        files += RiskArtifacts.files(risk, config: transformer.config)
        if let applied { files += AppliedScalarArtifacts.files(applied) }
        do { try ArtifactFile.write(files, to: outputDirectory) } catch { throw .writeFailed("\(error)") }
        let written = files.map { outputDirectory + "/" + $0.name }
        for path in written { logger.info("wrote \(path)") }
        return PipelineResult(state: state, regimes: regimes, risk: risk, riskConfig: transformer.config,
                              thresholds: thresholds, applied: applied, written: written)
    }

    /// The 1-rebalance-lag scalars at the dates of `weights.csv`, when the run has one.
    private func appliedScalars(_ risk: RiskSeries, missingAs: Double) throws(AllocatorError) -> AppliedScalars? {
        let path = runDirectory.file(RunDirectory.File.weights)
        guard FileBytes.exists(path) else {
            logger.info("no \(RunDirectory.File.weights) in \(runDirectory.path): applied scalars skipped")
            return nil
        }
        let rebalances: [TradingDate]
        do { rebalances = try CSVReader.read(path: path).dates } catch { throw .csv(error) }
        return AppliedScalars.compute(risk: risk, rebalanceDates: rebalances, missingAs: missingAs)
    }
}
