import TimeSeries

/// When a portfolio is rebalanced (SPEC §6).
package enum RebalanceCalendar: String, Sendable, CaseIterable {
    /// Per calendar week, the last trading day on or before that week's Friday.
    case weeklyFriday = "W-FRI"
    /// The last trading day of each calendar month.
    case monthEnd = "M"
    /// Every trading day.
    case daily = "D"

    /// Indices into `tradingDays` (ascending) that are rebalance dates.
    package func rebalanceIndices(_ tradingDays: [TradingDate]) -> [Int] {
        switch self {
        case .daily:
            return Array(tradingDays.indices)
        case .monthEnd:
            return tradingDays.indices.filter { i in
                i + 1 == tradingDays.count || tradingDays[i + 1].components.month != tradingDays[i].components.month
            }
        case .weeklyFriday:
            // Week bucket: the Friday that closes the W-FRI week (Sat..Fri).
            func anchorFriday(_ d: TradingDate) -> Int32 {
                let offset = (5 - d.isoWeekday + 7) % 7
                return d.daysSinceEpoch + Int32(offset)
            }
            return tradingDays.indices.filter { i in
                i + 1 == tradingDays.count || anchorFriday(tradingDays[i + 1]) != anchorFriday(tradingDays[i])
            }
        }
    }
}
