import Logging
import TimeSeries

/// The state rows, regimes and risk scalars an ``AllocatorEngine`` has
/// produced so far (valid rows only), with the common dates it consumed.
package struct EngineOutputs: Sendable {
    /// Common dates consumed, in order (valid or not).
    package var consumedDates: [TradingDate]
    package var state: AllocatorState
    package var regimes: [Regime]
    package var scalars: [Double]
    /// `sleeveScalars[s]`: the engine's sleeve stepper `s` on each valid row (empty without sleeve scalars).
    package var sleeveScalars: [[Double]]

    package init(features: [StateFeature], sleeveCount: Int = 0) {
        consumedDates = []
        state = AllocatorState(dates: [], features: features, columns: features.map { _ in [] })
        regimes = []
        scalars = []
        sleeveScalars = [[Double]](repeating: [], count: sleeveCount)
    }

    init(consumedDates: [TradingDate], state: AllocatorState, regimes: [Regime], scalars: [Double], sleeveScalars: [[Double]]) {
        self.consumedDates = consumedDates
        self.state = state
        self.regimes = regimes
        self.scalars = scalars
        self.sleeveScalars = sleeveScalars
    }

    /// Records one step of the engine for `date`.
    package mutating func record(_ step: EngineStep, date: TradingDate) {
        consumedDates.append(date)
        guard step.isValid, let regime = step.regime, let scalar = step.riskScalar else { return }
        state.dates.append(date)
        for k in state.features.indices { state.columns[k].append(step.features[k]) }
        regimes.append(regime)
        scalars.append(scalar)
        if let sleeves = step.sleeveScalars {
            for s in sleeves.indices { sleeveScalars[s].append(sleeves[s]) }
        }
    }
}

extension AllocatorPipeline {
    /// Finishes a run from an engine that has already consumed the first
    /// common dates of `inputs` (a `compute`-mode backtest, or `update` from a
    /// snapshot): steps it over the remaining common dates and writes every
    /// artifact — the same bytes a full ``run()`` writes.
    ///
    /// Throws (after writing the state error JSON, like ``run()``) when the
    /// inputs do not align or no row is valid. Returns `nil` when the engine's
    /// consumed dates are not a prefix of the inputs' common dates: the caller
    /// should then run the full pipeline.
    package func complete(engine start: AllocatorEngine, outputs start0: EngineOutputs,
                         inputs: StateInputs) throws(AllocatorError) -> PipelineResult? {
        let common: [TradingDate]
        do { common = try alignedDates(inputs) } catch { throw reported(error) }
        return try complete(engine: start, outputs: start0, inputs: inputs,
                            feed: AlignedStateFeed(inputs: inputs, dates: common), rebalances: try rebalanceDates())
    }

    /// ``complete(engine:outputs:inputs:)`` for a caller that has already
    /// aligned the inputs and read the rebalance dates.
    func complete(engine start: AllocatorEngine, outputs start0: EngineOutputs, inputs: StateInputs,
                  feed: AlignedStateFeed, rebalances: [TradingDate]?) throws(AllocatorError) -> PipelineResult? {
        let common = feed.dates
        let done = start0.consumedDates.count
        guard done == start.state.rowCount, done <= common.count, Array(common[..<done]) == start0.consumedDates,
              start.sleeveRisk.map(\.config) == (try allocator.sleeveRiskConfigs(for: inputs.sleeveReturns?.names)),
              start0.sleeveScalars.count == start.sleeveRisk.count else {
            logger.notice("engine history does not match the run's common dates; recomputing in full")
            return nil
        }
        var engine = start
        var outputs = start0
        for i in done..<common.count {
            outputs.record(feed.withRow(i) { engine.step($0) }, date: common[i])
        }
        if outputs.state.dates.isEmpty {
            throw reported(.noValidRows(rowsRequested: common.count, assets: inputs.assetReturns.columnCount))
        }
        let accounting = StateAccounting(rowsRequested: common.count, rowsValid: outputs.state.dates.count)
        let metadata = StateMetadata(state: outputs.state, accounting: accounting, commonDates: common,
                                     requested: try runDirectory.requestedWindow())
        let risk = allocator.riskSeries(dates: outputs.state.dates, regimes: outputs.regimes, scalars: outputs.scalars)
        let result = allocator.assemble(state: outputs.state, metadata: metadata, warnings: [],
                                        regimes: RegimeSeries(dates: outputs.state.dates, regimes: outputs.regimes),
                                        risk: risk, sleeveNames: inputs.sleeveReturns?.names,
                                        sleeveColumns: outputs.sleeveScalars, rebalanceDates: rebalances)
        return try writeAll(result, commonDates: common, engine: engine, names: InputNames(inputs))
    }

    /// The common dates, after the input validator (SPEC §3).
    func alignedDates(_ inputs: StateInputs) throws(AllocatorError) -> [TradingDate] {
        let common = inputs.commonDates
        let report = InputValidator.validate(inputs, commonDateCount: common.count)
        for w in report.warnings { logger.warning("\(w)") }
        if let first = report.errors.first { throw .noCommonDates(detail: first) }
        return common
    }

    /// Writes the state error JSON for `error` and returns it.
    func reported(_ error: AllocatorError) -> AllocatorError {
        do {
            try output.writeStateErrorReport(error, steps: ["allocator engine for run directory \(runDirectory.path)"],
                                             inputs: runDirectory)
        } catch let writeError {
            logger.error("could not write the error report: \(writeError)")
        }
        return error
    }
}
