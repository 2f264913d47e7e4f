import ArgumentParser
import Allocator
import Logging
import TimeSeries

struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Run state → regime → risk → applied scalars for a run directory.",
        discussion: """
        The whole allocator in one go: computes allocator_state_v1 from the run's inputs (as \
        `allocator state`), classifies regimes (as `allocator regime`), smooths them into risk \
        scalars (as `allocator risk`) and, when the run has weights.csv, lags the scalars onto \
        its rebalance dates (allocator_risk_v1_applied.csv).

        Sleeve scalars (optional, SPEC §10): a `risk.sleeves` block in --config gives a sleeve \
        (a column of sleeve_returns.csv) its own regime mapping, e.g.
          risk: {sleeves: {csmom_meta: {mapping: {STRESS: 0.5}}}}
        Regimes it does not name take the portfolio mapping's value. Every sleeve of the run then gets a scalar by the portfolio's recursion \
        (mapping → EWMA α → clip [floor, max]), written to allocator_risk_v1_sleeve_scalars.csv \
        and (lagged onto the rebalances) allocator_risk_v1_sleeve_applied.csv, with their \
        _meta.json. Without the block nothing changes. See docs/sleeve_scalars_example.yaml.

        Every artifact is computed before any is written. On bad input the command exits with \
        code 1, writes allocator_state_v1_error.json when the state step failed, and leaves \
        earlier artifacts untouched.

        Examples:
          allocator pipeline --output-dir /tmp/out \\
              --run-dir ../shared/fixtures/reference-runs/baseline_20200106_20251031
          allocator pipeline --run-id my_run --profile M --config allocator.yaml
        """
    )

    @OptionGroup var options: PipelineOptions

    func run() throws { try Self.run(options.settings) }

    static func run(_ settings: LiveRunSettings) throws {
        ConsoleLogHandler.bootstrap(quiet: settings.quiet)
        let dir = RunDirectory(path: settings.runDirectory)
        let result: PipelineResult
        do {
            let lock = try settings.writerLock()
            defer { lock?.release() }
            result = try settings.pipeline().run()
        } catch {
            throw fail(error)
        }
        let validator = Logger(label: "Validator")
        for w in result.stateWarnings { validator.warning("\(w)") }
        print(PipelineSummary(result: result, runDirectory: dir.path).text)
    }
}

/// State, regime and risk summaries of a pipeline run, as printed by `pipeline` and `update`.
struct PipelineSummary {
    let result: PipelineResult
    let runDirectory: String

    var text: String {
        [StateSummary(metadata: result.metadata, runDirectory: runDirectory, written: result.written).text,
         RegimeSummary(series: result.regimes).text,
         RiskSummary(risk: result.risk, config: result.riskConfig, applied: result.applied).text].joined(separator: "\n")
    }
}
