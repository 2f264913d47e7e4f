import Allocator
import Logging
import TimeSeries

/// One `allocator backtest` invocation: what to simulate and where to write it.
package struct BacktestRequest: Sendable {
    package var market: MarketData
    package var start: TradingDate?
    package var end: TradingDate?
    package var config: BacktestConfig
    /// Profile name; `nil` = the config's default profile.
    package var profileName: String?
    /// Run id; `nil` = `<profile>_<YYYYMMDD>_<YYYYMMDD>` of the window.
    package var runId: String?
    package var runsRoot: String
    /// Overrides of the config's `allocator_v1` block.
    package var allocatorMode: AllocatorSettings.Mode?
    package var precomputedRunId: String?
    /// Seconds to wait for another command writing the run directory (SPEC §12).
    package var lockTimeout: Double = 30

    package init(market: MarketData, start: TradingDate? = nil, end: TradingDate? = nil, config: BacktestConfig,
                profileName: String? = nil, runId: String? = nil, runsRoot: String = "reports/runs",
                allocatorMode: AllocatorSettings.Mode? = nil, precomputedRunId: String? = nil) {
        self.market = market
        self.start = start
        self.end = end
        self.config = config
        self.profileName = profileName
        self.runId = runId
        self.runsRoot = runsRoot
        self.allocatorMode = allocatorMode
        self.precomputedRunId = precomputedRunId
    }
}

/// What a finished run left behind.
package struct BacktestRunOutcome: Sendable {
    package var runId: String
    package var runDirectory: String
    package var result: BacktestResult
    package var allocatorStep: AllocatorStepOutcome
    package var summary: RunSummary
}

