import Allocator
@testable import Audit
import Backtest
import Testing
import TimeSeries

/// Overlay replay (SPEC §9 under §6 timing): a naive recomputation, ExecSim
/// bit for bit, the unit-scalar identity, bad inputs, and the baseline fixture.
@Suite struct OverlayReplayTests {
    static let days: [TradingDate] = (0..<30).map { TradingDate(year: 2022, month: 1, day: 3)!.adding(days: $0) }

    /// Four assets with holes; the weights name three of them, in another order.
    static func inputs() -> (weights: Panel, returns: Panel) {
        let names = ["A", "B", "C", "D"]
        let columns = names.indices.map { a in
            days.indices.map { d -> Double in
                if (d + a) % 7 == 3 { return .nan }
                return Double((d * 7 + a * 13) % 11 - 5) * 0.001 + Double(a) * 0.0001
            }
        }
        let returns = Panel(dates: days, names: names, columns: columns)
        let rebalanceRows = [3, 10, 11, 25, 29]
        let wNames = ["C", "A", "B"]
        let wColumns = wNames.indices.map { c in
            rebalanceRows.indices.map { k -> Double in
                if c == 2 && k == 1 { return .nan } // a missing weight is held at 0
                return Double((k * 5 + c * 3) % 7 - 3) * 0.1
            }
        }
        return (Panel(dates: rebalanceRows.map { days[$0] }, names: wNames, columns: wColumns), returns)
    }

    /// The definition, written plainly: weights of the latest rebalance strictly
    /// before the day, missing return = 0, cost on the first day after a rebalance
    /// (a rebalance dated between trading days counts from the next one), equity
    /// 1 on the last day on or before the first rebalance.
    static func naive(weights: Panel, returns: Panel, scalars: [Double]?, bps: Double) -> (ret: [Double], equity: [Double]) {
        func weight(_ name: String, _ k: Int) -> Double {
            guard let c = weights.names.firstIndex(of: name) else { return 0 }
            let w = weights.columns[c][k]
            return (w.isNaN ? 0 : w) * (scalars?[k] ?? 1)
        }
        var ret: [Double] = [], equity: [Double] = []
        for (d, day) in returns.dates.enumerated() {
            let k = weights.dates.lastIndex { $0 < day }
            var r = 0.0
            if let k {
                for (a, name) in returns.names.enumerated() where !returns.columns[a][d].isNaN {
                    r += weight(name, k) * returns.columns[a][d]
                }
                if returns.dates[d - 1] <= weights.dates[k] {
                    var turnover = 0.0
                    for name in returns.names { turnover += abs(weight(name, k) - (k > 0 ? weight(name, k - 1) : 0)) }
                    r -= bps * 1e-4 * turnover
                }
            }
            ret.append(r)
            let start = returns.dates.lastIndex { $0 <= weights.dates[0] }!
            if d < start { equity.append(.nan) } else if d == start { equity.append(1.0) } else {
                equity.append(equity[d - 1] * (1 + r))
            }
        }
        return (ret, equity)
    }

