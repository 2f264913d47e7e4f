import Allocator

/// What a live-use command (`state`, `pipeline`, `update`) works with, as
/// plain values: built from its parsed options, or by ``DirectInvocation``
/// without ArgumentParser at all. Building ArgumentParser's option groups
/// instantiates the generic metadata of every `@Option` and checks its value
/// type's conformances, each a scan of the binary's conformance records: about
/// a tenth of a one-day `allocator update` on the baseline fixture (perf).
struct LiveRunSettings: Equatable {
    /// The run directory read.
    var runDirectory: String
    /// Where artifacts are written (`--output-dir`, default the run directory).
    var outputDirectory: String
    var quiet: Bool
    /// `--lock-timeout`, seconds.
    var lockTimeout: Double
    /// `--config` (pipeline and update); `nil` = the built-in defaults.
    var configPath: String?
    /// The risk flags (pipeline and update), each overriding the config file.
    var risk = RiskSettings()

    /// The run named by `--run-dir` or `<runs-root>/<run-id>`.
    static func runDirectory(runDir: String?, runId: String?, runsRoot: String) -> String {
        runDir ?? (runsRoot + "/" + (runId ?? ""))
    }

    /// Why `--run-dir`/`--run-id` do not name one run, `nil` when they do.
    static func locationProblem(runDir: String?, runId: String?) -> String? {
        if runDir == nil && runId == nil { return "Name a run with --run-dir DIR or --run-id ID." }
        if runDir != nil && runId != nil { return "Give either --run-dir or --run-id, not both." }
        return nil
    }

    /// Why `--lock-timeout` is unusable, `nil` when it is a number of seconds ≥ 0.
    static func lockTimeoutProblem(_ seconds: Double) -> String? {
        !seconds.isFinite || seconds < 0 ? "--lock-timeout must be a number of seconds ≥ 0." : nil
    }

    /// The exclusive lock of the directory the command writes; `nil` when that
    /// is the run directory itself and it does not exist (the command fails on
    /// its missing inputs, and a mistyped run is not created just to be locked).
    static func writerLock(outputDirectory: String, runDirectory: String, timeout: Double) throws(AllocatorError) -> RunLock? {
        let output = RunDirectory(path: outputDirectory)
        if output.path == RunDirectory(path: runDirectory).path && !output.exists { return nil }
        return try RunLock.exclusive(output, timeout: timeout)
    }

    func writerLock() throws(AllocatorError) -> RunLock? {
        try Self.writerLock(outputDirectory: outputDirectory, runDirectory: runDirectory, timeout: lockTimeout)
    }

    /// The whole allocator on this run: the config file first, then the risk
    /// flags; the state's progress line on a terminal (``stateProgress``).
    func pipeline() throws(AllocatorError) -> AllocatorPipeline {
        var pipeline = try AllocatorPipeline(runDirectory: RunDirectory(path: runDirectory), outputDirectory: outputDirectory,
                                             config: try Self.config(at: configPath).overridingRisk(risk))
        pipeline.progress = stateProgress
        return pipeline
    }

    /// The state computation's progress line (its correlation blocks), drawn
    /// on a terminal for work still going after half a second; none when quiet.
    var stateProgress: StateProgress? {
        quiet ? nil : TerminalProgress(label: "state", unit: "correlation blocks").callback
    }

    /// The config file at `path` (sections `otherSections` allowed besides the
    /// allocator's), the built-in defaults when `nil`.
    static func config(at path: String?, otherSections: Set<String> = []) throws(AllocatorError) -> AllocatorConfig {
        guard let path else { return AllocatorConfig() }
        return try AllocatorConfig.load(path: path, otherSections: otherSections)
    }
}
