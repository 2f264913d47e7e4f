import Allocator
import Logging
import TimeSeries

/// `allocator audit`: the two-pass audit of a run written by any backtester
/// (SPEC §9 overlay replay). Both passes are replayed from the run's
/// `weights.csv` and `asset_returns.csv` under one P&L convention; pass 2
/// scales each rebalance's weights by its applied scalar (1-rebalance lag).
package struct OverlayAudit {
    /// The run to audit (`weights.csv` and `asset_returns.csv` required).
    package var run: RunDirectory
    /// Where the scaled pass is written (a sibling run directory).
    package var scaledRun: RunDirectory
    /// Regime thresholds and risk settings for the allocator artifacts.
    package var allocatorConfig: AllocatorConfig
    /// Recompute the allocator artifacts even when the run has them (a configuration was given).
    package var recomputeAllocator: Bool
    /// Cost per unit of turnover in bps; `nil` = the run's `meta.json` `slippage_bps`, else 0.
    package var slippageBps: Double?
    package var windowFlags: [AuditWindow]
    package var thresholds: AuditThresholds
    package var logger: Logger

    package init(run: RunDirectory, scaledRun: RunDirectory, allocatorConfig: AllocatorConfig = AllocatorConfig(),
                recomputeAllocator: Bool = false, slippageBps: Double? = nil, windowFlags: [AuditWindow] = [],
                thresholds: AuditThresholds = AuditThresholds(), logger: Logger = Logger(label: "Audit")) {
        self.run = run
        self.scaledRun = scaledRun
        self.allocatorConfig = allocatorConfig
        self.recomputeAllocator = recomputeAllocator
        self.slippageBps = slippageBps
        self.windowFlags = windowFlags
        self.thresholds = thresholds
        self.logger = logger
    }

    /// Why the scaled run cannot be written where it is asked to be: it is the audited run itself.
    package var overwriteProblem: String? {
        guard scaledRun.isSameDirectory(as: run) else { return nil }
        return "the scaled run would overwrite the audited run \(run.path); choose another --scaled-run-id"
    }

    /// Where the audit takes the audited run's allocator artifacts from.
    package enum ArtifactSource: Equatable, Sendable {
        /// Read as they are.
        case read
        /// Computed into the run (whose writer lock must then be held, not a reader's), for `reason`.
        case computed(reason: String)
        /// Computed from other inputs (`change` says which): neither read nor
        /// silently recomputed, since the run's own settings are not known here.
        case outdated(change: String)
    }

    /// The artifacts are computed when asked to or when the run lacks them;
    /// else they are read, unless (`checkingInputs`: each input the engine
    /// snapshot recorded streamed through SHA-256) the inputs changed since.
    package func artifactSource(checkingInputs: Bool = true) -> ArtifactSource {
        if recomputeAllocator { return .computed(reason: "asked to (--recompute, --config or risk flags)") }
        if !(run.contains(RunDirectory.File.applied) && run.contains(RunDirectory.File.regime)) {
            return .computed(reason: "the run has none")
        }
        if checkingInputs, let change = run.inputsChangedSinceSnapshot() { return .outdated(change: change) }
        return .read
    }

    /// The refusal of outdated artifacts: recomputing them with default
    /// settings would replace whatever thresholds and profile they were
    /// computed with.
    package func outdatedArtifacts(_ change: String) -> AuditError {
        .incomparable(detail: "\(run.path): its allocator artifacts were computed from other inputs (\(change)); "
            + "rerun the audit with --recompute, and the --config or --profile they were computed with")
    }

    /// What an overlay audit produced.
    package struct Outcome: Sendable {
        package var audit: TwoPassAudit
        /// Pass 1 (weights as given) and pass 2 (scaled), replayed.
        package var pass1: ReplayedPass
        package var pass2: ReplayedPass
        /// Whether the allocator artifacts were computed by this audit.
        package var computedAllocator: Bool
        /// The slippage used.
        package var slippageBps: Double
        /// Paths of the scaled run's files.
        package var written: [String]
    }

    /// Replays both passes, writes the scaled run and returns the audit (the
    /// caller writes the comparison and report into ``scaledRun``).
    ///
    /// - Throws: ``AuditError`` naming the file: a missing `weights.csv` or
    ///   `asset_returns.csv`, weights that cannot be replayed, allocator
    ///   artifacts that cannot be computed or do not match the rebalances.
    ///
    /// - Parameter artifacts: ``artifactSource()`` as the caller decided it
    ///   under the run's lock (decided here when not given).
    package func execute(artifacts: ArtifactSource? = nil) throws(AuditError) -> Outcome {
        guard run.exists else { throw .run(.missingInput(file: run.path, role: "run directory")) }
        if let problem = overwriteProblem { throw .incomparable(detail: problem) }
        let weights: Panel, assetReturns: Panel, runId: String, metaSlippage: JSONValue?
        do throws(AllocatorError) {
            weights = try run.readRequired(RunDirectory.File.weights, role: "weights, one row per rebalance")
            assetReturns = try run.readRequired(RunDirectory.File.assetReturns, role: "asset returns")
            runId = try run.runId()
            metaSlippage = try run.readJSON(RunDirectory.File.meta)?["slippage_bps"]
        } catch { throw .run(error) }
        if slippageBps == nil, let metaSlippage, metaSlippage.doubleValue == nil, metaSlippage != .null {
            throw .invalidConfig(file: run.file(RunDirectory.File.meta),
                                 detail: "`slippage_bps` is \(metaSlippage.serialized().split(separator: "\n").joined(separator: " ")), expected a number of basis points (or give --slippage-bps)")
        }
        let slippage = slippageBps ?? metaSlippage?.doubleValue ?? 0
        let pass1: ReplayedPass
        do { pass1 = try OverlayReplay.replay(weights: weights, assetReturns: assetReturns, slippageBps: slippage) } catch {
            throw located(error, slippageFromMeta: slippageBps == nil)
        }

        let (allocator, computed) = try allocatorArtifacts(pass1: pass1, source: artifacts ?? artifactSource())
        let applied = try appliedScalars(allocator.applied, rebalances: weights.dates)
        let pass2 = try OverlayReplay.replay(weights: weights, assetReturns: assetReturns, scalars: applied.values,
                                             slippageBps: slippage)

        var replay: ReplayQuality?
        do throws(AllocatorError) {
            if run.contains(RunDirectory.File.portfolioReturns) {
                replay = ReplayQuality(replayed: pass1, own: try run.readPortfolioReturns(),
                                       minimumCorrelation: thresholds.replayMinCorrelation)
            }
        } catch { throw .run(error) }
        if let replay, replay.isPoor {
            logger.warning("pass 1 tracks the run's own portfolio_returns.csv poorly: correlation \(fixed(replay.correlation, 4)) < \(thresholds.replayMinCorrelation), max |diff| \(fixed(replay.maxAbsDifference, 4)), tracking error \(fixed(replay.trackingError, 4))/yr — the weights may not be what the backtester held, or its P&L convention differs (costs, timing)")
        }

        let scaledId = scaledRun.name
        let (written, scaledMeta) = try writeScaledRun(id: scaledId, sourceRunId: runId, weights: weights,
                                                       assetReturns: assetReturns, applied: applied, pass2: pass2,
                                                       slippage: slippage)
        let audit = TwoPassAudit(
            baseline: AuditPass(runId: runId, equity: pass1.equityCurve, usedScalars: nil, scalarMeta: allocator.appliedMeta),
            scaled: AuditPass(runId: scaledId, equity: pass2.equityCurve,
                              usedScalars: Series(dates: weights.dates, values: applied.values), scalarMeta: scaledMeta),
            context: AuditAllocatorContext(run: run), windowFlags: windowFlags, spells: allocator.spells, replay: replay,
            thresholds: thresholds)
        return Outcome(audit: audit, pass1: pass1, pass2: pass2, computedAllocator: computed, slippageBps: slippage,
                       written: written)
    }

    /// A replay error naming the file its value comes from: `weights.csv` for
    /// its columns and dates, `asset_returns.csv` for its header, `meta.json`
    /// for a slippage read from it.
    func located(_ error: AuditError, slippageFromMeta: Bool) -> AuditError {
        switch error {
        case .assetWithoutReturns, .rebalanceOutsideReturns, .rebalancesShareATradingDay, .rebalanceDatesNotIncreasing:
            return .inFile(file: run.file(RunDirectory.File.weights), error: error)
        case .duplicateColumn(_, let input):
            let file = input == .weights ? RunDirectory.File.weights : RunDirectory.File.assetReturns
            return .inFile(file: run.file(file) + ":1", error: error)
        case .invalidSlippage where slippageFromMeta:
            return .inFile(file: run.file(RunDirectory.File.meta) + " (slippage_bps)", error: error)
        default:
            return error
        }
    }

    /// What the audit uses of the allocator artifacts.
    struct AllocatorArtifacts {
        var applied: Series
        var appliedMeta: JSONValue?
        var spells: Series?
    }

    /// The run's allocator artifacts, computed by the pipeline when `source` says so.
    /// A run without `portfolio_returns.csv` / `equity_curve.csv` gets its state from pass 1 as replayed.
    func allocatorArtifacts(pass1: ReplayedPass, source: ArtifactSource) throws(AuditError) -> (AllocatorArtifacts, computed: Bool) {
        if case .outdated(let change) = source { throw outdatedArtifacts(change) }
        do throws(AllocatorError) {
            var computed = false
            if case .computed(let reason) = source {
                var preloaded: StateInputs?
                let absent = [RunDirectory.File.portfolioReturns, RunDirectory.File.equityCurve].filter { !run.contains($0) }
                if !absent.isEmpty {
                    logger.notice("\(run.path) has no \(absent.joined(separator: " or ")): the state is computed from pass 1 as replayed (its returns and equity)")
                    preloaded = StateInputs(portfolioReturns: pass1.portfolioReturns, equityCurve: pass1.equityCurve,
                                            assetReturns: try run.readRequired(RunDirectory.File.assetReturns, role: "asset returns"),
                                            trendUnitReturns: try run.readOptional(RunDirectory.File.trendUnitReturns),
                                            sleeveReturns: try run.readOptional(RunDirectory.File.sleeveReturns))
                }
                logger.info("computing the allocator artifacts of \(run.path): \(reason)")
                _ = try AllocatorPipeline(runDirectory: run, config: allocatorConfig, preloadedInputs: preloaded, logger: logger).run()
                computed = true
            }
            guard let applied = try run.readAppliedScalars() else {
                throw AllocatorError.missingInput(file: run.file(RunDirectory.File.applied), role: "applied scalars")
            }
            return (AllocatorArtifacts(applied: applied, appliedMeta: try run.readJSON(RunDirectory.File.appliedMeta),
                                       spells: try run.readMarketSpells()), computed)
        } catch { throw .run(error) }
    }

    /// The applied scalars aligned to the rebalances of `weights.csv`: the dates must match one to one.
    func appliedScalars(_ applied: Series, rebalances: [TradingDate]) throws(AuditError) -> Series {
        guard applied.dates == rebalances else {
            throw .incomparable(detail: "\(run.file(RunDirectory.File.applied)) has \(applied.dates.count) dates that are not the \(rebalances.count) rebalances of weights.csv (the artifacts are from other weights: rerun with --recompute)")
        }
        let missing = (try? allocatorConfig.risk.resolved())?.applyMissingScalarAs ?? 1.0
        return Series(dates: applied.dates, values: applied.values.map { $0.isNaN ? missing : $0 })
    }

    /// A file of the audited run, copied byte for byte into the scaled run.
    func carriedOver(_ name: String) throws(AuditError) -> ArtifactFile {
        do { return try scaledRun.carriedOver(name, from: run) } catch { throw .run(error) }
    }

    /// Writes pass 2 as a run directory, whole: the precomputed-mode artifacts of SPEC §6, its returns, equity and
    /// `meta.json` (last); allocator artifacts of earlier writes are removed (the caller writes the comparison and report).
    /// Returns the paths written and the scaled run's scalar metadata (`allocator_precomputed_meta.json`) as encoded,
    /// so the comparison reports it without reading it back.
    func writeScaledRun(id: String, sourceRunId: String, weights: Panel, assetReturns: Panel, applied: Series,
                        pass2: ReplayedPass, slippage: Double) throws(AuditError) -> (written: [String], scalarMeta: JSONValue?) {
        let scaledWeights = Panel(dates: weights.dates, names: weights.names,
                                  columns: weights.columns.map { column in zip(column, applied.values).map { $0 * $1 } })
        let scaled = ScaledRunArtifacts(dates: weights.dates, weightsRaw: weights, weightsScaled: scaledWeights,
                                        computed: applied.values, applied: applied.values,
                                        source: (Panel(dates: applied.dates, names: ["risk_scalar_applied"], columns: [applied.values]),
                                                 sourceRunId))
        let equity = pass2.equityCurve
        var files = [ArtifactFile(name: RunDirectory.File.portfolioReturns,
                                  panel: Panel(dates: pass2.dates, names: ["ret"], columns: [pass2.returns])),
                     ArtifactFile(name: RunDirectory.File.equityCurve,
                                  panel: Panel(dates: equity.dates, names: ["equity"], columns: [equity.values])),
                     try carriedOver(RunDirectory.File.assetReturns),
                     ArtifactFile(name: RunDirectory.File.weights, panel: scaledWeights)]
        files += scaled.files
        files.append(ArtifactFile(name: RunDirectory.File.meta, json: .object([
            ("run_id", .string(id)),
            ("start_date", .date(pass2.dates.first)),
            ("end_date", .date(pass2.dates.last)),
            ("allocator_mode", .string("precomputed")),
            ("precomputed_run_id", .string(sourceRunId)),
            ("source", .string("allocator audit: overlay replay of \(run.path)")),
            ("slippage_bps", .double(slippage)),
            ("n_rebalances", .int(weights.rowCount)),
            ("n_trading_days", .int(pass2.dates.count)),
        ])))
        do { try scaledRun.writeWhole(files) } catch { throw .run(error) }
        let meta = files.first { $0.name == RunDirectory.File.precomputedMeta }.flatMap { try? JSONParser.parse($0.bytes) }
        return (files.map { scaledRun.file($0.name) }, meta)
    }
}
