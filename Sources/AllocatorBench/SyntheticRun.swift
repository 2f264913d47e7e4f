import Allocator
import Backtest
import TimeSeries

/// Writes a synthetic run directory for benchmarks: one-factor asset returns
/// (`r = 0.01·(0.5·f + ε)`), a portfolio of equal weights, its equity curve, and
/// optional trend/sleeve inputs; `missingShare` of asset cells left empty at random.
enum SyntheticRun {
    static func write(to dir: String, assets: Int, days: Int, missingShare: Double, seed: UInt64,
                      optionalInputs: Bool) throws {
        var rng = RandomSource(seed: seed)
        var dates: [TradingDate] = []
        var d = TradingDate(year: 2000, month: 1, day: 3)!
        while dates.count < days {
            if d.isoWeekday <= 5 { dates.append(d) }
            d = d.adding(days: 1)
        }
        var columns = [[Double]](repeating: [Double](repeating: 0, count: days), count: assets)
        var portfolio = [Double](repeating: 0, count: days)
        for t in 0..<days {
            let f = rng.normal()
            var sum = 0.0
            for a in 0..<assets {
                let r = 0.01 * (0.5 * f + rng.normal())
                sum += r
                columns[a][t] = missingShare > 0 && rng.uniform() < missingShare ? .nan : r
            }
            portfolio[t] = sum / Double(assets)
        }
        var equity = [Double](repeating: 1, count: days)
        for t in 1..<days { equity[t] = equity[t - 1] * (1 + portfolio[t]) }
        let names = (0..<assets).map { "A\($0)" }
        try FileBytes.makeDirectories(dir)
        try CSVWriter.write(Panel(dates: dates, names: names, columns: columns), to: dir + "/asset_returns.csv")
        try CSVWriter.write(Panel(dates: dates, names: ["ret"], columns: [portfolio]), to: dir + "/portfolio_returns.csv")
        try CSVWriter.write(Panel(dates: dates, names: ["equity"], columns: [equity]), to: dir + "/equity_curve.csv")
        if optionalInputs {
            let trend = columns.map { $0.map { $0.isNaN ? 0 : $0 * 0.5 } }
            try CSVWriter.write(Panel(dates: dates, names: names, columns: trend), to: dir + "/trend_unit_returns.csv")
            let sleeves = [portfolio.map { $0 * 0.6 }, portfolio.map { $0 * 0.4 }]
            try CSVWriter.write(Panel(dates: dates, names: ["tsmom_multihorizon", "csmom_meta"], columns: sleeves),
                                to: dir + "/sleeve_returns.csv")
        }
        let meta = JSONValue.object([("run_id", .string("bench")), ("start_date", .date(dates.first)),
                                     ("end_date", .date(dates.last))])
        try FileBytes.writeAtomically(meta.serialized(), to: dir + "/meta.json")
    }
}
