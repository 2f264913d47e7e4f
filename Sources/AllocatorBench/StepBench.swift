import Allocator
import TimeSeries

/// Cost of one ``AllocatorEngine/step(_:)`` after warm-up: targets 20 µs at 13
/// assets (baseline fixture) and 1 ms at 200 assets (5% of cells missing).
func benchStep(fixtures: String, scratch: String) throws {
    if FileBytes.isDirectory(fixtures) {
        let inputs = try RunDirectory(path: fixtures + "/baseline_20200106_20251031").loadStateInputs()
        try timeSteps(label: "engine step, 13 assets (baseline fixture)", inputs: inputs, target: 20e-6)
    }
    let dir = scratch + "/step-200"
    try SyntheticRun.write(to: dir, assets: 200, days: 1500, missingShare: 0.05, seed: 3, optionalInputs: true)
    try timeSteps(label: "engine step, 200 assets, 5% missing", inputs: try RunDirectory(path: dir).loadStateInputs(),
                  target: 1e-3)
}

private func timeSteps(label: String, inputs: StateInputs, target: Double) throws {
    let rows = RowFeed(inputs)
    var engine = try AllocatorEngine(assetCount: inputs.assetReturns.columnCount,
                                     trendColumnCount: inputs.trendUnitReturns?.columnCount,
                                     sleeveColumnCount: inputs.sleeveReturns?.columnCount,
                                     thresholds: RegimeThresholds(), riskConfig: RiskConfig())
    let warmUp = min(200, rows.count / 2)
    for i in 0..<warmUp { _ = rows.step(i, &engine) }
    var checksum = 0.0
    let t = timed {
        for i in warmUp..<rows.count { checksum += rows.step(i, &engine).riskScalar ?? 0 }
    }
    let perStep = t / Double(rows.count - warmUp)
    report(BenchLine(name: label + " (per day)", seconds: perStep, target: target))
    if checksum.isNaN { print("unexpected NaN") }
}

/// Inputs aligned to their common dates, as rows for the engine.
private struct RowFeed {
    let count: Int
    let portfolio: [Double]
    let equity: [Double]
    let assetRows: [[Double]]
    let trendRows: [[Double]]?
    let sleeveRows: [[Double]]?

    init(_ inputs: StateInputs) {
        let dates = inputs.commonDates
        count = dates.count
        func series(_ s: Series) -> [Double] {
            Alignment.positions(of: dates, in: s.dates).map { $0 >= 0 ? s.values[$0] : .nan }
        }
        func rows(_ p: Panel?) -> [[Double]]? {
            guard let p else { return nil }
            let cols = p.reindexed(to: dates).columns
            return (0..<dates.count).map { r in cols.map { $0[r] } }
        }
        portfolio = series(inputs.portfolioReturns)
        equity = series(inputs.equityCurve)
        assetRows = rows(inputs.assetReturns)!
        trendRows = rows(inputs.trendUnitReturns)
        sleeveRows = rows(inputs.sleeveReturns)
    }

    func step(_ i: Int, _ engine: inout AllocatorEngine) -> EngineStep {
        assetRows[i].withUnsafeBufferPointer { a in
            optionalRow(trendRows?[i]) { t in
                optionalRow(sleeveRows?[i]) { s in
                    engine.step(StateInputRow(portfolioReturn: portfolio[i], equity: equity[i], assetReturns: a,
                                              trendUnitReturns: t, sleeveReturns: s))
                }
            }
        }
    }
}

private func optionalRow<R>(_ row: [Double]?, _ body: (UnsafeBufferPointer<Double>?) -> R) -> R {
    guard let row else { return body(nil) }
    return row.withUnsafeBufferPointer { body($0) }
}
