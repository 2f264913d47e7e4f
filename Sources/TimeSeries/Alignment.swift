/// Date-index operations on ascending, duplicate-free date arrays.
public enum Alignment {
    /// Dates present in every array, ascending.
    public static func intersection(_ sets: [[TradingDate]]) -> [TradingDate] {
        guard var result = sets.first else { return [] }
        for other in sets.dropFirst() {
            var merged: [TradingDate] = []
            merged.reserveCapacity(Swift.min(result.count, other.count))
            var i = 0, j = 0
            while i < result.count && j < other.count {
                if result[i] == other[j] {
                    merged.append(result[i]); i += 1; j += 1
                } else if result[i] < other[j] {
                    i += 1
                } else {
                    j += 1
                }
            }
            result = merged
        }
        return result
    }

    /// For each date of `target`, its row in `source`, or −1 when absent.
    public static func positions(of target: [TradingDate], in source: [TradingDate]) -> [Int] {
        var out = [Int](repeating: -1, count: target.count)
        var j = 0
        for (i, d) in target.enumerated() {
            while j < source.count && source[j] < d { j += 1 }
            if j < source.count && source[j] == d { out[i] = j }
        }
        return out
    }

    /// For each date of ascending `target`, the row of the last `source` date
    /// on or before it, or −1 (an ``OnOrBeforeCursor`` walked over `target`).
    public static func lastOnOrBefore(_ target: [TradingDate], in source: [TradingDate]) -> [Int] {
        var cursor = OnOrBeforeCursor(dates: source)
        return target.map { cursor.row(onOrBefore: $0) ?? -1 }
    }

    /// The row of the last `source` date on or before `date`, or `nil` when
    /// every date is after it: `max { i : source[i] ≤ date }` by binary search,
    /// for a single date or dates in no particular order.
    public static func lastOnOrBefore(date: TradingDate, in source: [TradingDate]) -> Int? {
        let after = source.partitioningIndex { $0 > date }
        return after == 0 ? nil : after - 1
    }
}
