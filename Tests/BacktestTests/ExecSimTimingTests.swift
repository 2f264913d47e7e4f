import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Backtest

/// SPEC §6 timing: recomputed independently from the written artifacts, and
/// no look-ahead under perturbation or truncation of later data.
@Suite struct ExecSimTimingTests {
    /// Recomputes `portfolio_returns.csv` and `equity_curve.csv` from
    /// `weights.csv`, `asset_returns.csv` and the slippage in `meta.json` alone.
    @Test func portfolioReturnsAndEquityFollowFromWeightsAndAssetReturns() throws {
        let scratch = try TemporaryRunDirectory(label: "recompute")
        let root = scratch.path
        let outcome = try BacktestRun.execute(BacktestRequest(market: TestSupport.market(), config: .embeddedDefault(),
                                                              runId: "r", runsRoot: root))
        let dir = outcome.runDirectory
        let weights = try CSVReader.read(path: dir + "/weights.csv")
        let assets = try CSVReader.read(path: dir + "/asset_returns.csv")
        let portfolio = try CSVReader.read(path: dir + "/portfolio_returns.csv")
        let equity = try CSVReader.read(path: dir + "/equity_curve.csv")
        let meta = try JSONParser.parse(try FileBytes.read(path: dir + "/meta.json"))
        guard case .double(let bps)? = meta["slippage_bps"] else { Issue.record("no slippage_bps"); return }
        #expect(weights.names == assets.names)
        #expect(weights.rowCount > 50)

        var held = [Double](repeating: 0, count: assets.columnCount)
        var pendingCost = 0.0
        var expectedReturns: [Double] = []
        var nextRebalance = 0
        for d in 0..<assets.rowCount {
            var r = 0.0
            for a in 0..<assets.columnCount where !assets.columns[a][d].isNaN { r += held[a] * assets.columns[a][d] }
            r -= pendingCost
            pendingCost = 0
            expectedReturns.append(r)
            if nextRebalance < weights.rowCount && weights.dates[nextRebalance] == assets.dates[d] {
                var turnover = 0.0
                for a in 0..<assets.columnCount {
                    let w = weights.columns[a][nextRebalance]
                    turnover += abs(w - held[a])
                    held[a] = w
                }
                pendingCost = bps * 1e-4 * turnover
                nextRebalance += 1
            }
        }
        #expect(nextRebalance == weights.rowCount, "every rebalance date is a trading day")
        #expect(portfolio.dates == assets.dates)
        let maxReturnDiff = zip(expectedReturns, portfolio.columns[0]).map { abs($0 - $1) }.max()!
        #expect(maxReturnDiff < 1e-15)

        // Equity: 1.0 on the first rebalance date, compounded after.
        #expect(equity.dates.first == weights.dates.first)
        let offset = assets.dates.firstIndex(of: equity.dates[0])!
        var e = 1.0
        for k in 0..<equity.rowCount {
            if k > 0 { e *= 1 + portfolio.columns[0][offset + k] }
            #expect(abs(e - equity.columns[0][k]) < 1e-12)
        }
        // Flat before (and on) the first rebalance date.
        #expect(portfolio.columns[0][...offset].allSatisfy { $0 == 0 })
    }

    /// Weights decided at rebalance t and returns up to t do not change when
    /// every value after t is perturbed or removed.
    @Test(arguments: [0.25, 0.5, 0.8])
    func perturbingLaterDataChangesNothingUpToTheCut(fraction: Double) throws {
        let market = TestSupport.market(assets: 9, years: 4, seed: 5)
        let base = try TestSupport.simulate(market)
        let cut = base.rebalanceDates[Int(Double(base.rebalanceDates.count) * fraction)]
        let cutRow = market.returns.dates.firstIndex(of: cut)!

        var perturbed = market
        var rng = RandomSource(seed: 99)
        for a in 0..<perturbed.returns.columnCount {
            for r in (cutRow + 1)..<perturbed.returns.rowCount {
                let u = rng.uniform()
                perturbed.returns.columns[a][r] = u < 0.1 ? .nan : (rng.normal() * 0.05)
            }
        }
        let changed = try TestSupport.simulate(perturbed)
        let truncated = try TestSupport.simulate(market, end: cut)
        for other in [changed, truncated] {
            try expectSameHistory(base, other, through: cut)
        }
        // The perturbation does change what comes after.
        #expect(!TestSupport.identical(base.portfolioReturns.columns[0][...], changed.portfolioReturns.columns[0][...]))
    }