/// The ExecSim entry point used by the CLI: validate the request, simulate,
/// write every run artifact, run the allocator step (always, failing soft),
/// and build the summary.
///
/// Input problems (unknown profile, empty window, missing precomputed run, …)
/// throw before anything is written. An allocator failure does not throw: it
/// is reported in ``BacktestRunOutcome/allocatorStep`` and the summary ends
/// with the red-flag line.
package enum BacktestRun {
    /// Makes the scaler of mode `compute` from the run directory, the
    /// `allocator_v1` settings and the allocator's thresholds / risk settings.
    /// Without one, mode `compute` uses ``IncrementalRiskScaler``.
    package typealias ComputeScalerFactory = @Sendable (_ runDirectory: String, _ settings: AllocatorSettings,
                                                       _ allocatorConfig: AllocatorConfig) -> any RebalanceScaler

    package static func execute(_ request: BacktestRequest, computeScaler: ComputeScalerFactory? = nil,
                               logger: Logger = Logger(label: "ExecSim"),
                               progress: ((Int, Int) -> Void)? = nil) throws(BacktestError) -> BacktestRunOutcome {
        let profile = try request.config.profile(named: request.profileName)
        let window = try request.market.tradingRange(start: request.start, end: request.end)
        let dates = request.market.returns.dates
        let startDate = request.start ?? dates[window.lowerBound]
        let endDate = request.end ?? dates[window.upperBound - 1]
        let runId = request.runId ?? defaultRunId(profile: profile.name, start: startDate, end: endDate)
        try validateRunId(runId)
        let runDirectory = request.runsRoot + "/" + runId
        // One writer at a time; the allocator artifacts are sealed as one generation at the end.
        let lock: RunLock
        do { lock = try RunLock.exclusive(RunDirectory(path: runDirectory), timeout: request.lockTimeout) } catch { throw .allocator(error) }
        defer { lock.release() }

        var settings = request.config.allocator
        if let mode = request.allocatorMode { settings.mode = mode }
        if let source = request.precomputedRunId { settings.precomputedRunId = source }

        let sleeveNames = profile.activeSleeves.map(\.sleeve.name)
        var scaler: any RebalanceScaler
        var precomputed: PrecomputedScalars?
        var regimeDirectory = runDirectory
        switch settings.mode {
        case .off:
            scaler = UnscaledRebalances()
        case .precomputed:
            guard let sourceId = settings.precomputedRunId else {
                throw .invalidArgument("allocator mode `precomputed` needs a source run: --precomputed-run-id ID (or allocator_v1.precomputed_run_id in the config)")
            }
            if sourceId == runId {
                throw .invalidArgument("--precomputed-run-id `\(sourceId)` names this run itself; give the baseline run's id (or another --run-id)")
            }
            try validateAllocatorConfig(request.config, settings: settings, sleeves: sleeveNames)
            let loaded = try PrecomputedScalars(runDirectory: request.runsRoot + "/" + sourceId, runId: sourceId,
                                                missingScalar: settings.applyMissingScalarAs,
                                                sleeves: request.config.allocatorConfig.risk.sleeves == nil ? nil : sleeveNames)
            precomputed = loaded
            scaler = loaded
            regimeDirectory = request.runsRoot + "/" + sourceId
        case .compute:
            if let computeScaler {
                scaler = computeScaler(runDirectory, settings, request.config.allocatorConfig)
            } else {
                scaler = try IncrementalRiskScaler(
                    assetCount: request.market.assetNames.count,
                    hasTrendUnitReturns: profile.hasTrendSleeve, sleeveNames: sleeveNames,
                    settings: settings, allocatorConfig: request.config.allocatorConfig)
            }
        }

        try validateAllocatorConfig(request.config, settings: settings, sleeves: sleeveNames)

        logger.info("\(profile.name): \(request.market.assetNames.count) assets, \(window.count) trading days \(startDate) .. \(endDate), rebalance \(profile.rebalance.rawValue), allocator mode \(settings.mode.rawValue)")
        let empty = request.market.assetsWithoutReturns(in: window)
        if !empty.isEmpty {
            logger.warning("\(request.market.source): \(empty.count) of \(request.market.assetNames.count) assets have no return in \(startDate) .. \(endDate) and are held at weight 0: \(empty.prefix(10).joined(separator: ", "))\(empty.count > 10 ? ", …" : "")")
        }
        let result = try ExecSim(profile: profile).run(market: request.market, start: request.start, end: request.end,
                                                       scaler: &scaler, progress: progress)
        let info = RunArtifacts.RunInfo(runId: runId, startDate: startDate, endDate: endDate,
                                        marketData: request.market.source, config: request.config.source)
        do {
            try RunArtifacts.write(result, info: info, precomputed: precomputed, marketSpells: request.market.spells,
                                   to: RunDirectory(path: runDirectory))
        } catch {
            throw .invalidArgument("cannot write run artifacts: \(error)")
        }
        logger.info("wrote backtest artifacts to \(runDirectory) (\(result.rebalanceDates.count) rebalances)")

        let engine = (scaler as? IncrementalRiskScaler).map { ($0.engine, $0.outputs) }
        let step = AllocatorStep.run(runDirectory: runDirectory, settings: settings, config: request.config.allocatorConfig,
                                     inputs: result.stateInputs, engine: engine, logger: logger)
        do { try RunDirectory(path: runDirectory).sealGeneration() } catch { throw .allocator(error) }
        let report = AllocatorReport.forRun(result, step: step, regimeDirectory: regimeDirectory)
        let summary = RunSummary(runId: runId, runDirectory: runDirectory, result: result, allocator: report, allocatorStep: step)
        return BacktestRunOutcome(runId: runId, runDirectory: runDirectory, result: result, allocatorStep: step, summary: summary)
    }

    /// Checks the regime thresholds and risk settings before anything runs,
    /// so a bad allocator configuration is an input error, not a red flag;
    /// `risk.sleeves` may name only the profile's `sleeves` (SPEC §10).
    static func validateAllocatorConfig(_ config: BacktestConfig, settings: AllocatorSettings,
                                        sleeves: [String]) throws(BacktestError) {
        do {
            _ = try RiskAllocator(configuration: config.allocatorConfig.overridingRisk(settings.riskOverrides))
                .sleeveRiskConfigs(for: sleeves)
        } catch {
            throw .allocator(error)
        }
    }

    /// `<profile>_<YYYYMMDD>_<YYYYMMDD>`, like `baseline_20200106_20251031`.
    package static func defaultRunId(profile: String, start: TradingDate, end: TradingDate) -> String {
        func compact(_ d: TradingDate) -> String { d.description.split(separator: "-").joined() }
        return "\(profile)_\(compact(start))_\(compact(end))"
    }

    /// A run id is one path component: no `/`, not `.` or `..`, not empty.
    static func validateRunId(_ id: String) throws(BacktestError) {
        if id.isEmpty || id == "." || id == ".." || id.contains("/") {
            throw .invalidArgument("run id `\(id)` is not a plain directory name")
        }
    }
}
