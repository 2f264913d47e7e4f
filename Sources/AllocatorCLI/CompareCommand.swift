import ArgumentParser
import Allocator
import Audit

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a baseline run with its allocator-scaled rerun: two_pass_comparison.{json,md} and the scorecard.",
        discussion: """
        Reads each run's equity_curve.csv (E, daily; r = E.pct_change()), the scaled run's \
        allocator_risk_v1_applied_used.csv and the first scalar metadata file, and writes into \
        the scaled run the reference's two_pass_comparison.json and .md, key for key (SPEC §9):
          cagr = (E_last/E_first)^(365.25/calendar days) − 1
          ann_vol = std(r, ddof 0)·√252, sharpe = mean(r)·252 / ann_vol
          max_drawdown = min(E/cummax(E) − 1); worst month / quarter of compounded r
          scalars: pct_scaled = fraction of used scalars < 0.999999, p05/p50/p95 linear
        then this project's additions: regime shares, transitions and thrash; the 10 deepest \
        de-risk events (consecutive rebalances with used scalar < 0.70) with the regime that \
        decided them; and the Stage 6.5 scorecard (drawdown protection, return cost, stability, \
        stress detection: PASS / CAUTION / FAIL, thresholds in an `audit:` block of --config).

        Both runs must cover the same dates. A scaled run without used scalars is reported with \
        "available": false, as the reference does.

        Examples:
          allocator compare --baseline reports/runs/base --scaled reports/runs/scaled
          allocator compare --baseline-run-id base --scaled-run-id scaled \\
              --stress-window 2022-01-01:2022-09-30
        """
    )

    @Option(help: ArgumentHelp("The baseline run directory (allocator mode off).", valueName: "dir"))
    var baseline: String?

    @Option(help: ArgumentHelp("The scaled run directory (its rerun with scalars applied).", valueName: "dir"))
    var scaled: String?

    @Option(name: [.customLong("baseline-run-id"), .customLong("baseline_run_id")],
            help: ArgumentHelp("Baseline run id under --runs-root.", valueName: "id"))
    var baselineRunId: String?

    @Option(name: [.customLong("scaled-run-id"), .customLong("scaled_run_id")],
            help: ArgumentHelp("Scaled run id under --runs-root.", valueName: "id"))
    var scaledRunId: String?

    @Option(name: .customLong("runs-root"), help: ArgumentHelp("Folder holding run directories.", valueName: "dir"))
    var runsRoot: String = "reports/runs"

    @Option(help: ArgumentHelp("YAML file whose `audit:` block overrides scorecard thresholds.", valueName: "file"))
    var config: String?

    @OptionGroup var audit: AuditOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var lock: LockOptions

    func validate() throws {
        if (baseline == nil) == (baselineRunId == nil) {
            throw ValidationError("Name the baseline with exactly one of --baseline DIR or --baseline-run-id ID.")
        }
        if (scaled == nil) == (scaledRunId == nil) {
            throw ValidationError("Name the scaled run with exactly one of --scaled DIR or --scaled-run-id ID.")
        }
    }

    func run() throws {
        ConsoleLogHandler.bootstrap(quiet: output.quiet)
        let baselineRun = RunDirectory(path: baseline ?? runsRoot + "/" + baselineRunId!)
        let scaledRun = RunDirectory(path: scaled ?? runsRoot + "/" + scaledRunId!)
        let held: (RunLock, RunLock?)
        do {
            let writer = try lock.writer(scaledRun)
            try scaledRun.verifyGeneration()
            held = (writer, baselineRun.path == scaledRun.path ? nil : try readerLock(baselineRun, timeout: lock.lockTimeout))
        } catch { throw fail(error) }
        defer { held.0.release(); held.1?.release() }
        do {
            let result = try TwoPassAudit.compare(baseline: baselineRun, scaled: scaledRun, windowFlags: try audit.windows(),
                                                  thresholds: try AuditOptions.thresholds(configPath: config))
            let written = try AuditReportWriter.write(result, into: scaledRun)
            if !output.quiet { printAuditSummary(result, written: written) }
        } catch {
            throw fail(error)
        }
    }
}
