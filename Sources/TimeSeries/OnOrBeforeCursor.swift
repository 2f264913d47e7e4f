/// "The last date on or before `d`" over ascending, duplicate-free `dates`,
/// for queries `d` that never decrease: a forward cursor, amortised O(1) per
/// query (the one implementation; ``Alignment/lastOnOrBefore(_:in:)`` and the
/// single-date binary search ``Alignment/lastOnOrBefore(date:in:)`` answer the
/// same question for whole arrays and random access).
///
/// `row(onOrBefore: d)` = `max { i : dates[i] ≤ d }`, or `nil` when every
/// date is after `d`.
public struct OnOrBeforeCursor: Sendable {
    /// The ascending dates searched.
    public let dates: [TradingDate]
    /// Row of the last date passed so far (−1 before the first).
    private var last = -1

    /// A cursor over ascending `dates`, before the first.
    public init(dates: [TradingDate]) {
        self.dates = dates
    }

    /// The row of the last date on or before `date`; `date` must not be
    /// earlier than the previous query's.
    public mutating func row(onOrBefore date: TradingDate) -> Int? {
        while last + 1 < dates.count && dates[last + 1] <= date { last += 1 }
        return last >= 0 ? last : nil
    }
}
