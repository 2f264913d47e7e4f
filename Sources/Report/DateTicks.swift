import TimeSeries

/// Calendar ticks for a date axis: years, quarters or months, chosen by span.
///
/// Rule: with `span` = calendar days from first to last date,
/// - `span > 3 · 365` → 1 January of every `k`-th year, `k` the first of
///   1, 2, 5, 10, 20 that keeps the count ≤ `maximumCount`, labels `2020`;
/// - `span > 300` → the first day of each quarter (Jan, Apr, Jul, Oct),
///   labels `2020 Q2`, every second quarter when there are too many;
/// - otherwise the first day of each month, labels `Mar 2020`.
/// Only ticks inside `[first, last]` are returned.
enum DateTicks {
    /// One tick: its date and its label.
    struct Tick: Equatable, Sendable {
        var date: TradingDate
        var label: String
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Ticks between `first` and `last` inclusive.
    static func ticks(from first: TradingDate, to last: TradingDate, maximumCount: Int = 10) -> [Tick] {
        guard first <= last else { return [] }
        let span = first.days(to: last)
        let (firstYear, _, _) = first.components
        let (lastYear, _, _) = last.components
        if span > 3 * 365 {
            let years = lastYear - firstYear + 1
            let every = [1, 2, 5, 10, 20].first { (years + $0 - 1) / $0 <= maximumCount } ?? 50
            return stride(from: firstYear, through: lastYear, by: 1)
                .filter { $0 % every == 0 }
                .compactMap { year in TradingDate(year: year, month: 1, day: 1).map { Tick(date: $0, label: "\(year)") } }
                .filter { $0.date >= first && $0.date <= last }
        }
        if span > 300 {
            var ticks = monthStarts(firstYear: firstYear, lastYear: lastYear, months: [1, 4, 7, 10], within: first...last)
                .map { Tick(date: $0, label: "\($0.components.year) Q\(($0.components.month - 1) / 3 + 1)") }
            if ticks.count > maximumCount { ticks = ticks.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }
            return ticks
        }
        return monthStarts(firstYear: firstYear, lastYear: lastYear, months: Array(1...12), within: first...last)
            .map { Tick(date: $0, label: "\(monthNames[$0.components.month - 1]) \($0.components.year)") }
    }

    private static func monthStarts(firstYear: Int, lastYear: Int, months: [Int],
                                    within bounds: ClosedRange<TradingDate>) -> [TradingDate] {
        (firstYear...lastYear).flatMap { year in
            months.compactMap { TradingDate(year: year, month: $0, day: 1) }
        }.filter { bounds.contains($0) }
    }
}
