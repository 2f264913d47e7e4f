import ArgumentParser

struct AllocatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocator",
        abstract: "Measure a futures portfolio's risk state, classify its regime and scale its weights.",
        discussion: """
        A run directory (reports/runs/<run_id>/ by default) holds a backtest's daily \
        portfolio_returns.csv, equity_curve.csv and asset_returns.csv, optionally \
        trend_unit_returns.csv, sleeve_returns.csv and weights.csv. The allocator measures the \
        portfolio's risk state (10 features), classifies a regime (NORMAL, ELEVATED, STRESS, \
        CRISIS), smooths it into a risk scalar and lags it onto the rebalances.

        Start here:
          allocator demo                      the whole loop on a built-in market
          allocator pipeline --run-dir DIR    every allocator artifact of a run
          allocator update --run-dir DIR      after the run's inputs grew by a day
          allocator backtest --returns FILE   ExecSim on your data, then the allocator
        """,
        version: "1.0.0",
        subcommands: [StateCommand.self, RegimeCommand.self, RiskCommand.self, PipelineCommand.self, UpdateCommand.self,
                      ValidateCommand.self, BacktestCommand.self, SynthCommand.self, DemoCommand.self,
                      CompareCommand.self, AuditCommand.self, CalibrateCommand.self]
    )
}
