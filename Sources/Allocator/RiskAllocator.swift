import Logging
import TimeSeries

/// The allocator's inputs in memory (SPEC §1): the series a run directory
/// holds, without the files.
public struct AllocatorInputs: Sendable {
    /// Daily portfolio simple returns.
    public var portfolioReturns: Series
    /// Daily equity curve.
    public var equityCurve: Series
    /// Daily asset simple returns, one column per asset (missing = `.nan`).
    public var assetReturns: Panel
    /// Optional trend-unit returns (feature `trend_breadth_20d`).
    public var trendUnitReturns: Panel?
    /// Optional sleeve returns (feature `sleeve_concentration_60d`).
    public var sleeveReturns: Panel?
    /// Rebalance dates (the index of `weights.csv`); `nil` skips the applied scalars.
    public var rebalanceDates: [TradingDate]?
    /// The run's requested window (`meta.json` `start_date` / `end_date`);
    /// `nil` ends default to the first / last common date.
    public var requestedStart: TradingDate?
    /// End of the requested window (`meta.json` `end_date`).
    public var requestedEnd: TradingDate?

    /// Inputs for ``RiskAllocator/run(_:)``; the optional ones default to absent.
    public init(portfolioReturns: Series, equityCurve: Series, assetReturns: Panel, trendUnitReturns: Panel? = nil,
                sleeveReturns: Panel? = nil, rebalanceDates: [TradingDate]? = nil,
                requestedStart: TradingDate? = nil, requestedEnd: TradingDate? = nil) {
        self.portfolioReturns = portfolioReturns
        self.equityCurve = equityCurve
        self.assetReturns = assetReturns
        self.trendUnitReturns = trendUnitReturns
        self.sleeveReturns = sleeveReturns
        self.rebalanceDates = rebalanceDates
        self.requestedStart = requestedStart
        self.requestedEnd = requestedEnd
    }

    /// The five state inputs.
    var stateInputs: StateInputs {
        StateInputs(portfolioReturns: portfolioReturns, equityCurve: equityCurve, assetReturns: assetReturns,
                    trendUnitReturns: trendUnitReturns, sleeveReturns: sleeveReturns)
    }
}

/// A validated state with its metadata and what the validators said (SPEC §2–3).
public struct StateOutcome: Sendable {
    /// One row per valid date, one column per present feature.
    public var state: AllocatorState
    /// Features present / missing, row accounting, effective and requested windows.
    public var metadata: StateMetadata
    /// Input- and state-validator warnings (e.g. more than 5% of rows dropped).
    public var warnings: [String]
}

/// Everything the allocator computes for one set of inputs.
public struct AllocatorResult: Sendable {
    /// The validated state: one row per valid date.
    public var state: AllocatorState
    /// Features present / missing, row accounting, windows.
    public var metadata: StateMetadata
    /// Input- and state-validator warnings.
    public var warnings: [String]
    /// One regime per valid state date.
    public var regimes: RegimeSeries
    /// One smoothed risk scalar per valid state date.
    public var risk: RiskSeries
    /// The risk configuration in force (profile, mapping, α, bounds).
    public var riskConfig: RiskConfig
    /// The regime thresholds used.
    public var thresholds: RegimeThresholds
    /// Scalars applied at each rebalance (1-rebalance lag); `nil` without rebalance dates.
    public var applied: AppliedScalars?
    /// Daily sleeve scalars, one column per sleeve of the run (SPEC §10); `nil` without `risk.sleeves`.
    public var sleeveScalars: SleeveScalars? = nil
    /// Sleeve scalars applied at each rebalance (the same lag); `nil` without `risk.sleeves` or rebalance dates.
    public var sleeveApplied: SleeveScalars? = nil
}

/// The allocator's front door: inputs in memory → state → regimes → risk
/// scalars → applied scalars, with one typed error and no file touched.
///
/// ```swift
/// let allocator = try RiskAllocator(configuration: AllocatorConfig())
/// let result = try allocator.run(inputs)
/// print(result.metadata.featuresPresent, result.metadata.accounting.rowsDropped)
/// print(result.regimes.regimes.last!, result.risk.scalars.last!)
/// ```
///
/// Each layer is also callable alone: ``computeState(_:)``, ``classify(_:)``,
/// ``transform(_:)``, ``applied(_:rebalanceDates:)``. The run directory
/// commands (`allocator pipeline`, `update`, ExecSim) call the same code, so a
/// library user gets the artifacts' numbers bit for bit.
public struct RiskAllocator: Sendable {
    /// Regime thresholds and risk settings.
    public let configuration: AllocatorConfig
    let transformer: RiskTransformer
    let sleeveConfig: SleeveRiskConfig?

    /// Validates the configuration.
    ///
    /// - Throws: ``AllocatorError/invalidParameter(name:detail:)`` naming the
    ///   threshold or risk parameter that is out of range.
    public init(configuration: AllocatorConfig = AllocatorConfig()) throws(AllocatorError) {
        self.configuration = configuration
        do { try configuration.regime.validate() } catch { throw AllocatorError(error) }
        do { transformer = try RiskTransformer(config: configuration.risk.resolved()) } catch { throw AllocatorError(error) }
        do { sleeveConfig = try configuration.risk.resolvedSleeves(portfolio: transformer.config) } catch { throw AllocatorError(error) }
    }

