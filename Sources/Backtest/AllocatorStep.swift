import Allocator
import Logging
import TimeSeries

/// What the allocator step after a backtest produced.
public enum AllocatorStepOutcome: Sendable {
    /// The allocator artifacts were written.
    case completed
    /// The computation failed or returned no valid row; the error JSON was
    /// written (`errorFile`) and the backtest artifacts are untouched.
    case failed(message: String, errorFile: String)

    public var failed: Bool {
        if case .failed = self { return true }
        return false
    }
}

/// The allocator step that follows every backtest (SPEC §6): it runs on
/// the run directory the backtest just wrote and never throws — a failure is
/// reported as ``AllocatorStepOutcome/failed(message:errorFile:)`` so the
/// run can fail soft but loud.
public enum AllocatorStep {
    /// The summary's last line when the step failed.
    public static let redFlag = "[ExecSim] 🚩 RED FLAG: Allocator state v1 computation failed or returned empty. See allocator_state_v1_error.json for details."

    /// Runs the allocator on `runDirectory`.
    public static func run(runDirectory: String, settings: AllocatorSettings, logger: Logger) -> AllocatorStepOutcome {
        let directory = RunDirectory(path: runDirectory)
        do {
            _ = try StateRun(runDirectory: directory, logger: Logger(label: "AllocatorState")).execute()
            return .completed
        } catch {
            logger.error("allocator step failed: \(error.typeName): \(error.description)")
            return .failed(message: "\(error.typeName): \(error.description)", errorFile: directory.file(RunDirectory.File.stateError))
        }
    }
}