    @Test(arguments: [0.0, 0.5, 10.0])
    func matchesTheNaiveDefinition(bps: Double) throws {
        let (weights, returns) = Self.inputs()
        let scalars = [1.0, 0.5, 0.7, 0.3, 0.9]
        for s in [nil, scalars] {
            let replay = try OverlayReplay.replay(weights: weights, assetReturns: returns, scalars: s, slippageBps: bps)
            let expected = Self.naive(weights: weights, returns: returns, scalars: s, bps: bps)
            #expect(replay.dates == returns.dates)
            for d in returns.dates.indices {
                #expect(abs(replay.returns[d] - expected.ret[d]) <= 1e-15, "day \(d)")
                #expect(replay.equity[d].isNaN == expected.equity[d].isNaN)
                if !expected.equity[d].isNaN { #expect(abs(replay.equity[d] - expected.equity[d]) <= 1e-14) }
            }
            #expect(replay.returns[0...3].allSatisfy { $0 == 0 }) // flat through the first rebalance
            #expect(replay.equity[3] == 1.0)
            #expect(replay.equityCurve.dates.first == Self.days[3])
        }
    }

    /// Returns on every other day only: rebalances dated on the days between
    /// (a weekend, a holiday, a calendar month-end) take effect from the next
    /// returns day, as the definition says; two on one returns day are refused.
    @Test(arguments: [0.0, 10.0])
    func rebalancesBetweenReturnDays(bps: Double) throws {
        let (weights, all) = Self.inputs()
        let kept = all.dates.indices.filter { $0 % 2 == 0 }
        let returns = Panel(dates: kept.map { all.dates[$0] }, names: all.names,
                            columns: all.columns.map { column in kept.map { column[$0] } })
        // Rebalances on days 3, 10, 25 and 27 (the returns end on day 28): three of them between returns days.
        let rows = [0, 1, 3, 4]
        var spaced = Panel(dates: rows.map { weights.dates[$0] }, names: weights.names,
                           columns: weights.columns.map { column in rows.map { column[$0] } })
        spaced.dates[3] = Self.days[27]
        #expect(spaced.dates.filter { !returns.dates.contains($0) }.count == 3)
        for s in [nil, [1.0, 0.5, 0.3, 0.9]] {
            let replay = try OverlayReplay.replay(weights: spaced, assetReturns: returns, scalars: s, slippageBps: bps)
            let expected = Self.naive(weights: spaced, returns: returns, scalars: s, bps: bps)
            for d in returns.dates.indices {
                #expect(abs(replay.returns[d] - expected.ret[d]) <= 1e-15, "day \(d)")
                #expect(replay.equity[d].isNaN == expected.equity[d].isNaN, "day \(d)")
                if !expected.equity[d].isNaN { #expect(abs(replay.equity[d] - expected.equity[d]) <= 1e-14) }
            }
        }
        // Rows 10 and 11 of the full calendar: 11 falls back onto 10, the day of the rebalance before it.
        #expect(throws: AuditError.rebalancesShareATradingDay(earlier: Self.days[10], later: Self.days[11], day: Self.days[10])) {
            try OverlayReplay.replay(weights: weights, assetReturns: returns)
        }
    }

    @Test func unitScalarsReproducePassOne() throws {
        let (weights, returns) = Self.inputs()
        let one = try OverlayReplay.replay(weights: weights, assetReturns: returns, slippageBps: 0.5)
        let two = try OverlayReplay.replay(weights: weights, assetReturns: returns,
                                           scalars: Array(repeating: 1.0, count: weights.rowCount), slippageBps: 0.5)
        #expect(zip(one.returns, two.returns).allSatisfy { $0.bitPattern == $1.bitPattern })
        #expect(zip(one.equity, two.equity).allSatisfy { $0.bitPattern == $1.bitPattern })
    }

    @Test func badInputsAreTypedErrors() {
        let (weights, returns) = Self.inputs()
        #expect(throws: AuditError.scalarCountMismatch(scalars: 1, rebalances: 5)) {
            try OverlayReplay.replay(weights: weights, assetReturns: returns, scalars: [1.0])
        }
        #expect(throws: AuditError.invalidSlippage(bps: -1)) {
            try OverlayReplay.replay(weights: weights, assetReturns: returns, slippageBps: -1)
        }
        var stranger = weights
        stranger.names[0] = "Z"
        #expect(throws: AuditError.assetWithoutReturns(asset: "Z")) {
            try OverlayReplay.replay(weights: stranger, assetReturns: returns)
        }
        var early = weights
        early.dates[0] = TradingDate("2021-06-01")!
        #expect(throws: AuditError.rebalanceOutsideReturns(date: TradingDate("2021-06-01")!, firstDay: Self.days[0],
                                                            lastDay: Self.days.last)) {
            try OverlayReplay.replay(weights: early, assetReturns: returns)
        }
        var late = weights
        late.dates[4] = Self.days[29].adding(days: 3)
        #expect(throws: AuditError.rebalanceOutsideReturns(date: late.dates[4], firstDay: Self.days[0], lastDay: Self.days[29])) {
            try OverlayReplay.replay(weights: late, assetReturns: returns)
        }
        var backwards = weights
        backwards.dates.swapAt(0, 1)
        #expect(throws: AuditError.rebalanceDatesNotIncreasing(previous: weights.dates[1], date: weights.dates[0])) {
            try OverlayReplay.replay(weights: backwards, assetReturns: returns)
        }
        let empty = try? OverlayReplay.replay(weights: Panel(names: ["A"]), assetReturns: returns)
        #expect(empty?.returns.allSatisfy { $0 == 0 } == true && empty?.equityCurve.dates.isEmpty == true)
        let noDays = try? OverlayReplay.replay(weights: Panel(names: []), assetReturns: Panel(names: ["A"]))
        #expect(noDays?.returns.isEmpty == true)
    }

    /// ExecSim's own run, replayed from its weights (pass 1) and from its raw
    /// weights times its scalars (pass 2): returns and equity bit for bit.
    @Test func replayingAnExecSimRunReproducesItBitForBit() throws {
        let synthetic = try SyntheticMarket.generate(assets: 6, years: 3, seed: 7)
        let market = MarketData(returns: synthetic.returns, source: "audit-test")
        let profile = try BacktestConfig.embeddedDefault().profile(named: nil)
        let source = Panel(dates: market.returns.dates, names: ["risk_scalar_applied"],
                           columns: [market.returns.dates.indices.map { 0.4 + 0.6 * Double(($0 * 37) % 100) / 100 }])
        var scaler = PrecomputedScalars(sourceRunId: "synthetic", source: source, missingScalar: 1.0)
        let run = try ExecSim(profile: profile).run(market: market, start: nil, end: nil, scaler: &scaler)
        #expect(run.weights.rowCount > 10)

        let passOne = try OverlayReplay.replay(weights: run.weights, assetReturns: run.assetReturns, slippageBps: run.slippageBps)
        let passTwo = try OverlayReplay.replay(weights: run.weightsRaw, assetReturns: run.assetReturns,
                                               scalars: run.scalars.map(\.applied), slippageBps: run.slippageBps)
        let own = run.portfolioReturns.columns[0]
        for replay in [passOne, passTwo] {
            #expect(replay.returns.count == own.count)
            #expect(zip(replay.returns, own).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(replay.equityCurve.dates == run.equityCurve.dates)
            #expect(zip(replay.equityCurve.values, run.equityCurve.columns[0]).allSatisfy { $0.bitPattern == $1.bitPattern })
        }
        let quality = ReplayQuality(replayed: passOne, own: Series(dates: run.portfolioReturns.dates, values: own))
        #expect(quality.correlation > 0.999999 && quality.maxAbsDifference == 0 && quality.trackingError == 0 && !quality.isPoor)
    }

    @Test func qualityOfAPoorReplay() {
        let dates = Array(Self.days[0..<6])
        let replayed = ReplayedPass(dates: dates, returns: [0, 0, 0.01, -0.01, 0.02, 0.0], equity: [1, 1, 1, 1, 1, 1],
                                    rebalanceDates: [dates[0]])
        let own = Series(dates: dates, values: [0, 0.5, -0.01, 0.01, .nan, 0.02])
        let q = ReplayQuality(replayed: replayed, own: own)
        #expect(q.commonDays == 4) // after the first rebalance, without the missing day
        #expect(q.isPoor && q.correlation < 0)
        #expect(abs(q.maxAbsDifference - 0.5) < 1e-15)
        let none = ReplayQuality(replayed: replayed, own: Series(dates: [], values: []))
        #expect(none.commonDays == 0 && none.correlation.isNaN && none.isPoor && none.json()["correlation"] == .null)
    }

    @Test(.enabled(if: AuditFixtures.available, "needs ../shared/fixtures/reference-runs"))
    func baselineFixtureReplayAgainstItsOwnReturns() throws {
        let run = AuditFixtures.baselineRun
        let weights = try CSVReader.read(path: AuditFixtures.path(run, "weights.csv"))
        let returns = try CSVReader.read(path: AuditFixtures.path(run, "asset_returns.csv"))
        let own = try AuditFixtures.series(run, "portfolio_returns.csv", column: "ret")
        let slippage = try AuditFixtures.json(run, "meta.json")["slippage_bps"]?.doubleValue ?? 0
        for bps in [0.0, slippage] {
            let replay = try OverlayReplay.replay(weights: weights, assetReturns: returns, slippageBps: bps)
            let q = ReplayQuality(replayed: replay, own: own)
            let metrics = PassMetrics(equity: replay.equityCurve)
            print("[audit replay] baseline fixture, slippage \(bps) bps: common days \(q.commonDays), correlation \(q.correlation), max |diff| \(q.maxAbsDifference), tracking error (ann., ddof 1) \(q.trackingError), poor \(q.isPoor); replay CAGR \(metrics.cagr) vol \(metrics.annualisedVolatility) maxDD \(metrics.maxDrawdown)")
            #expect(q.commonDays > 1000)
            #expect(q.correlation.isFinite)
        }
    }
}
