import Allocator
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Backtest

/// Mode `compute`: the incremental engine inside the backtest, audited by the batch pipeline.
@Suite struct ComputeModeTests {
    static let allocatorFiles = ["allocator_state_v1.csv", "allocator_regime_v1.csv", "allocator_risk_v1.csv",
                                 "allocator_risk_v1_applied.csv"]

    /// The scalars used at the rebalances equal (to 1e-12) the applied scalars
    /// that `allocator pipeline` derives afterwards from the run's own files,
    /// and the artifacts the run wrote from its engine are byte-identical to
    /// the pipeline's: the live engine and the audit agree.
    @Test func liveEngineAgreesWithTheAuditPipeline() throws {
        let scratch = try TemporaryRunDirectory(label: "compute-audit")
        let root = scratch.path
        let outcome = try BacktestRun.execute(BacktestRequest(market: TestSupport.market(assets: 12, years: 6, seed: 21),
                                                              config: .embeddedDefault(), runId: "live", runsRoot: root,
                                                              allocatorMode: .compute))
        #expect(!outcome.allocatorStep.failed)
        let audit = root + "/audit"
        let result = try AllocatorPipeline(runDirectory: RunDirectory(path: outcome.runDirectory), outputDirectory: audit).run()
        let applied = try #require(result.applied)
        let used = try CSVReader.read(path: outcome.runDirectory + "/allocator_risk_v1_applied_used.csv")
        #expect(applied.dates == used.dates)
        #expect(zip(applied.values, used.columns[0]).allSatisfy { abs($0 - $1) <= 1e-12 })
        #expect(outcome.result.scalars.map(\.applied).contains { $0 < 0.95 }, "the engine de-risked somewhere")
        for name in Self.allocatorFiles {
            #expect(try FileBytes.read(path: outcome.runDirectory + "/" + name) == FileBytes.read(path: audit + "/" + name),
                    "\(name) differs between the live engine and the audit")
        }
    }

    /// With a mapping that keeps every scalar at 1.0, `compute` is exactly the `off` run.
    @Test func unitMappingReproducesTheOffRun() throws {
        let scratch = try TemporaryRunDirectory(label: "compute-unit")
        let root = scratch.path
        let market = TestSupport.market(assets: 8, years: 5, seed: 5)
        var config = BacktestConfig.embeddedDefault()
        config.allocatorConfig.risk.mapping = RegimeScalarMapping(normal: 1, elevated: 1, stress: 1, crisis: 1)
        let compute = try BacktestRun.execute(BacktestRequest(market: market, config: config, runId: "c", runsRoot: root,
                                                              allocatorMode: .compute))
        let off = try BacktestRun.execute(BacktestRequest(market: market, config: config, runId: "o", runsRoot: root,
                                                          allocatorMode: .off))
        #expect(compute.result.weights == off.result.weights)
        #expect(compute.result.portfolioReturns == off.result.portfolioReturns)
        #expect(compute.result.equityCurve == off.result.equityCurve)
        for name in ["weights.csv", "portfolio_returns.csv", "equity_curve.csv"] {
            #expect(try FileBytes.read(path: compute.runDirectory + "/" + name) == FileBytes.read(path: off.runDirectory + "/" + name))
        }
    }
}