    /// The sleeve scalar configuration (`risk.sleeves`, SPEC §10), `nil` when none is configured.
    public var sleeveRiskConfig: SleeveRiskConfig? { sleeveConfig }

    /// The risk configuration of each of the run's sleeves `names` (in that
    /// order); empty without `risk.sleeves`.
    ///
    /// - Throws: ``AllocatorError/invalidParameter(name:detail:)`` when a
    ///   configured sleeve is not among `names` (`nil`: the run has no sleeves).
    public func sleeveRiskConfigs(for names: [String]?) throws(AllocatorError) -> [RiskConfig] {
        guard let sleeveConfig else { return [] }
        try sleeveConfig.check(available: names)
        return (names ?? []).map { sleeveConfig.config(of: $0) }
    }

    /// The risk configuration the settings resolve to.
    public var riskConfig: RiskConfig { transformer.config }

    /// State, regimes, risk scalars and (with rebalance dates) applied scalars.
    ///
    /// - Throws: ``AllocatorError`` when the inputs do not align, no row is
    ///   valid, or the state fails validation.
    public func run(_ inputs: AllocatorInputs) throws(AllocatorError) -> AllocatorResult {
        try runKeepingEngine(inputs).result
    }

    /// The state alone (SPEC §2–3): input validation, the 10 features, row accounting, state validation.
    public func computeState(_ inputs: AllocatorInputs) throws(AllocatorError) -> StateOutcome {
        try computeStateKeepingStepper(inputs).outcome
    }

    /// Regimes of a computed state (SPEC §4).
    public func classify(_ state: AllocatorState) throws(AllocatorError) -> RegimeSeries {
        do { return try RegimeClassifier(thresholds: configuration.regime).classify(state) } catch let e as RegimeInputError {
            throw .invalidState(file: "(in memory)", errors: [e.description])
        } catch { throw .invalidParameter(name: "regime thresholds", detail: "\(error)") }
    }

    /// Smoothed risk scalars of a regime series (SPEC §5); unmapped regimes
    /// score 1.0, are listed in the result and warned about on `logger`.
    public func transform(_ regimes: RegimeSeries, logger: Logger? = nil) -> RiskSeries {
        transformer.transform(regimes, logger: logger)
    }

    /// The 1-rebalance-lagged scalars at `rebalanceDates` (SPEC §5).
    public func applied(_ risk: RiskSeries, rebalanceDates: [TradingDate]) -> AppliedScalars {
        AppliedScalars.compute(risk: risk, rebalanceDates: rebalanceDates, missingAs: riskConfig.applyMissingScalarAs)
    }

    /// ``computeState(_:)`` with the stepper after the last common date.
    ///
    /// `logger` (the commands') receives the validators' warnings and the row accounting as they happen;
    /// `progress` hears of the correlation blocks.
    func computeStateKeepingStepper(_ inputs: AllocatorInputs, logger: Logger? = nil,
                                    progress: StateProgress? = nil) throws(AllocatorError) -> ComputedState {
        let stateInputs = inputs.stateInputs
        // Aligned once: the validator, the computation and the metadata share these dates.
        let common = stateInputs.commonDates
        let inputReport = InputValidator.validate(stateInputs, commonDateCount: common.count)
        for w in inputReport.warnings { logger?.warning("\(w)") }
        if let first = inputReport.errors.first { throw .noCommonDates(detail: first) }
        logger?.info("inputs: \(stateInputs.assetReturns.columnCount) assets, \(common.count) common dates (\(common.first!) .. \(common.last!))")
        logger?.info("optional inputs: trend_unit_returns \(stateInputs.trendUnitReturns == nil ? "absent" : "present"), sleeve_returns \(stateInputs.sleeveReturns == nil ? "absent" : "present")")
        let (state, accounting, stepper) = StateComputation.computeKeepingStepper(stateInputs, commonDates: common,
                                                                                  progress: progress)
        logger?.info("rows: \(accounting.rowsRequested) -> \(accounting.rowsValid) (dropped \(accounting.rowsDropped) with a missing required feature)")
        if accounting.rowsValid == 0 {
            throw .noValidRows(rowsRequested: accounting.rowsRequested, assets: stateInputs.assetReturns.columnCount)
        }
        let metadata = StateMetadata(state: state, accounting: accounting, commonDates: common,
                                     requested: (inputs.requestedStart, inputs.requestedEnd))
        let validation = StateValidator.validate(state, metadata: metadata)
        if !validation.isValid { throw .invalidState(file: RunDirectory.File.state, errors: validation.errors) }
        return ComputedState(outcome: StateOutcome(state: state, metadata: metadata,
                                                   warnings: inputReport.warnings + validation.warnings),
                             inputWarnings: inputReport.warnings, stateWarnings: validation.warnings,
                             stepper: stepper, commonDates: common,
                             inputNames: InputNames(stateInputs))
    }

