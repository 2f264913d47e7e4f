import ArgumentParser
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
          4. prints both run summaries and a side-by-side table.

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
            let config = BacktestConfig.embeddedDefault()
            let baseline = try BacktestRun.execute(
                BacktestRequest(market: market, config: config, runId: Self.baselineRunId, runsRoot: runsRoot, allocatorMode: .off),
                progress: TerminalProgress(label: "ExecSim baseline").callback)
            let scaled = try BacktestRun.execute(
                BacktestRequest(market: market, config: config, runId: Self.scaledRunId, runsRoot: runsRoot,
                                allocatorMode: .precomputed, precomputedRunId: Self.baselineRunId),
                progress: TerminalProgress(label: "ExecSim scaled").callback)
            print(baseline.summary.text)
            print("")
            print(scaled.summary.text)
            print("")
            print("Baseline vs allocator-scaled (same market, same strategy):")
            print(RunComparison.table(baseline.summary, scaled.summary))
            print("")
            print("""
            Run directories: \(baseline.runDirectory)  \(scaled.runDirectory)
            Next: allocator validate --run-dir \(baseline.runDirectory)
                  allocator risk --run-dir \(baseline.runDirectory) --profile H --output-dir /tmp/demo-profile-h
                  allocator backtest --synthetic --allocator-mode compute --run-id demo_live --runs-root \(runsRoot)
            """)
            if baseline.allocatorStep.failed || scaled.allocatorStep.failed { print(AllocatorStep.redFlag) }
        } catch {
            throw fail(error)
        }
    }
}