    /// The precomputed scaler only sees its source up to each rebalance.
    @Test func precomputedScalingHasNoLookAhead() throws {
        let market = TestSupport.market(assets: 8, years: 3, seed: 3)
        let dates = market.returns.dates
        let scalars = dates.indices.map { 0.4 + 0.6 * Double(($0 * 37) % 100) / 100 }
        let cutRow = dates.count / 2
        var later = scalars
        for r in (cutRow + 1)..<later.count { later[r] = 0.25 }
        func run(_ values: [Double]) throws -> BacktestResult {
            var scaler = PrecomputedScalars(sourceRunId: "src", source: Panel(dates: dates, names: ["risk_scalar_applied"], columns: [values]),
                                            missingScalar: 1.0)
            return try ExecSim(profile: TestSupport.defaultProfile()).run(market: market, start: nil, end: nil, scaler: &scaler)
        }
        let a = try run(scalars), b = try run(later)
        try expectSameHistory(a, b, through: dates[cutRow])
        let k = a.rebalanceDates.lastIndex { $0 <= dates[cutRow] }!
        #expect(a.scalars[k].applied == scalars[dates.firstIndex(of: a.rebalanceDates[k])!])
    }

    /// Every artifact series agrees bitwise up to and including `cut`.
    func expectSameHistory(_ a: BacktestResult, _ b: BacktestResult, through cut: TradingDate) throws {
        let rebalances = a.rebalanceDates.filter { $0 <= cut }.count
        #expect(rebalances > 0)
        #expect(Array(b.rebalanceDates.prefix(rebalances)) == Array(a.rebalanceDates.prefix(rebalances)))
        for c in 0..<a.weights.columnCount {
            #expect(TestSupport.identical(a.weights.columns[c][..<rebalances], b.weights.columns[c][..<rebalances]))
        }
        let days = a.tradingDays.filter { $0 <= cut }.count
        #expect(TestSupport.identical(a.portfolioReturns.columns[0][..<days], b.portfolioReturns.columns[0][..<days]))
        let equityDays = a.equityCurve.dates.filter { $0 <= cut }.count
        #expect(TestSupport.identical(a.equityCurve.columns[0][..<equityDays], b.equityCurve.columns[0][..<equityDays]))
        for (x, y) in zip(a.sleeveReturns.columns, b.sleeveReturns.columns) {
            #expect(TestSupport.identical(x[..<days], y[..<days]))
        }
        for (x, y) in zip(a.trendUnitReturns!.columns, b.trendUnitReturns!.columns) {
            #expect(TestSupport.identical(x[..<days], y[..<days]))
        }
    }

    /// Hand-checked numbers: one asset, daily rebalancing, known weights.
    @Test func slippageIsChargedOnTheDayAfterEachRebalance() throws {
        let dates = (0..<6).map { TestSupport.date("2024-01-01").adding(days: $0) }
        let market = MarketData(returns: Panel(dates: dates, names: ["A"], columns: [[0.01, 0.02, .nan, -0.01, 0.03, 0.01]]),
                                source: "literal")
        let profile = StrategyProfile(
            name: "fixed", description: "", rebalance: .daily, slippageBps: 10, warmupDays: 2,
            sleeves: [SleeveAllocation(weight: 1, sleeve: FixedSleeve(weights: [0.5]))],
            volTarget: PortfolioVolTarget(volTarget: 1e9, leverageCap: 1.0, lookback: 2))
        var scaler = UnscaledRebalances()
        let result = try ExecSim(profile: profile).run(market: market, start: nil, end: nil, scaler: &scaler)
        // First rebalance on day 1 (warm-up 2 rows); leverage cap makes w = 1.0.
        #expect(result.rebalanceDates.first == dates[1])
        #expect(result.weights.columns[0].allSatisfy { $0 == 1.0 })
        let r = result.portfolioReturns.columns[0]
        #expect(r[0] == 0 && r[1] == 0)
        // Day 2: asset missing → 0, minus 10 bps · |1 − 0|.
        #expect(abs(r[2] - (-0.001)) < 1e-15)
        #expect(r[3] == -0.01 && r[4] == 0.03 && r[5] == 0.01)
        #expect(result.equityCurve.columns[0].first == 1.0)
        #expect(abs(result.equityCurve.columns[0].last! - 0.999 * 0.99 * 1.03 * 1.01) < 1e-15)
    }
}

/// A sleeve with constant weights (for hand-checked timing tests).
struct FixedSleeve: Sleeve {
    var weights: [Double]
    var name: String { "fixed" }
    func targetWeights(at t: Int, statistics: TrailingStatistics, into out: inout [Double]) {
        for a in weights.indices { out[a] = weights[a] }
    }
}

