import Testing
import TimeSeries
@testable import Allocator

/// Rolling quantities must not drift over decades: the correlation kernel's
/// cross-product matrix is rolled with additions and removals but rebuilt
/// exactly at every anchor row, and pairs touched by extreme values fall back
/// to the two-pass formula, so after 40 years — with bad prints early on —
/// its values still equal a from-scratch computation, while the bad prints
/// are in the window and after they leave it.
@Suite struct CorrelationDriftTests {
    /// Naive SPEC §2 average pairwise correlation of one window.
    static func naive(_ columns: [[Double]], rows: Range<Int>) -> Double {
        let kept = columns.indices.filter { c in
            let v = rows.map { columns[c][$0] }.filter { !$0.isNaN }
            guard v.count >= 2 else { return false }
            let m = v.reduce(0, +) / Double(v.count)
            return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot() > 1e-10
        }
        var total = 0.0, count = 0
        for a in kept.indices { for b in kept.indices where b > a {
            let pairs = rows.compactMap { r -> (Double, Double)? in
                let x = columns[kept[a]][r], y = columns[kept[b]][r]
                return x.isNaN || y.isNaN ? nil : (x, y)
            }
            guard pairs.count >= 2 else { continue }
            let mx = pairs.map(\.0).reduce(0, +) / Double(pairs.count), my = pairs.map(\.1).reduce(0, +) / Double(pairs.count)
            var sxx = 0.0, syy = 0.0, sxy = 0.0
            for (x, y) in pairs { sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my); sxy += (x - mx) * (y - my) }
            let d = (sxx * syy).squareRoot()
            guard d != 0 else { continue }
            total += min(1, max(-1, sxy / d)); count += 1
        }}
        return count > 0 ? total / Double(count) : .nan
    }

    @Test func fortyYearsWithAnOutlierStayExact() {
        let assets = 12, rows = 10_080
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        var columns = [[Double]](repeating: [Double](repeating: 0, count: rows), count: assets)
        for t in 0..<rows {
            let f = uniform() - 0.5
            for a in 0..<assets {
                columns[a][t] = uniform() < 0.1 ? .nan : 0.02 * (f + uniform() - 0.5) + 0.0005
            }
        }
        columns[3][100] = 1_000.0 // bad prints early in the history
        columns[7][101] = -400.0
        let assetsBuffer = SlidingColumns(columns: columns)
        for window in [20, 60] {
            var kernel = AveragePairwiseCorrelation(window: window, assetCount: assets)
            var worst = 0.0
            for r in 0..<rows {
                let v = kernel.value(at: r, assets: assetsBuffer)
                if r >= rows - 300 || (r >= 95 && r < 200) {
                    worst = max(worst, abs(v - Self.naive(columns, rows: (r - window + 1)..<(r + 1))))
                }
            }
            #expect(worst <= 1e-12, "window \(window): largest difference \(worst)")
        }
    }
}