    /// ``run(_:)`` with the engine left after the last common date (for the snapshot `update` continues from).
    func runKeepingEngine(_ inputs: AllocatorInputs, logger: Logger? = nil) throws(AllocatorError)
        -> (result: AllocatorResult, computed: ComputedState, engine: AllocatorEngine) {
        let computed = try computeStateKeepingStepper(inputs, logger: logger)
        return try layers(over: computed, rebalanceDates: inputs.rebalanceDates)
    }

    /// Regimes and scalars of a computed state from one pass of the engine's
    /// own steppers (the batch classifier and transformer run the same ones).
    func layers(over computed: ComputedState, rebalanceDates: [TradingDate]?) throws(AllocatorError)
        -> (result: AllocatorResult, computed: ComputedState, engine: AllocatorEngine) {
        let state = computed.outcome.state
        let sleeveNames = computed.inputNames.sleeves
        var engine = AllocatorEngine(state: computed.stepper, regime: try regimeStepper(), risk: try riskStepper(),
                                     sleeveRisk: try sleeveSteppers(for: sleeveNames), validRows: 0)
        var regimeList: [Regime] = []
        var scalars: [Double] = []
        var sleeveColumns = engine.sleeveRisk.map { _ in [Double]() }
        regimeList.reserveCapacity(state.dates.count)
        scalars.reserveCapacity(state.dates.count)
        for s in sleeveColumns.indices { sleeveColumns[s].reserveCapacity(state.dates.count) }
        for i in state.dates.indices {
            let (regime, scalar) = engine.replayValidRow(StateRow(state, at: i), sleeveColumns: &sleeveColumns)
            regimeList.append(regime)
            scalars.append(scalar)
        }
        let regimes = RegimeSeries(dates: state.dates, regimes: regimeList)
        let risk = riskSeries(dates: state.dates, regimes: regimeList, scalars: scalars)
        let result = assemble(state: state, metadata: computed.outcome.metadata, warnings: computed.outcome.warnings,
                              regimes: regimes, risk: risk, sleeveNames: sleeveNames, sleeveColumns: sleeveColumns,
                              rebalanceDates: rebalanceDates)
        return (result, computed, engine)
    }

    /// The result of the layers, with the applied (and, with `risk.sleeves`, the sleeve) scalars.
    func assemble(state: AllocatorState, metadata: StateMetadata, warnings: [String], regimes: RegimeSeries,
                  risk: RiskSeries, sleeveNames: [String]?, sleeveColumns: [[Double]],
                  rebalanceDates: [TradingDate]?) -> AllocatorResult {
        var result = AllocatorResult(state: state, metadata: metadata, warnings: warnings, regimes: regimes, risk: risk,
                                     riskConfig: riskConfig, thresholds: configuration.regime,
                                     applied: rebalanceDates.map { self.applied(risk, rebalanceDates: $0) })
        if sleeveConfig != nil {
            let sleeves = SleeveScalars(names: sleeveNames ?? [], dates: risk.dates, scalars: sleeveColumns)
            result.sleeveScalars = sleeves
            result.sleeveApplied = rebalanceDates.map { sleeves.applied(rebalanceDates: $0, missingAs: riskConfig.applyMissingScalarAs) }
        }
        return result
    }

    /// One fresh risk stepper per sleeve of the run (none without `risk.sleeves`).
    func sleeveSteppers(for names: [String]?) throws(AllocatorError) -> [RiskStepper] {
        var steppers: [RiskStepper] = []
        for config in try sleeveRiskConfigs(for: names) {
            do { steppers.append(try RiskStepper(config: config)) } catch { throw AllocatorError(error) }
        }
        return steppers
    }

    /// A risk series from regimes and their scalars, logging the regimes the mapping does not cover (SPEC §5).
    func riskSeries(dates: [TradingDate], regimes: [Regime], scalars: [Double]) -> RiskSeries {
        let unmapped = transformer.unmappedLabels(regimes)
        RiskTransformer.warnUnmapped(unmapped)
        return RiskSeries(dates: dates, scalars: scalars, regimes: regimes.map { Optional($0) }, unmappedLabels: unmapped)
    }

    func regimeStepper() throws(AllocatorError) -> RegimeStepper {
        do { return try RegimeStepper(thresholds: configuration.regime) } catch { throw AllocatorError(error) }
    }

    func riskStepper() throws(AllocatorError) -> RiskStepper {
        do { return try RiskStepper(config: riskConfig) } catch { throw AllocatorError(error) }
    }
}

/// A state computed for a run, with what an engine snapshot needs.
struct ComputedState: Sendable {
    var outcome: StateOutcome
    var inputWarnings: [String]
    var stateWarnings: [String]
    /// The stepper after the last common date.
    var stepper: StateStepper
    var commonDates: [TradingDate]
    /// Column names of the inputs consumed.
    var inputNames: InputNames
}