/// A `compute`-mode scaler plugged in through ``BacktestRun``: it sees the
/// history through each rebalance date only, and its scalars are applied.
@Suite struct ComputeScalerSeamTests {
    final class Recorder: @unchecked Sendable {
        var visibleDays: [Int] = []
        var lastEquity: [Double] = []
    }

    struct HalvingScaler: RebalanceScaler {
        let recorder: Recorder
        var mode: AllocatorSettings.Mode { .compute }
        mutating func scalar(at rebalanceIndex: Int, history: SimulationHistory) -> RebalanceScalar {
            recorder.visibleDays.append(history.dayCount)
            recorder.lastEquity.append(history.equity(history.dayCount - 1))
            let s = rebalanceIndex % 2 == 0 ? 1.0 : 0.5
            return RebalanceScalar(computed: s, applied: s)
        }
    }

    @Test func computeModeUsesThePluggedScaler() throws {
        let recorder = Recorder()
        let scratch = try TemporaryRunDirectory(label: "compute")
        let root = scratch.path
        let outcome = try BacktestRun.execute(
            BacktestRequest(market: TestSupport.market(assets: 6, years: 3), config: .embeddedDefault(), runId: "c", runsRoot: root,
                            allocatorMode: .compute),
            computeScaler: { _, _, _ in HalvingScaler(recorder: recorder) })
        let result = outcome.result
        #expect(result.allocatorMode == .compute)
        #expect(recorder.visibleDays == result.rebalanceDates.map { d in result.tradingDays.firstIndex(of: d)! + 1 })
        #expect(recorder.lastEquity.first == 1.0)
        #expect(result.scalars.enumerated().allSatisfy { $0.element.applied == ($0.offset % 2 == 0 ? 1.0 : 0.5) })
        #expect(FileBytes.exists(outcome.runDirectory + "/weights_raw.csv"))
        #expect(!FileBytes.exists(outcome.runDirectory + "/allocator_precomputed_meta.json"))
    }

    /// The built-in compute scaler (incremental engine inside the run) gives
    /// exactly the applied scalars that the batch pipeline computes afterwards
    /// from the same run's artifacts: same lag, no circularity.
    @Test func incrementalEngineScalarsEqualTheBatchPipelineOnTheSameRun() throws {
        let scratch = try TemporaryRunDirectory(label: "compute-engine")
        let root = scratch.path
        let market = TestSupport.market(assets: 10, years: 6, seed: 8)
        let outcome = try BacktestRun.execute(BacktestRequest(market: market, config: .embeddedDefault(), runId: "live",
                                                              runsRoot: root, allocatorMode: .compute))
        let batch = try #require(outcome.allocatorStep.pipeline?.applied)
        let used = outcome.result.scalars.map(\.applied)
        #expect(batch.dates == outcome.result.rebalanceDates)
        #expect(batch.values == used)
        #expect(used.contains { $0 < 0.9 }, "the engine de-risked somewhere")
        let base = try BacktestRun.execute(BacktestRequest(market: market, config: .embeddedDefault(), runId: "base", runsRoot: root))
        #expect(outcome.result.weightsRaw == base.result.weights, "raw weights do not depend on the scalars")
    }
}

@Suite struct AllocatorReportTests {
    @Test func topDeRiskDatesAreTheLowestScalarsWithTheirRegime() {
        let dates = (0..<8).map { TestSupport.date("2024-01-05").adding(days: 7 * $0) }
        let scalars = [1.0, 0.9, 0.4, 0.4, .nan, 0.7, 0.95, 0.5]
        let regimeDates = [TestSupport.date("2024-01-01"), TestSupport.date("2024-01-20"), TestSupport.date("2024-02-10")]
        let report = AllocatorReport(mode: .precomputed, scalarSource: "test", dates: dates, scalars: scalars,
                                     regimes: (regimeDates, ["NORMAL", "STRESS", "ELEVATED"]))
        #expect(report.rebalances == 8 && report.scaled == 6)
        #expect(report.minScalar == 0.4 && report.maxScalar == 1.0)
        #expect(abs(report.meanScalar - (1.0 + 0.9 + 0.4 + 0.4 + 0.7 + 0.95 + 0.5) / 7) < 1e-15)
        #expect(report.topDeRisk.map(\.date) == [dates[2], dates[3], dates[7], dates[5], dates[1]])
        // Regime when each scalar was decided: at the previous rebalance (1-rebalance lag).
        #expect(report.topDeRisk.map(\.decidedOn) == [dates[1], dates[2], dates[6], dates[4], dates[0]])
        #expect(report.topDeRisk.map(\.regime) == ["NORMAL", "NORMAL", "ELEVATED", "STRESS", "NORMAL"])
    }
}
