#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Allocator
import TimeSeries

/// Prefix sums over a returns panel that answer trailing-window questions in
/// O(1): compounded log growth between two rows, and the sample volatility
/// of the present returns in a window.
///
/// For asset `i` and row `t` (0-based), with missing returns counted as 0
/// growth and skipped by the volatility:
/// - `G_i(t) = Σ_{u≤t} log(1 + r_i(u))`, so growth over rows `a+1 … b` is `G(b) − G(a)`;
/// - `S1`, `S2`, `N`: running sum, sum of squares and count of present returns;
///   the window `t−w+1 … t` has `n = ΔN`, mean `ΔS1/n`,
///   variance `(ΔS2 − ΔS1²/n)/(n − 1)` (the moment form, so a window costs
///   O(1) — not ``SampleStatistics``' two-pass form) and annualised vol
///   `√(variance·252)` (``Annualisation/volatility(variance:)``).
///
/// Every answer for row `t` reads prefix values at rows ≤ `t` only, and a
/// prefix value at row `t` depends on returns at rows ≤ `t` only: no look-ahead.
package struct TrailingStatistics: Sendable {
    package let rowCount: Int
    package let assetCount: Int
    /// First row with a present return, per asset (`rowCount` when none).
    package let firstObservedRow: [Int]
    private let stride: Int
    private var logGrowth: [Double]
    private var sum: [Double]
    private var sumSquares: [Double]
    private var count: [Double]

    /// Builds the prefix sums of `returns` (columns = assets).
    package init(returns: Panel) {
        rowCount = returns.rowCount
        assetCount = returns.columnCount
        stride = rowCount + 1
        let size = stride * assetCount
        var growth = [Double](repeating: 0, count: size)
        var s1 = [Double](repeating: 0, count: size)
        var s2 = [Double](repeating: 0, count: size)
        var n = [Double](repeating: 0, count: size)
        var first = [Int](repeating: returns.rowCount, count: assetCount)
        for a in 0..<assetCount {
            let base = a * stride
            returns.columns[a].withUnsafeBufferPointer { r in
                var g = 0.0, x = 0.0, xx = 0.0, c = 0.0
                for t in 0..<r.count {
                    let v = r[t]
                    if !v.isNaN {
                        if c == 0 { first[a] = t }
                        g += log1p(max(v, -0.999_999)) // a total loss would be −∞
                        x += v
                        xx += v * v
                        c += 1
                    }
                    growth[base + t + 1] = g
                    s1[base + t + 1] = x
                    s2[base + t + 1] = xx
                    n[base + t + 1] = c
                }
            }
        }
        logGrowth = growth
        sum = s1
        sumSquares = s2
        count = n
        firstObservedRow = first
    }

    /// Log growth of asset `a` over rows `from+1 … to` (`from < to`, `from ≥ −1`).
    @inline(__always)
    package func logGrowth(asset a: Int, from: Int, to: Int) -> Double {
        logGrowth[a * stride + to + 1] - logGrowth[a * stride + from + 1]
    }

    /// True when asset `a` had its first observed return at or before `row`.
    @inline(__always)
    package func isObserved(asset a: Int, by row: Int) -> Bool {
        row >= 0 && firstObservedRow[a] <= row
    }

    /// Annualised sample volatility (ddof 1, ×√252) of the present returns of
    /// asset `a` in rows `t−window+1 … t`; `.nan` when fewer than `minCount`
    /// (at least 2) are present or the window starts before row 0.
    @inline(__always)
    package func annualisedVol(asset a: Int, endingAt t: Int, window: Int, minCount: Int) -> Double {
        let lo = t - window + 1
        guard lo >= 0 else { return .nan }
        let i = a * stride + t + 1, j = a * stride + lo
        let n = count[i] - count[j]
        guard n >= Double(max(2, minCount)) else { return .nan }
        let x = sum[i] - sum[j]
        let variance = max(0, (sumSquares[i] - sumSquares[j] - x * x / n) / (n - 1))
        return Annualisation.volatility(variance: variance)
    }
}
