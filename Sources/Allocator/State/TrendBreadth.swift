/// Trend breadth over a window (SPEC §2, `trend_breadth_20d`):
/// `(# columns whose window sum Σ r > 0) / (all columns)`.
///
/// A column whose window has a missing value (or a window that is not yet
/// full) counts as not positive; the denominator is every column.
package enum TrendBreadth {
    package static func value(at row: Int, window: Int, trend: SlidingColumns) -> Double {
        let k = trend.columnCount
        guard k > 0 else { return .nan }
        guard row + 1 >= window else { return 0 }
        var positive = 0
        trend.withStorage(row: row - window + 1) { base, stride, offset in
            for c in 0..<k where WindowStatistics.sum(base + c * stride + offset, count: window) > 0 {
                positive += 1
            }
        }
        return Double(positive) / Double(k)
    }
}
