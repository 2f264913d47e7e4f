import Logging
import TimeSeries

/// The outcome of computing a run's state: the table, its metadata and what
/// the validators said.
package struct StateRunResult: Sendable {
    package var state: AllocatorState
    package var metadata: StateMetadata
    package var inputWarnings: [String]
    /// The state validator's warnings.
    package var stateWarnings: [String]
    package var statePath: String
    package var metadataPath: String
    /// The computation with what an engine snapshot needs.
    var computed: ComputedState
}

/// `allocator state` on a run directory: read the inputs, compute and
/// validate the state through the front door (``RiskAllocator``), write
/// `allocator_state_v1.csv` + metadata.
///
/// On failure nothing is written over an earlier good artifact: only
/// `allocator_state_v1_error.json` is written. On success a stale error file
/// is removed.
package struct StateRun {
    package var runDirectory: RunDirectory
    package var outputDirectory: RunDirectory
    package var logger: Logger
    /// Inputs already in memory (a backtest that just wrote them); `nil` reads the run directory.
    package var preloadedInputs: StateInputs?
    /// Hears of the correlation blocks as they finish (a command's progress line).
    package var progress: StateProgress?

    package init(runDirectory: RunDirectory, outputDirectory: String? = nil, preloadedInputs: StateInputs? = nil,
                logger: Logger = Logger(label: "AllocatorState")) {
        self.runDirectory = runDirectory
        self.outputDirectory = RunDirectory(path: outputDirectory ?? runDirectory.path)
        self.preloadedInputs = preloadedInputs
        self.logger = logger
    }

    /// Runs the computation and seals the generation (SPEC §12); on error writes the error JSON and rethrows.
    package func execute() throws(AllocatorError) -> StateRunResult {
        try execute(sealing: true)
    }

    /// Runs the computation, leaving the generation open when `sealing` is
    /// false (the pipeline writes the later layers into the same generation).
    func execute(sealing: Bool) throws(AllocatorError) -> StateRunResult {
        var steps = ["allocator state v1 for run directory \(runDirectory.path)"]
        do {
            let result = try compute(steps: &steps)
            if sealing { try outputDirectory.sealGeneration() }
            return result
        } catch {
            throw reported(error, steps: steps)
        }
    }

    /// Writes the state error JSON for `error` after `steps` and returns `error`.
    /// A mistyped run directory is not created just to hold the report.
    func reported(_ error: AllocatorError, steps: [String]) -> AllocatorError {
        if !runDirectory.exists && outputDirectory.path == runDirectory.path {
            logger.error("run directory \(runDirectory.path) does not exist; no error report written")
            return error
        }
        do {
            try outputDirectory.writeStateErrorReport(error, steps: steps, inputs: runDirectory)
            logger.error("state computation failed; wrote \(outputDirectory.file(RunDirectory.File.stateError))")
        } catch let writeError {
            logger.error("could not write the error report: \(writeError)")
        }
        return error
    }

    /// The run's inputs (from memory or the directory) with its rebalance dates and requested window.
    func loadInputs(steps: inout [String]) throws(AllocatorError) -> AllocatorInputs {
        guard runDirectory.exists else { throw .missingInput(file: runDirectory.path, role: "run directory") }
        steps.append("load inputs (\(RunDirectory.File.portfolioReturns), \(RunDirectory.File.equityCurve), \(RunDirectory.File.assetReturns), optional \(RunDirectory.File.trendUnitReturns), \(RunDirectory.File.sleeveReturns))")
        let inputs: StateInputs
        if let preloadedInputs { inputs = preloadedInputs } else { inputs = try runDirectory.loadStateInputs() }
        steps.append("read requested window from \(RunDirectory.File.meta)")
        let requested = try runDirectory.requestedWindow()
        return AllocatorInputs(portfolioReturns: inputs.portfolioReturns, equityCurve: inputs.equityCurve,
                               assetReturns: inputs.assetReturns, trendUnitReturns: inputs.trendUnitReturns,
                               sleeveReturns: inputs.sleeveReturns, requestedStart: requested.start,
                               requestedEnd: requested.end)
    }

    private func compute(steps: inout [String]) throws(AllocatorError) -> StateRunResult {
        let inputs = try loadInputs(steps: &steps)
        steps.append("validate inputs and compute the 10-feature state")
        let computed: ComputedState
        do {
            computed = try RiskAllocator.stateOnly.computeStateKeepingStepper(inputs, logger: logger, progress: progress)
        } catch .invalidState(_, let errors) {
            throw .invalidState(file: outputDirectory.file(RunDirectory.File.state), errors: errors)
        }
        let outcome = computed.outcome
        steps.append("write artifacts to \(outputDirectory.path)")
        try outputDirectory.write(StateArtifacts.files(outcome.state, metadata: outcome.metadata))
        outputDirectory.remove(RunDirectory.File.stateError)
        return StateRunResult(state: outcome.state, metadata: outcome.metadata, inputWarnings: computed.inputWarnings,
                              stateWarnings: computed.stateWarnings,
                              statePath: outputDirectory.file(RunDirectory.File.state),
                              metadataPath: outputDirectory.file(RunDirectory.File.stateMeta), computed: computed)
    }
}

extension RiskAllocator {
    /// The allocator with the default configuration, for computing a state alone.
    static let stateOnly: RiskAllocator = {
        guard let a = try? RiskAllocator() else { preconditionFailure("the default configuration is valid") }
        return a
    }()
}
