import Logging
import TimeSeries

/// The outcome of computing a run's state: the table, its metadata and what
/// the validators said.
public struct StateRunResult: Sendable {
    public var state: AllocatorState
    public var metadata: StateMetadata
    public var inputWarnings: [String]
    public var validation: ValidationReport
    public var statePath: String
    public var metadataPath: String
    /// The stepper after the last common date, and what it consumed (for the engine snapshot).
    public var stepper: StateStepper
    public var inputFingerprint: InputFingerprint
    public var commonDates: [TradingDate]
    public var assetNames: [String]
    public var trendNames: [String]?
    public var sleeveNames: [String]?
}

/// `allocator state`: read a run directory, validate inputs, compute the
/// state, validate it and write `allocator_state_v1.csv` + metadata.
///
/// On failure nothing is written over an earlier good artifact: only
/// `allocator_state_v1_error.json` is written. On success a stale error file
/// is removed.
public struct StateRun {
    public var runDirectory: RunDirectory
    public var outputDirectory: String
    public var logger: Logger
    /// Inputs already in memory (a backtest that just wrote them); `nil` reads the run directory.
    public var preloadedInputs: StateInputs?

    public init(runDirectory: RunDirectory, outputDirectory: String? = nil, preloadedInputs: StateInputs? = nil,
                logger: Logger = Logger(label: "AllocatorState")) {
        self.runDirectory = runDirectory
        self.outputDirectory = outputDirectory ?? runDirectory.path
        self.preloadedInputs = preloadedInputs
        self.logger = logger
    }

    /// Runs the computation; on error writes the error JSON and rethrows.
    public func execute() throws(AllocatorError) -> StateRunResult {
        var steps = ["allocator state v1 for run directory \(runDirectory.path)"]
        do {
            return try compute(steps: &steps)
        } catch {
            if !runDirectory.exists && outputDirectory == runDirectory.path {
                // A mistyped run is not created just to hold the report.
                logger.error("run directory \(runDirectory.path) does not exist; no error report written")
                throw error
            }
            let report = StateErrorReport(error: error, steps: steps, runDirectory: runDirectory)
            do {
                try FileBytes.makeDirectories(outputDirectory)
                try report.write(to: outputDirectory)
                logger.error("state computation failed; wrote \(outputDirectory)/\(RunDirectory.File.stateError)")
            } catch let writeError {
                logger.error("could not write the error report: \(writeError)")
            }
            throw error
        }
    }

    private func compute(steps: inout [String]) throws(AllocatorError) -> StateRunResult {
        guard runDirectory.exists else { throw .missingInput(file: runDirectory.path, role: "run directory") }
        steps.append("load inputs (\(RunDirectory.File.portfolioReturns), \(RunDirectory.File.equityCurve), \(RunDirectory.File.assetReturns), optional \(RunDirectory.File.trendUnitReturns), \(RunDirectory.File.sleeveReturns))")
        let inputs: StateInputs
        if let preloadedInputs { inputs = preloadedInputs } else { inputs = try runDirectory.loadStateInputs() }
        steps.append("read requested window from \(RunDirectory.File.meta)")
        let requested = try runDirectory.requestedWindow()

        steps.append("validate input alignment")
        let inputReport = InputValidator.validate(inputs)
        for w in inputReport.warnings { logger.warning("\(w)") }
        if let first = inputReport.errors.first {
            throw .noCommonDates(detail: first)
        }
        let common = inputs.commonDates
        logger.info("inputs: \(inputs.assetReturns.columnCount) assets, \(common.count) common dates (\(common.first!) .. \(common.last!))")
        logger.info("optional inputs: trend_unit_returns \(inputs.trendUnitReturns == nil ? "absent" : "present"), sleeve_returns \(inputs.sleeveReturns == nil ? "absent" : "present")")

        steps.append("compute the 10-feature state over \(common.count) common dates")
        let (state, accounting, stepper, fingerprint) = StateComputation.computeKeepingStepper(inputs)
        logger.info("rows: \(accounting.rowsRequested) -> \(accounting.rowsValid) (dropped \(accounting.rowsDropped) with a missing required feature)")
        if accounting.rowsValid == 0 { throw .noValidRows(rowsRequested: accounting.rowsRequested) }
        let metadata = StateMetadata(state: state, accounting: accounting, commonDates: common, requested: requested)

        steps.append("validate the state")
        let validation = StateValidator.validate(state, metadata: metadata)
        if !validation.isValid {
            throw .invalidState(file: outputDirectory + "/" + RunDirectory.File.state, errors: validation.errors)
        }

        steps.append("write artifacts to \(outputDirectory)")
        let statePath = outputDirectory + "/" + RunDirectory.File.state
        let metaPath = outputDirectory + "/" + RunDirectory.File.stateMeta
        do {
            try FileBytes.makeDirectories(outputDirectory)
            try CSVWriter.write(state.panel, to: statePath)
            try FileBytes.writeAtomically(metadata.json().serialized(), to: metaPath)
        } catch {
            throw .writeFailed("\(error)")
        }
        FileBytes.remove(outputDirectory + "/" + RunDirectory.File.stateError)
        return StateRunResult(state: state, metadata: metadata, inputWarnings: inputReport.warnings,
                              validation: validation, statePath: statePath, metadataPath: metaPath,
                              stepper: stepper, inputFingerprint: fingerprint, commonDates: common,
                              assetNames: inputs.assetReturns.names, trendNames: inputs.trendUnitReturns?.names,
                              sleeveNames: inputs.sleeveReturns?.names)
    }
}
