import ArgumentParser

/// How a command names the run directory it works on.
///
/// `--run-dir DIR` names it directly; otherwise `--run-id ID` (also spelled
/// `--run_id`) names `<runs-root>/<ID>`.
struct RunOptions: ParsableArguments {
    @Option(name: .customLong("run-dir"), help: ArgumentHelp("The run directory to read.", valueName: "dir"))
    var runDir: String?

    @Option(name: [.customLong("run-id"), .customLong("run_id")],
            help: ArgumentHelp("Run id: the directory <runs-root>/<id>.", valueName: "id"))
    var runId: String?

    @Option(name: .customLong("runs-root"), help: ArgumentHelp("Folder holding run directories.", valueName: "dir"))
    var runsRoot: String = "reports/runs"

    @Option(name: .customLong("output-dir"),
            help: ArgumentHelp("Where artifacts are written (default: the run directory).", valueName: "dir"))
    var outputDir: String?

    func validate() throws {
        if runDir == nil && runId == nil {
            throw ValidationError("Name a run with --run-dir DIR or --run-id ID.")
        }
        if runDir != nil && runId != nil {
            throw ValidationError("Give either --run-dir or --run-id, not both.")
        }
    }

    /// The run directory this command reads.
    var resolvedRunDirectory: String {
        if let runDir { return runDir }
        return runsRoot + "/" + (runId ?? "")
    }

    /// Where artifacts go.
    var resolvedOutputDirectory: String { outputDir ?? resolvedRunDirectory }
}
