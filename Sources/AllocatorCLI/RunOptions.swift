import ArgumentParser

/// How a command names the run directory it works on.
///
/// `--run-dir DIR` names it directly; otherwise `--run-id ID` (also spelled
/// `--run_id`) names `<runs-root>/<ID>`.
struct RunLocationOptions: ParsableArguments {
    static let defaultRunsRoot = "reports/runs"

    @Option(name: .customLong("run-dir"), help: ArgumentHelp("The run directory.", valueName: "dir"))
    var runDir: String?

    @Option(name: [.customLong("run-id"), .customLong("run_id")],
            help: ArgumentHelp("Run id: the directory <runs-root>/<id>.", valueName: "id"))
    var runId: String?

    @Option(name: .customLong("runs-root"), help: ArgumentHelp("Folder holding run directories.", valueName: "dir"))
    var runsRoot: String = RunLocationOptions.defaultRunsRoot

    func validate() throws {
        if let problem = LiveRunSettings.locationProblem(runDir: runDir, runId: runId) { throw ValidationError(problem) }
    }

    /// The run directory this command reads.
    var resolvedRunDirectory: String {
        LiveRunSettings.runDirectory(runDir: runDir, runId: runId, runsRoot: runsRoot)
    }
}

/// A run directory and where the command writes its artifacts (`--output-dir`, default the run directory).
struct RunOptions: ParsableArguments {
    @OptionGroup var location: RunLocationOptions

    @Option(name: .customLong("output-dir"),
            help: ArgumentHelp("Where artifacts are written (default: the run directory).", valueName: "dir"))
    var outputDir: String?

    /// The run directory this command reads.
    var resolvedRunDirectory: String { location.resolvedRunDirectory }

    /// Where artifacts go.
    var resolvedOutputDirectory: String { outputDir ?? resolvedRunDirectory }
}
