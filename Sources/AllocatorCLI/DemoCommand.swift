import ArgumentParser
import Audit
import Backtest
import Logging

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The whole loop on a built-in market: synthetic data → baseline run → allocator-scaled run → comparison.",
        discussion: """
        No arguments and no input files. The demo
          1. generates the synthetic market (\(SyntheticDefaults.assets) assets, \(SyntheticDefaults.years) years, seed \(SyntheticDefaults.seed)),
          2. backtests it with the default profile, allocator mode off, into
             reports/runs/\(DemoCommand.baselineRunId) (every backtest and allocator artifact,
             including allocator_risk_v1_applied.csv),
          3. backtests it again in mode precomputed, scaling each rebalance by the
             baseline's applied scalar, into reports/runs/\(DemoCommand.scaledRunId),
          4. audits the pair: two_pass_comparison.{json,md}, the Stage 6.5
             scorecard (the market's own crisis spells are the stress windows) and
             report.html in the scaled run, and prints the report's path last.

        Then look at the artifacts, e.g.:
          allocator validate --run-id \(DemoCommand.baselineRunId)
          head reports/runs/\(DemoCommand.scaledRunId)/allocator_scalars_at_rebalances.csv
        """
    )

    static let baselineRunId = "demo_baseline"
    static let scaledRunId = "demo_scaled"

    @Option(name: .customLong("runs-root"), help: ArgumentHelp("Folder holding run directories.", valueName: "dir"))
    var runsRoot: String = "reports/runs"

    @OptionGroup var output: OutputOptions

    func run() throws {
        ConsoleLogHandler.bootstrap(quiet: output.quiet)
        let logger = Logger(label: "Demo")
        do {
            let market = try SyntheticDefaults.market().market
            logger.info("synthetic market: \(market.assetNames.count) assets × \(market.returns.rowCount) days")
            let request = BacktestRequest(market: market, config: BacktestConfig.embeddedDefault(), runId: Self.baselineRunId,
                                          runsRoot: runsRoot)
            let result = try TwoPassBacktest.run(request, scaledRunId: Self.scaledRunId,
                                                 progress: { TerminalProgress(label: $0).callback })
            print(result.baseline.summary.text)
            print("")
            print(result.scaled.summary.text)
            print("")
            print("Baseline vs allocator-scaled (same market, same strategy):")
            print(RunComparison.table(result.baseline.summary, result.scaled.summary))
            print("")
            printAuditSummary(result.audit, written: result.written)
            if result.baseline.allocatorStep.failed || result.scaled.allocatorStep.failed { print(AllocatorStep.redFlag) }
            print("""

            Run directories: \(result.baseline.runDirectory)  \(result.scaled.runDirectory)
            Next: allocator audit --run-dir \(result.baseline.runDirectory)      (overlay audit of any run's weights)
                  allocator risk --run-dir \(result.baseline.runDirectory) --profile H --output-dir /tmp/demo-profile-h
                  allocator backtest --synthetic --allocator-mode compute --run-id demo_live --runs-root \(runsRoot)
            """)
            print("Open the audit report: \(result.reportPath)")
        } catch let error as BacktestError {
            throw fail(error)
        } catch let error as AuditError {
            throw fail(error)
        }
    }
}
