import ArgumentParser
import Audit
import Backtest
import Logging

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest the built-in futures strategy and run the allocator on the result.",
        discussion: """
        ExecSim reads a market (daily returns or closes, or the synthetic market), rebalances \
        on the profile's calendar (W-FRI, M or D) with no look-ahead — weights decided at the \
        close of a rebalance date use data up to that date and earn from the next trading day — \
        and writes a run directory <runs-root>/<run-id>:

          portfolio_returns.csv  equity_curve.csv  asset_returns.csv  weights.csv
          meta.json  trend_unit_returns.csv  sleeve_returns.csv

        Sleeves: tsmom_multihorizon (sign of 21/63/252-day returns, vol-scaled) and csmom_meta \
        (12-1 month momentum, long top third / short bottom third), combined by the profile's \
        sleeve weights and scaled to its volatility target under a leverage cap. `--config FILE` \
        replaces the embedded configuration (profiles, the allocator_v1 block, optional regime: \
        and risk: blocks); `allocator backtest --print-config` prints it.

        The allocator pipeline (state → regime → risk → applied scalars) then runs on the run \
        directory, always. If it fails, the backtest artifacts stay, \
        allocator_state_v1_error.json is written and the summary ends with a RED FLAG line; \
        the exit code is still 0 unless --strict.

        Allocator modes (--allocator-mode, default allocator_v1.mode of the config):
          off          compute every allocator artifact, do not scale the weights
          precomputed  scale the weights at each rebalance by the applied scalar of
                       another run (--precomputed-run-id); also writes weights_raw.csv,
                       weights_scaled.csv, allocator_risk_v1_applied_source.csv,
                       allocator_risk_v1_applied_used.csv,
                       allocator_scalars_at_rebalances.csv and
                       allocator_precomputed_meta.json
          compute      the allocator's incremental engine runs inside the backtest
                       on the run's own history and scales each rebalance
                       (1-rebalance lag); writes the same files except the two
                       precomputed-source ones

        Sleeve scalars: with a `risk.sleeves` block in the config (e.g. in STRESS keep \
        tsmom_multihorizon at 0.9, cut csmom_meta to 0.5; see docs/sleeve_scalars_example.yaml), \
        modes precomputed (the source run's allocator_risk_v1_sleeve_applied.csv, required) and \
        compute (the engine's sleeve scalars) multiply each sleeve's weights, after the \
        vol-target leverage, by that sleeve's applied scalar instead of the portfolio scalar, then \
        sum them; allocator_risk_v1_sleeve_applied_used.csv records what each sleeve used.

        --two-pass runs the true two-pass audit: the baseline (mode off) as <run-id>, its \
        rerun scaled by the baseline's applied scalars (mode precomputed) as <run-id>_scaled, \
        then two_pass_comparison.{json,md}, the Stage 6.5 scorecard and report.html in the \
        scaled run (see `allocator compare --help`). For the synthetic market its own crisis \
        spells (market_spells.csv) are the stress windows the scorecard checks.

        Exit codes: 0 success, 1 bad input (or an allocator failure with --strict),
        64 usage error.

        Examples:
          allocator backtest --synthetic --seed 7
          allocator backtest --returns data/returns.csv --run-id baseline_swift
          allocator backtest --returns data/returns.csv --profile monthly \\
              --start 2021-01-01 --end 2024-12-31
          allocator backtest --returns data/returns.csv --run-id scaled \\
              --allocator-mode precomputed --precomputed-run-id baseline_swift
          allocator backtest --synthetic --allocator-mode compute --run-id live_scaled
          allocator backtest --returns data/returns.csv --run-id mine --two-pass
        """
    )

    @OptionGroup var market: MarketSourceOptions

    @Option(help: ArgumentHelp("First day of the window (YYYY-MM-DD); default: the data's first row.", valueName: "date"))
    var start: String?

    @Option(help: ArgumentHelp("Last day of the window (YYYY-MM-DD); default: the data's last row.", valueName: "date"))
    var end: String?

    @Option(help: ArgumentHelp("Strategy profile from the configuration (default: its default_profile).", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("YAML configuration replacing the embedded one.", valueName: "file"))
    var config: String?

    @Option(name: [.customLong("run-id"), .customLong("run_id")],
            help: ArgumentHelp("Run id (default: <profile>_<YYYYMMDD>_<YYYYMMDD> of the window).", valueName: "id"))
    var runId: String?

    @Option(name: .customLong("runs-root"), help: ArgumentHelp("Folder holding run directories.", valueName: "dir"))
    var runsRoot: String = "reports/runs"

    @Option(name: .customLong("allocator-mode"),
            help: ArgumentHelp("off, precomputed or compute (default: allocator_v1.mode of the configuration).", valueName: "mode"))
    var allocatorMode: String?

    @Option(name: [.customLong("precomputed-run-id"), .customLong("precomputed_run_id")],
            help: ArgumentHelp("Run whose allocator_risk_v1_applied.csv scales this run (mode precomputed).", valueName: "id"))
    var precomputedRunId: String?

    @Flag(name: .customLong("two-pass"),
          help: "Run the baseline (mode off) and its precomputed rerun, then compare, score and report.")
    var twoPass = false

    @OptionGroup var audit: AuditOptions

    @Flag(help: "Exit 1 when the allocator step fails (default: report it and exit 0).")
    var strict = false

    @Flag(name: .customLong("print-config"), help: "Print the embedded default configuration and exit.")
    var printConfig = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var lock: LockOptions

    func validate() throws {
        if printConfig { return }
        try market.requireMarket()
        if let allocatorMode, AllocatorSettings.Mode(rawValue: allocatorMode) == nil {
            throw ValidationError("--allocator-mode `\(allocatorMode)` is not a mode (expected off, precomputed or compute).")
        }
        if twoPass && (allocatorMode != nil || precomputedRunId != nil) {
            throw ValidationError("--two-pass chooses the modes itself (off, then precomputed); drop --allocator-mode / --precomputed-run-id.")
        }
    }

    func run() throws {
        if printConfig { print(DefaultConfig.yaml, terminator: ""); return }
        ConsoleLogHandler.bootstrap(quiet: output.quiet)
        var request: BacktestRequest
        do {
            request = BacktestRequest(
                market: try market.load(), start: try parseDate(start, option: "--start"), end: try parseDate(end, option: "--end"),
                config: try BacktestConfig.load(path: config), profileName: profile, runId: runId, runsRoot: runsRoot,
                allocatorMode: allocatorMode.flatMap(AllocatorSettings.Mode.init(rawValue:)), precomputedRunId: precomputedRunId)
            request.lockTimeout = lock.lockTimeout
        } catch let error as BacktestError {
            throw fail(error)
        }
        if twoPass {
            let result: TwoPassBacktest
            do {
                result = try TwoPassBacktest.run(request, windowFlags: try audit.windows(),
                                                 thresholds: try AuditOptions.thresholds(configPath: config),
                                                 progress: { TerminalProgress(label: $0).callback })
            } catch let error as BacktestError { throw fail(error) } catch let error as AuditError { throw fail(error) }
            print(result.baseline.summary.text)
            print("")
            print(result.scaled.summary.text)
            print("")
            printAuditSummary(result.audit, written: result.written)
            if strict && (result.baseline.allocatorStep.failed || result.scaled.allocatorStep.failed) { throw ExitCode(1) }
            return
        }
        let progress = TerminalProgress(label: "ExecSim")
        let outcome: BacktestRunOutcome
        do { outcome = try BacktestRun.execute(request, progress: progress.callback) } catch { throw fail(error) }
        print(outcome.summary.text)
        if strict && outcome.allocatorStep.failed { throw ExitCode(1) }
    }
}
