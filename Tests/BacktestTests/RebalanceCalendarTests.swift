import Testing
import TimeSeries
@testable import Backtest

@Test func weeklyFridayTakesLastTradingDayOfEachWeek() {
    // 2024-03-25 (Mon) .. 2024-04-05 (Fri); Good Friday 2024-03-29 missing.
    let days = ["2024-03-25", "2024-03-26", "2024-03-27", "2024-03-28", "2024-04-01", "2024-04-05", "2024-04-06"]
        .map { TradingDate($0)! }
    let idx = RebalanceCalendar.weeklyFriday.rebalanceIndices(days)
    #expect(idx.map { days[$0].description } == ["2024-03-28", "2024-04-05", "2024-04-06"])
    #expect(RebalanceCalendar.monthEnd.rebalanceIndices(days).map { days[$0].description } == ["2024-03-28", "2024-04-06"])
}
