import Allocator
import Testing
import TimeSeries
@testable import Backtest

@Suite struct IncrementalRiskScalerTests {
    /// A day with missing equity after the first rebalance is still a common
    /// date of the run's files (an empty `equity` cell): the live engine must
    /// consume it as the batch does, or every later window is shifted.
    @Test func missingEquityMidRunIsStillConsumed() throws {
        let n = 300, assets = 4, first = 20
        let days = (0..<n).map { TradingDate(year: 2021, month: 1, day: 1)!.adding(days: $0) }
        var seed: UInt64 = 7
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return (Double(seed >> 11) / Double(1 << 53) - 0.5) * 0.04
        }
        let columns = (0..<assets).map { _ in (0..<n).map { _ in next() } }
        let market = Panel(dates: days, names: (0..<assets).map { "A\($0)" }, columns: columns)
        let ledger = SimulationLedger(tradingDates: days, market: market, firstRow: 0, sleeveNames: [], hasTrendSleeve: false)
        var equity = Double.nan
        for d in 0..<n {
            ledger.portfolioReturns[d] = d < first ? 0 : 0.5 * columns[0][d] + 0.5 * columns[1][d]
            if d == first { equity = 1 } else if d > first { equity *= 1 + ledger.portfolioReturns[d] }
            ledger.equity[d] = equity
        }
        ledger.equity[150] = .nan
        var scaler = try IncrementalRiskScaler(assetCount: assets, hasTrendUnitReturns: false, sleeveNames: [],
                                               settings: AllocatorSettings(mode: .compute), allocatorConfig: AllocatorConfig())
        let rebalances = Array(stride(from: first, to: n, by: 5))
        for (k, d) in rebalances.enumerated() {
            ledger.rebalanceDays.append(d)
            _ = scaler.scalar(at: k, history: SimulationHistory(ledger: ledger, dayCount: d + 1))
        }
        let last = rebalances.last!
        let consumed = scaler.outputs.consumedDates
        #expect(consumed.count == last - first + 1 && consumed == Array(days[first...last]), "\(consumed.count) dates consumed")
        let window = first...last
        let inputs = StateInputs(portfolioReturns: Series(dates: Array(days[window]), values: Array(ledger.portfolioReturns[window])),
                                 equityCurve: Series(dates: Array(days[window]), values: Array(ledger.equity[window])),
                                 assetReturns: Panel(dates: Array(days[window]), names: market.names,
                                                     columns: columns.map { Array($0[window]) }),
                                 trendUnitReturns: nil, sleeveReturns: nil)
        let (batch, _) = StateComputation.compute(inputs)
        let sameRows = scaler.outputs.state.dates == batch.dates && scaler.outputs.state.columns == batch.columns
        #expect(sameRows, "the live engine's state differs from the batch state of the same rows")
    }
}
