import Allocator
import Backtest
import TimeSeries

/// Times ExecSim on a synthetic 100-asset × 25-year market (W-FRI, both
/// sleeves, every artifact): each stage in-process, then the whole
/// `allocator backtest` command (target 2 s) and `allocator demo` (target 5 s).
func benchBacktest(scratch: String, quick: Bool) throws {
    let assets = quick ? 30 : 100, years = quick ? 8 : 25
    let label = "backtest \(assets) assets × \(years) y"
    let synthetic = try SyntheticMarket.generate(assets: assets, years: years, seed: 1)
    let dir = scratch + "/backtest"
    try FileBytes.makeDirectories(dir)
    let returnsPath = dir + "/returns.csv"
    try CSVWriter.write(synthetic.returns, to: returnsPath)

    var market: MarketData!
    let load = try medianTime(runs: 3) { market = try MarketData.load(returnsFile: returnsPath) }
    let profile = try BacktestConfig.embeddedDefault().profile(named: nil)
    var result: BacktestResult!
    let simulate = try medianTime(runs: 3) {
        var scaler = UnscaledRebalances()
        result = try ExecSim(profile: profile).run(market: market, start: nil, end: nil, scaler: &scaler)
    }
    let runDir = dir + "/runs/bench"
    let info = RunArtifacts.RunInfo(runId: "bench", startDate: result.tradingDays.first!, endDate: result.tradingDays.last!,
                                    marketData: returnsPath, config: DefaultConfig.sourceName)
    let write = try medianTime(runs: 3) { try RunArtifacts.write(result, info: info, precomputed: nil, to: RunDirectory(path: runDir)) }
    let pipeline = try medianTime(runs: 3) {
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: runDir)).run()
    }
    report(BenchLine(name: "\(label): load returns CSV", seconds: load, target: nil))
    report(BenchLine(name: "\(label): simulate (\(result.rebalanceDates.count) rebalances)", seconds: simulate, target: nil))
    report(BenchLine(name: "\(label): write backtest artifacts", seconds: write, target: nil))
    report(BenchLine(name: "\(label): allocator pipeline", seconds: pipeline, target: nil))
    report(BenchLine(name: "\(label): backtest part (load + simulate + write)", seconds: load + simulate + write,
                     target: quick ? nil : 1.0))
    if runner.isAvailable {
        // Off and compute runs alternate, so machine noise hits both alike.
        var offTimes: [Double] = [], computeTimes: [Double] = []
        for _ in 0..<5 {
            offTimes.append(try runner.time(["backtest", "--returns", returnsPath, "--runs-root", dir + "/runs", "--run-id", "cmd"]))
            computeTimes.append(try runner.time(["backtest", "--returns", returnsPath, "--runs-root", dir + "/runs",
                                                 "--run-id", "cmd-compute", "--allocator-mode", "compute"]))
        }
        let wall = offTimes.sorted()[2], compute = computeTimes.sorted()[2]
        report(BenchLine(name: "\(label): `allocator backtest` wall", seconds: wall, target: quick ? nil : 2.0))
        report(BenchLine(name: "\(label): `--allocator-mode compute` wall (target 1.5 × off)", seconds: compute,
                         target: 1.5 * wall))
        let demo = try medianTime(runs: 3) { _ = try runner.time(["demo", "--runs-root", dir + "/demo-runs"]) }
        report(BenchLine(name: "`allocator demo` wall", seconds: demo, target: 5.0))
    }
}
