import TimeSeries

/// Storage the simulator fills day by day. A reference type, so handing a
/// ``SimulationHistory`` view to a scaler copies nothing.
final class SimulationLedger {
    let tradingDates: [TradingDate]
    let assetNames: [String]
    let sleeveNames: [String]
    /// Market returns (all rows) and the row of the first trading day.
    let market: Panel
    let firstRow: Int
    let hasTrendSleeve: Bool
    var portfolioReturns: [Double]
    /// `.nan` before the first rebalance.
    var equity: [Double]
    /// Column-major: `trendUnit[a * dayCount + d]`.
    var trendUnit: [Double]
    /// Column-major: `sleeveReturns[s * dayCount + d]`.
    var sleeveReturns: [Double]
    /// Day indices of the rebalances so far.
    var rebalanceDays: [Int] = []

    init(tradingDates: [TradingDate], market: Panel, firstRow: Int, sleeveNames: [String], hasTrendSleeve: Bool) {
        let n = tradingDates.count
        self.tradingDates = tradingDates
        self.assetNames = market.names
        self.sleeveNames = sleeveNames
        self.market = market
        self.firstRow = firstRow
        self.hasTrendSleeve = hasTrendSleeve
        portfolioReturns = [Double](repeating: 0, count: n)
        equity = [Double](repeating: .nan, count: n)
        trendUnit = [Double](repeating: 0, count: hasTrendSleeve ? n * market.columnCount : 0)
        sleeveReturns = [Double](repeating: 0, count: n * sleeveNames.count)
    }
}

/// A read-only view of a run's history up to and including the current
/// rebalance date: the inputs the allocator state is built from (portfolio
/// returns, equity, asset returns, trend-unit and sleeve returns).
///
/// Days are indexed from 0 (the first trading day of the window) to
/// `dayCount − 1` (the current date). Reading a later day traps: this is the
/// no-look-ahead guarantee for scalers.
package struct SimulationHistory {
    let ledger: SimulationLedger
    /// Number of trading days visible (through the current date).
    package let dayCount: Int

    init(ledger: SimulationLedger, dayCount: Int) {
        self.ledger = ledger
        self.dayCount = dayCount
    }

    /// The current (rebalance) date.
    package var currentDate: TradingDate { ledger.tradingDates[dayCount - 1] }
    package var assetNames: [String] { ledger.assetNames }
    /// Sleeve names, in `sleeve_returns.csv` order.
    package var sleeveNames: [String] { ledger.sleeveNames }
    /// False when the profile has no trend sleeve (no trend-unit returns).
    package var hasTrendUnitReturns: Bool { ledger.hasTrendSleeve }
    /// Day indices of the rebalances up to and including the current one.
    package var rebalanceDays: [Int] { ledger.rebalanceDays }

    @inline(__always)
    private func check(_ day: Int) {
        precondition(day >= 0 && day < dayCount, "day \(day) is outside the visible history 0..<\(dayCount)")
    }

    package func date(_ day: Int) -> TradingDate { check(day); return ledger.tradingDates[day] }
    /// Net portfolio return of `day` (after slippage).
    package func portfolioReturn(_ day: Int) -> Double { check(day); return ledger.portfolioReturns[day] }
    /// Equity on `day`; `.nan` before the first rebalance.
    package func equity(_ day: Int) -> Double { check(day); return ledger.equity[day] }
    /// Simple return of asset `asset` on `day`; `.nan` when missing.
    package func assetReturn(asset: Int, day: Int) -> Double {
        check(day); return ledger.market.columns[asset][ledger.firstRow + day]
    }

    /// The asset returns of days `days` by asset, also days after the current
    /// one: market data, fixed before the simulation starts and never moved by
    /// it (unlike every other series here). For features of trailing windows
    /// (a day's value reads no later day), computed ahead in one batch.
    package func marketAssetReturns(days: Range<Int>) -> [[Double]] {
        precondition(days.lowerBound >= 0 && days.upperBound <= ledger.tradingDates.count)
        let rows = (ledger.firstRow + days.lowerBound)..<(ledger.firstRow + days.upperBound)
        return ledger.market.columns.map { Array($0[rows]) }
    }

    /// Number of trading days of the whole simulation (visible or not).
    package var totalDayCount: Int { ledger.tradingDates.count }

    /// Trend-sleeve weight held × asset return.
    package func trendUnitReturn(asset: Int, day: Int) -> Double {
        check(day); return ledger.trendUnit[asset * ledger.tradingDates.count + day]
    }
    /// Contribution of sleeve `sleeve` to the portfolio return of `day`.
    package func sleeveReturn(sleeve: Int, day: Int) -> Double {
        check(day); return ledger.sleeveReturns[sleeve * ledger.tradingDates.count + day]
    }
}
