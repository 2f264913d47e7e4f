import TimeSeries
@testable import Allocator

/// A deliberately naive, obviously correct allocator state v1, written from
/// SPEC §2 alone (pandas semantics) and sharing no code with the engine:
/// every window is sliced afresh and every statistic recomputed from scratch.
enum NaiveState {
    struct Result {
        var dates: [TradingDate]
        var features: [String]
        /// `rows[k]` holds the feature values of `dates[k]` in `features` order.
        var rows: [[Double]]
        var rowsRequested: Int
    }

    /// All rows (valid or not) for every common date, before the drop.
    static func allRows(_ inputs: StateInputs) -> (dates: [TradingDate], features: [String], rows: [[Double]]) {
        let dates = commonDates(inputs)
        let ret = lookup(inputs.portfolioReturns.dates, inputs.portfolioReturns.values, dates)
        let equity = lookup(inputs.equityCurve.dates, inputs.equityCurve.values, dates)
        let assets = columns(inputs.assetReturns, dates)
        let trend = inputs.trendUnitReturns.map { columns($0, dates) }
        let sleeves = inputs.sleeveReturns.map { columns($0, dates) }

        var features = StateFeature.required.map(\.rawValue)
        if trend != nil { features.append("trend_breadth_20d") }
        if sleeves != nil { features.append("sleeve_concentration_60d") }

        var runningMax = Double.nan
        var dd: [Double] = []
        var rows: [[Double]] = []
        for i in dates.indices {
            if !equity[i].isNaN && (runningMax.isNaN || equity[i] > runningMax) { runningMax = equity[i] }
            dd.append(equity[i].isNaN ? .nan : equity[i] / runningMax - 1)
            let r20 = rvol(ret, i, 20), r60 = rvol(ret, i, 60)
            let c20 = averageCorrelation(assets, endingAt: i, window: 20)
            let c60 = averageCorrelation(assets, endingAt: i, window: 60)
            var row = [r20, r60, r20 / r60, dd[i], i >= 10 ? dd[i] - dd[i - 10] : .nan, c20, c60, c20 - c60]
            if let trend { row.append(trendBreadth(trend, i)) }
            if let sleeves { row.append(herfindahl(sleeves, i)) }
            rows.append(row)
        }
        return (dates, features, rows)
    }

    /// The state table: rows with every required feature present.
    static func compute(_ inputs: StateInputs) -> Result {
        let all = allRows(inputs)
        var result = Result(dates: [], features: all.features, rows: [], rowsRequested: all.dates.count)
        for (d, row) in zip(all.dates, all.rows) where !row.prefix(8).contains(where: \.isNaN) {
            result.dates.append(d)
            result.rows.append(row)
        }
        return result
    }

    static func commonDates(_ inputs: StateInputs) -> [TradingDate] {
        Set(inputs.portfolioReturns.dates)
            .intersection(inputs.equityCurve.dates)
            .intersection(inputs.assetReturns.dates)
            .sorted()
    }

    static func lookup(_ from: [TradingDate], _ values: [Double], _ dates: [TradingDate]) -> [Double] {
        var byDate: [TradingDate: Double] = [:]
        for (d, v) in zip(from, values) { byDate[d] = v }
        return dates.map { byDate[$0] ?? .nan }
    }

    static func columns(_ panel: Panel, _ dates: [TradingDate]) -> [[Double]] {
        panel.columns.map { lookup(panel.dates, $0, dates) }
    }

    /// The window `i−w+1 … i` of `x`, or nil when it is not full.
    static func window(_ x: [Double], _ i: Int, _ w: Int) -> [Double]? {
        i + 1 >= w ? Array(x[(i - w + 1)...i]) : nil
    }

    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    /// Two-pass sample standard deviation (ddof 1).
    static func sampleStd(_ x: [Double]) -> Double {
        let m = mean(x)
        return (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)).squareRoot()
    }

    /// pandas `rolling(w).std() * √252`; a run of identical values gives exactly 0, as in pandas.
    static func rvol(_ ret: [Double], _ i: Int, _ w: Int) -> Double {
        guard let x = window(ret, i, w), !x.contains(where: \.isNaN) else { return .nan }
        if Set(x).count == 1 { return 0 }
        return sampleStd(x) * 252.0.squareRoot()
    }

    /// SPEC §2 average pairwise-complete correlation of the window ending at `i`.
    static func averageCorrelation(_ assets: [[Double]], endingAt i: Int, window w: Int) -> Double {
        guard i + 1 >= w else { return .nan }
        let slices = assets.map { window($0, i, w)! }
        let kept = slices.filter { column in
            let present = column.filter { !$0.isNaN }
            return present.count >= 2 && sampleStd(present) > 1e-10
        }
        var correlations: [Double] = []
        for a in kept.indices {
            for b in kept.indices where b > a {
                let r = pearson(kept[a], kept[b])
                if !r.isNaN { correlations.append(r) }
            }
        }
        return correlations.isEmpty ? .nan : mean(correlations)
    }

    /// Centred two-pass Pearson over the rows where both are present, clipped to [−1, 1].
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        var n = 0.0, sumX = 0.0, sumY = 0.0
        for t in x.indices where !x[t].isNaN && !y[t].isNaN {
            n += 1; sumX += x[t]; sumY += y[t]
        }
        guard n >= 2 else { return .nan }
        let mx = sumX / n, my = sumY / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for t in x.indices where !x[t].isNaN && !y[t].isNaN {
            sxy += (x[t] - mx) * (y[t] - my)
            sxx += (x[t] - mx) * (x[t] - mx)
            syy += (y[t] - my) * (y[t] - my)
        }
        let d = (sxx * syy).squareRoot()
        guard d != 0 else { return .nan }
        return min(1, max(-1, sxy / d))
    }

    /// pandas rolling sum: missing when the window is not full or has a missing value.
    static func windowSum(_ x: [Double], _ i: Int, _ w: Int) -> Double {
        guard let s = window(x, i, w), !s.contains(where: \.isNaN) else { return .nan }
        return s.reduce(0, +)
    }

    static func trendBreadth(_ trend: [[Double]], _ i: Int) -> Double {
        let positive = trend.filter { windowSum($0, i, 20) > 0 }.count
        return Double(positive) / Double(trend.count)
    }

    static func herfindahl(_ sleeves: [[Double]], _ i: Int) -> Double {
        let a = sleeves.map { abs(windowSum($0, i, 60)) }.filter { !$0.isNaN }
        let total = a.reduce(0, +)
        guard !a.isEmpty, total != 0 else { return 0 }
        return a.map { ($0 / total) * ($0 / total) }.reduce(0, +)
    }
}
