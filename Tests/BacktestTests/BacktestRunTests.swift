import AllocatorTestSupport
import Testing
import TimeSeries
import Allocator
@testable import Backtest

/// End-to-end runs through ``BacktestRun``: artifacts, determinism,
/// precomputed scaling, and the fail-soft allocator step.
@Suite struct BacktestRunTests {
    static let backtestArtifacts = ["portfolio_returns.csv", "equity_curve.csv", "asset_returns.csv", "weights.csv",
                                    "meta.json", "trend_unit_returns.csv", "sleeve_returns.csv"]

    @Test(.requiresFixtures) func realFixtureReturnsProduceEveryArtifact() throws {
        let returns = Fixtures.run(Fixtures.baseline) + "/asset_returns.csv"
        let scratch = try TemporaryRunDirectory(label: "fixture")
        let root = scratch.path
        let outcome = try BacktestRun.execute(BacktestRequest(market: try MarketData.load(returnsFile: returns),
                                                              config: .embeddedDefault(), runId: "real", runsRoot: root))
        for name in Self.backtestArtifacts {
            #expect(FileBytes.exists(outcome.runDirectory + "/" + name), "\(name)")
        }
        let weights = try CSVReader.read(path: outcome.runDirectory + "/weights.csv")
        #expect(weights.names.count == 13)
        #expect(Array(try FileBytes.read(path: outcome.runDirectory + "/weights.csv").prefix(5)) == Array("date,".utf8),
                "SPEC §1 header")
        #expect(outcome.result.tradingDays.count == 1819)
        #expect(outcome.result.equityCurve.dates.first == TestSupport.date("2020-03-20"))
        #expect(!outcome.allocatorStep.failed)
        let state = try CSVReader.read(path: outcome.runDirectory + "/allocator_state_v1.csv")
        #expect(state.names == StateFeature.allCases.map(\.rawValue), "all 10 features")
        #expect(state.rowCount > 1000)
        let pipeline = try #require(outcome.allocatorStep.pipeline)
        #expect(pipeline.regimes.count == state.rowCount)
        let applied = try CSVReader.read(path: outcome.runDirectory + "/allocator_risk_v1_applied.csv")
        #expect(applied.dates == outcome.result.rebalanceDates)
        #expect(applied.names == ["risk_scalar_applied"])
        for name in ["allocator_regime_v1.csv", "allocator_regime_v1_meta.json", "allocator_risk_v1.csv",
                     "allocator_risk_v1_meta.json", "allocator_risk_v1_applied_meta.json", "allocator_state_v1_meta.json"] {
            #expect(FileBytes.exists(outcome.runDirectory + "/" + name), "\(name)")
        }
        #expect(outcome.summary.allocator?.rebalances == applied.rowCount)
        print("[backtest] real fixture: \(outcome.result.rebalanceDates.count) rebalances, state rows \(state.rowCount)")
        print(outcome.summary.text)
    }

    /// The demo's market drives the allocator into STRESS or CRISIS, and the
    /// scaled pass de-risks at some rebalances.
    @Test func demoMarketVisitsStressOrCrisisAndGetsScaled() throws {
        let synthetic = try SyntheticMarket.generate(assets: SyntheticMarket.demoAssets, years: SyntheticMarket.demoYears,
                                                     seed: SyntheticMarket.demoSeed)
        let market = MarketData(returns: synthetic.returns, source: "demo")
        let scratch = try TemporaryRunDirectory(label: "demo")
        let root = scratch.path
        let base = try BacktestRun.execute(BacktestRequest(market: market, config: .embeddedDefault(), runId: "b", runsRoot: root))
        let regimes = try #require(base.allocatorStep.pipeline).regimes.regimes
        #expect(regimes.contains(.stress) || regimes.contains(.crisis))
        let scaled = try BacktestRun.execute(BacktestRequest(market: market, config: .embeddedDefault(), runId: "s", runsRoot: root,
                                                             allocatorMode: .precomputed, precomputedRunId: "b"))
        let report = try #require(scaled.summary.allocator)
        #expect(report.scaled > 0 && report.minScalar < 0.8)
        #expect(report.topDeRisk.count == 5)
        #expect(report.topDeRisk.allSatisfy { $0.regime != nil })
        // The scaled run used exactly the baseline's applied scalars.
        let applied = try CSVReader.read(path: base.runDirectory + "/allocator_risk_v1_applied.csv")
        #expect(scaled.result.scalars.map(\.applied) == applied.columns[0])
        print(RunComparison.table(base.summary, scaled.summary))
    }

    @Test func repeatedRunsAreByteIdentical() throws {
        let market = TestSupport.market(assets: 8, years: 3, seed: 21)
        let scratchA = try TemporaryRunDirectory(label: "same-a"), scratchB = try TemporaryRunDirectory(label: "same-b")
        let rootA = scratchA.path, rootB = scratchB.path
        for root in [rootA, rootB] {
            _ = try BacktestRun.execute(BacktestRequest(market: market, config: .embeddedDefault(), runId: "x", runsRoot: root))
        }
        for name in Self.backtestArtifacts {
            let a = try FileBytes.read(path: rootA + "/x/" + name), b = try FileBytes.read(path: rootB + "/x/" + name)
            #expect(a == b, "\(name)")
        }
    }

    @Test func precomputedModeScalesByTheSourceRunAndWritesItsArtifacts() throws {
        let market = TestSupport.market(assets: 8, years: 3, seed: 21)
        let scratch = try TemporaryRunDirectory(label: "precomputed-mode")
        let root = scratch.path
        let base = try BacktestRun.execute(BacktestRequest(market: market, config: .embeddedDefault(), runId: "base", runsRoot: root))
        // A hand-made source: 0.5 from the 20th rebalance on, nothing before.
        let sourceDates = Array(base.result.rebalanceDates[20...])
        let source = Panel(dates: sourceDates, names: ["risk_scalar_applied"], columns: [sourceDates.map { _ in 0.5 }])
        try FileBytes.makeDirectories(root + "/src")
        try CSVWriter.write(source, to: root + "/src/allocator_risk_v1_applied.csv", indexHeader: "")
        var config = BacktestConfig.embeddedDefault()
        config.allocator.applyMissingScalarAs = 0.9
        let scaled = try BacktestRun.execute(BacktestRequest(market: market, config: config, runId: "scaled", runsRoot: root,
                                                             allocatorMode: .precomputed, precomputedRunId: "src"))
        let dir = scaled.runDirectory
        let raw = try CSVReader.read(path: dir + "/weights_raw.csv")
        let weightsScaled = try CSVReader.read(path: dir + "/weights_scaled.csv")
        let weights = try CSVReader.read(path: dir + "/weights.csv")
        let used = try CSVReader.read(path: dir + "/allocator_risk_v1_applied_used.csv")
        let atRebalances = try CSVReader.read(path: dir + "/allocator_scalars_at_rebalances.csv")
        #expect(weights == weightsScaled)
        #expect(used.names == ["risk_scalar_used"])
        #expect(atRebalances.names == ["risk_scalar_computed", "risk_scalar_applied"])
        let usedValues = used.columns[0], computed = atRebalances.columns[0]
        #expect(usedValues.prefix(20).allSatisfy { $0 == 0.9 })
        #expect(usedValues.dropFirst(20).allSatisfy { $0 == 0.5 })
        #expect(computed.prefix(20).allSatisfy { $0.isNaN })
        for a in 0..<raw.columnCount {
            for r in 0..<raw.rowCount {
                #expect(weights.columns[a][r] == used.columns[0][r] * raw.columns[a][r])
            }
        }
        // The raw weights are the baseline's: scaling does not feed back into the strategy.
        #expect(raw == base.result.weights)
        #expect(try CSVReader.read(path: dir + "/allocator_risk_v1_applied_source.csv") == source)
        let meta = try JSONParser.parse(try FileBytes.read(path: dir + "/allocator_precomputed_meta.json"))
        guard case .object(let pairs) = meta else { Issue.record("meta not an object"); return }
        #expect(pairs.map(\.0) == ["mode", "source_run_id", "source_filename", "n_rebalances", "n_scaled", "pct_scaled",
                                   "mean_scalar", "min_scalar", "max_scalar", "generated_at"])
        #expect(meta["n_scaled"] == .int(raw.rowCount))
        #expect(meta["source_run_id"] == .string("src"))
        let runMeta = try JSONParser.parse(try FileBytes.read(path: dir + "/meta.json"))
        #expect(runMeta["allocator_mode"] == .string("precomputed"))
        // A later run in mode off removes the scaled-mode artifacts of the same run id.
        _ = try BacktestRun.execute(BacktestRequest(market: market, config: .embeddedDefault(), runId: "scaled", runsRoot: root))
        #expect(!FileBytes.exists(dir + "/weights_raw.csv"))
        #expect(!FileBytes.exists(dir + "/allocator_precomputed_meta.json"))
    }

    /// A window too short for the 60-row state windows: backtest artifacts
    /// stay, the error JSON is written, the summary ends with the red flag.
    @Test func shortWindowTakesTheRedFlagPath() throws {
        let market = TestSupport.market(assets: 8, years: 2, seed: 2)
        let dates = market.returns.dates
        let scratch = try TemporaryRunDirectory(label: "red-flag")
        let root = scratch.path
        let outcome = try BacktestRun.execute(BacktestRequest(market: market, start: dates[300], end: dates[340],
                                                              config: .embeddedDefault(), runId: "short", runsRoot: root))
        #expect(outcome.allocatorStep.failed)
        for name in Self.backtestArtifacts {
            #expect(FileBytes.exists(outcome.runDirectory + "/" + name), "\(name)")
        }
        let errorFile = outcome.runDirectory + "/allocator_state_v1_error.json"
        #expect(FileBytes.exists(errorFile))
        let error = try JSONParser.parse(try FileBytes.read(path: errorFile))
        #expect(error["error"] != nil && error["inputs_present"] != nil)
        let lines = outcome.summary.text.split(separator: "\n")
        #expect(lines.last.map(String.init) == AllocatorStep.redFlag)
        #expect(lines.filter { $0.contains("RED FLAG") }.count == 1)
    }

    /// A rerun under the same id whose allocator step fails leaves none of the
    /// earlier run's allocator artifacts: they describe other inputs, and a
    /// precomputed run from this one must refuse, not scale by them.
    @Test func aFailedAllocatorStepLeavesNoEarlierArtifacts() throws {
        let market = TestSupport.market(assets: 8, years: 2, seed: 2)
        let dates = market.returns.dates
        let scratch = try TemporaryRunDirectory(label: "rerun-red-flag")
        let first = try BacktestRun.execute(BacktestRequest(market: market, config: .embeddedDefault(), runId: "same",
                                                            runsRoot: scratch.path))
        #expect(!first.allocatorStep.failed && FileBytes.exists(first.runDirectory + "/allocator_risk_v1_applied.csv"))
        let second = try BacktestRun.execute(BacktestRequest(market: market, start: dates[300], end: dates[340],
                                                             config: .embeddedDefault(), runId: "same", runsRoot: scratch.path))
        #expect(second.allocatorStep.failed)
        let run = RunDirectory(path: second.runDirectory)
        for name in [RunDirectory.File.state, RunDirectory.File.regime, RunDirectory.File.risk, RunDirectory.File.applied,
                     RunDirectory.File.snapshot] {
            #expect(!run.contains(name), "\(name) of the earlier run removed")
        }
        #expect(try run.verifyGeneration() != nil, "the sealed set is what is on disk")
        #expect(throws: BacktestError.self) {
            try PrecomputedScalars(runDirectory: second.runDirectory, runId: "same", missingScalar: 1.0, sleeves: nil)
        }
    }

    /// A run too short to define a Sharpe ratio or a final equity says `n/a`, as it does for CAGR, not `nan`.
    @Test func undefinedSummaryNumbersReadNotAvailable() {
        #expect(RunSummary.number(.nan, 2) == "n/a" && RunSummary.percent(.nan) == "n/a")
        #expect(RunSummary.number(1.23456, 4) == "1.2346")
    }

    @Test func defaultRunIdComesFromProfileAndWindow() throws {
        let market = TestSupport.market(assets: 4, years: 2, seed: 2)
        let scratch = try TemporaryRunDirectory(label: "run-id")
        let root = scratch.path
        let outcome = try BacktestRun.execute(BacktestRequest(market: market, start: TestSupport.date("2000-06-01"),
                                                              end: TestSupport.date("2001-06-29"), config: .embeddedDefault(),
                                                              profileName: "trend_only", runsRoot: root))
        #expect(outcome.runId == "trend_only_20000601_20010629")
        #expect(outcome.result.sleeveReturns.names == ["tsmom_multihorizon"])
        let meta = try JSONParser.parse(try FileBytes.read(path: outcome.runDirectory + "/meta.json"))
        guard case .object(let pairs) = meta else { Issue.record("meta not an object"); return }
        #expect(Array(pairs.map(\.0).prefix(10)) == ["run_id", "start_date", "end_date", "profile", "universe", "rebalance",
                                                     "slippage_bps", "n_rebalances", "n_trading_days", "allocator_mode"])
        #expect(meta["start_date"] == .string("2000-06-01"))
        #expect(throws: BacktestError.self) {
            try BacktestRun.execute(BacktestRequest(market: market, config: .embeddedDefault(), runId: "../escape", runsRoot: root))
        }
    }
}
