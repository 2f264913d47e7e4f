import Allocator
import Logging
import TimeSeries

/// What the allocator step after a backtest produced.
package enum AllocatorStepOutcome: Sendable {
    /// Every allocator artifact was written.
    case completed(PipelineResult)
    /// The computation failed or returned no valid row; the error JSON was
    /// written (`errorFile`) and the backtest artifacts are untouched.
    case failed(message: String, errorFile: String)

    package var failed: Bool {
        if case .failed = self { return true }
        return false
    }

    /// The pipeline's result when it completed.
    package var pipeline: PipelineResult? {
        if case .completed(let result) = self { return result }
        return nil
    }
}

/// The allocator step that follows every backtest (SPEC §6): the allocator
/// pipeline (state → regime → risk → applied scalars) on the run directory
/// the backtest just wrote. It never throws — a failure is reported as
/// ``AllocatorStepOutcome/failed(message:errorFile:)`` with
/// `allocator_state_v1_error.json` written, so the run fails soft but loud.
package enum AllocatorStep {
    /// The summary's last line when the step failed.
    package static let redFlag = "[ExecSim] 🚩 RED FLAG: Allocator state v1 computation failed or returned empty. See allocator_state_v1_error.json for details."

    /// Runs the allocator on a finished backtest.
    ///
    /// The run's `allocator_v1` settings (`risk_profile`,
    /// `apply_missing_scalar_as`) override the config's `risk:` block.
    /// `inputs` are the run's state inputs already in memory (the files just
    /// written hold the same numbers). `engine`, in mode `compute`, is the
    /// incremental engine that produced the scalars during the simulation with
    /// what it produced so far: the artifacts are then completed from it
    /// instead of being computed a second time (same bytes as the batch
    /// pipeline, which `allocator pipeline` on the run directory confirms).
    package static func run(runDirectory: String, settings: AllocatorSettings, config: AllocatorConfig,
                           inputs: StateInputs? = nil, engine: (AllocatorEngine, EngineOutputs)? = nil,
                           logger: Logger) -> AllocatorStepOutcome {
        let directory = RunDirectory(path: runDirectory)
        let errorFile = directory.file(RunDirectory.File.stateError)
        directory.remove(RunDirectory.File.stateError) // a report left by an earlier run here describes another failure
        do {
            let pipeline = try AllocatorPipeline(runDirectory: directory, config: config.overridingRisk(settings.riskOverrides),
                                                 preloadedInputs: inputs, logger: Logger(label: "Pipeline"))
            if let (state, outputs) = engine, let inputs,
               let result = try pipeline.complete(engine: state, outputs: outputs, inputs: inputs) {
                return .completed(result)
            }
            return .completed(try pipeline.run())
        } catch {
            let message = "\(error.typeName): \(error.description)"
            logger.error("allocator step failed: \(message)")
            if !directory.contains(RunDirectory.File.stateError) {
                // The state step writes its own report; a later layer's failure gets one here.
                do {
                    try directory.writeStateErrorReport(error, steps: ["allocator pipeline after ExecSim for \(runDirectory)"])
                } catch let writeError {
                    logger.error("could not write \(errorFile): \(writeError)")
                }
            }
            return .failed(message: message, errorFile: errorFile)
        }
    }
}

extension BacktestResult {
    /// The allocator's state inputs, as the run's files hold them.
    package var stateInputs: StateInputs {
        StateInputs(portfolioReturns: Series(dates: portfolioReturns.dates, values: portfolioReturns.columns[0]),
                    equityCurve: Series(dates: equityCurve.dates, values: equityCurve.columns[0]),
                    assetReturns: assetReturns, trendUnitReturns: trendUnitReturns, sleeveReturns: sleeveReturns)
    }
}
