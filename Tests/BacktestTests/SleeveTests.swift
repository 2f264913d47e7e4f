#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import TimeSeries
@testable import Backtest

/// The functional core: trailing statistics, sleeves and the vol target on
/// hand-made panels.
@Suite struct SleeveTests {
    func panel(_ columns: [[Double]]) -> Panel {
        let dates = (0..<columns[0].count).map { TestSupport.date("2020-01-01").adding(days: $0) }
        return Panel(dates: dates, names: columns.indices.map { "A\($0)" }, columns: columns)
    }

    /// Alternating ±x returns with a drift `mu`; missing every `gap`-th day.
    func series(_ n: Int, mu: Double, x: Double = 0.01, gap: Int = 0) -> [Double] {
        (0..<n).map { t in gap > 0 && t % gap == gap - 1 ? .nan : mu + (t % 2 == 0 ? x : -x) }
    }

    @Test func trailingStatisticsMatchNaiveWindows() {
        let col = series(200, mu: 0.001, x: 0.013, gap: 7)
        let stats = TrailingStatistics(returns: panel([col]))
        for t in [30, 99, 199] {
            let window = col[(t - 29)...t].filter { !$0.isNaN }
            let mean = window.reduce(0, +) / Double(window.count)
            let sd = (window.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(window.count - 1)).squareRoot()
            #expect(abs(stats.annualisedVol(asset: 0, endingAt: t, window: 30, minCount: 10) - sd * 252.0.squareRoot()) < 1e-12)
            let growth = col[(t - 20 + 1)...t].filter { !$0.isNaN }.reduce(0.0) { $0 + log1p($1) }
            #expect(abs(stats.logGrowth(asset: 0, from: t - 20, to: t) - growth) < 1e-12)
        }
        #expect(stats.annualisedVol(asset: 0, endingAt: 10, window: 30, minCount: 10).isNaN, "window before row 0")
        #expect(stats.firstObservedRow == [0])
    }

    @Test func timeSeriesMomentumSignsVolScalesAndAverages() {
        // Asset 0 trends up, asset 1 down, asset 2 flat-noisy with no history for the long horizon.
        let n = 300
        let up = series(n, mu: 0.002), down = series(n, mu: -0.002)
        var late = [Double](repeating: .nan, count: n)
        for t in 250..<n { late[t] = 0.001 + (t % 2 == 0 ? 0.02 : -0.02) }
        let stats = TrailingStatistics(returns: panel([up, down, late]))
        let sleeve = TimeSeriesMomentumSleeve(horizons: [21, 63, 252], volScaling: AssetVolScaling(assetVolTarget: 0.1, lookback: 40))
        var w = [Double](repeating: .nan, count: 3)
        sleeve.targetWeights(at: n - 1, statistics: stats, into: &w)
        let leverage = { (a: Int) in 0.1 / stats.annualisedVol(asset: a, endingAt: n - 1, window: 40, minCount: 20) }
        #expect(abs(w[0] - leverage(0) / 3) < 1e-12, "all three horizons up, / 3 eligible assets")
        #expect(abs(w[1] + leverage(1) / 3) < 1e-12)
        // Asset 2: only the 21-day horizon is observable: (±1 + 0 + 0) / 3.
        let sign21: Double = stats.logGrowth(asset: 2, from: n - 22, to: n - 1) > 0 ? 1 : -1
        #expect(abs(w[2] - sign21 * leverage(2) / 3 / 3) < 1e-12)
    }

    @Test func crossSectionalMomentumLongsTopThirdShortsBottomThird() {
        let n = 260
        let drifts = [0.003, 0.002, 0.001, 0.0, -0.001, -0.002]
        let stats = TrailingStatistics(returns: panel(drifts.map { series(n, mu: $0) }))
        let sleeve = CrossSectionalMomentumSleeve(lookback: 252, skip: 21, volScaling: AssetVolScaling(assetVolTarget: 0.1, lookback: 40))
        var w = [Double](repeating: .nan, count: 6)
        sleeve.targetWeights(at: n - 1, statistics: stats, into: &w)
        #expect(w[0] > 0 && w[1] > 0)
        #expect(w[2] == 0 && w[3] == 0)
        #expect(w[4] < 0 && w[5] < 0)
        let leverage0 = 0.1 / stats.annualisedVol(asset: 0, endingAt: n - 1, window: 40, minCount: 20)
        #expect(abs(w[0] - leverage0 / 4) < 1e-12, "k = 2 per leg, 1/(2k)")
        // Before a full 252-day history nothing is ranked.
        sleeve.targetWeights(at: 200, statistics: stats, into: &w)
        #expect(w.allSatisfy { $0 == 0 })
    }

    @Test func volTargetScalesToTargetAndRespectsTheCap() {
        let n = 100
        let col = series(n, mu: 0, x: 0.01)
        let returns = panel([col, col])
        var scratch = [Double](repeating: 0, count: 50)
        let loose = PortfolioVolTarget(volTarget: 0.10, leverageCap: 100, lookback: 50)
        let k = loose.scale(weights: [0.5, 0.5], at: n - 1, returns: returns, scratch: &scratch)
        let realised = 0.01 * (50.0 / 49).squareRoot() * 252.0.squareRoot()
        #expect(abs(k * realised - 0.10) < 1e-12)
        let tight = PortfolioVolTarget(volTarget: 0.10, leverageCap: 0.5, lookback: 50)
        #expect(tight.scale(weights: [0.5, 0.5], at: n - 1, returns: returns, scratch: &scratch) == 0.5)
        #expect(loose.scale(weights: [0, 0], at: n - 1, returns: returns, scratch: &scratch) == 0)
        #expect(loose.scale(weights: [1, 0], at: 10, returns: returns, scratch: &scratch) == 0, "window before row 0")
    }

    @Test func degenerateMarketsRunFlat() throws {
        // One asset; a constant column; an all-missing column: no crash, no NaN in the outputs.
        let n = 400
        let markets = [
            panel([series(n, mu: 0.001)]),
            panel([series(n, mu: 0.001), [Double](repeating: 0, count: n), [Double](repeating: .nan, count: n)]),
        ]
        for returns in markets {
            let result = try TestSupport.simulate(MarketData(returns: returns, source: "edge"))
            #expect(result.portfolioReturns.columns[0].allSatisfy { !$0.isNaN })
            #expect(result.weights.columns.allSatisfy { $0.allSatisfy { !$0.isNaN } })
            #expect(result.equityCurve.columns[0].allSatisfy { $0.isFinite })
        }
        let withDead = try TestSupport.simulate(MarketData(returns: markets[1], source: "edge"))
        #expect(withDead.weights.columns[1].allSatisfy { $0 == 0 } && withDead.weights.columns[2].allSatisfy { $0 == 0 })
    }
}
