import Allocator
import AllocatorTestSupport
import Backtest
import TimeSeries

/// Generated inputs for the state engine: weekday dates, factor-model asset
/// returns with holes, a portfolio built from them, optional trend and sleeve panels.
struct GeneratedInputs {
    /// The package's own generator.
    var rng: RandomSource

    init(seed: UInt64) { rng = RandomSource(seed: seed) }

    /// `count` weekdays from 2020-01-06 on, skipping every date in `skipping`
    /// (offsets into the full weekday sequence).
    static func weekdays(_ count: Int, from offset: Int = 0, skipping: Set<Int> = []) -> [TradingDate] {
        var out: [TradingDate] = []
        var day = TradingDate(year: 2020, month: 1, day: 6)!
        var k = 0
        while out.count < count {
            if day.isoWeekday <= 5 {
                if k >= offset && !skipping.contains(k) { out.append(day) }
                k += 1
            }
            day = day.adding(days: 1)
        }
        return out
    }

    /// `assets` columns of `rows` returns: a common factor with loadings in
    /// [0, 1) plus idiosyncratic noise, daily vol about 1%.
    mutating func assetReturns(rows: Int, assets: Int) -> [[Double]] {
        let factor = (0..<rows).map { _ in rng.normal() * 0.008 }
        return (0..<assets).map { _ in
            let beta = rng.uniform()
            return factor.map { beta * $0 + 0.006 * rng.normal() }
        }
    }

    /// Sets each cell to NaN with probability `rate`.
    mutating func punchHoles(_ columns: inout [[Double]], rate: Double) {
        guard rate > 0 else { return }
        for c in columns.indices {
            for r in columns[c].indices where rng.chance(rate) { columns[c][r] = .nan }
        }
    }

    /// ``assetReturns(rows:assets:)`` with ``punchHoles(_:rate:)`` applied.
    mutating func gappedReturns(rows: Int, assets: Int, rate: Double) -> [[Double]] {
        var columns = assetReturns(rows: rows, assets: assets)
        punchHoles(&columns, rate: rate)
        return columns
    }

    mutating func series(rows: Int, scale: Double = 0.01) -> [Double] {
        (0..<rows).map { _ in rng.normal() * scale }
    }

    /// A complete input set on shared dates: the portfolio return is a noisy
    /// mean of the present asset returns, equity compounds it.
    mutating func inputs(dates: [TradingDate], assets: [[Double]], trend: [[Double]]? = nil,
                         sleeves: [[Double]]? = nil) -> StateInputs {
        let ret = dates.indices.map { r -> Double in
            let present = assets.map { $0[r] }.filter { !$0.isNaN }
            let mean = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
            return mean + 0.002 * rng.normal()
        }
        return StateInputs(
            portfolioReturns: Series(dates: dates, values: ret),
            equityCurve: Series(dates: dates, values: Self.equity(ret)),
            assetReturns: Self.panel(dates, assets),
            trendUnitReturns: trend.map { Self.panel(dates, $0) },
            sleeveReturns: sleeves.map { Self.panel(dates, $0) })
    }

    static func equity(_ returns: [Double]) -> [Double] {
        var e = 1.0
        return returns.map { r in e *= 1 + (r.isNaN ? 0 : r); return e }
    }

    static func panel(_ dates: [TradingDate], _ columns: [[Double]]) -> Panel {
        Panel(dates: dates, names: columns.indices.map { "A\($0)" }, columns: columns)
    }
}
