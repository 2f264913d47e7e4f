import Allocator
import Backtest
import Foundation
import TimeSeries

/// `allocator audit` as a command (wall time, allocator artifacts computed each run):
/// the baseline fixture (target 150 ms) and a 100-asset × 25-year ExecSim run
/// (target 1.5 s), and the size of the latter's `report.html` (target 2 MB).
func benchAudit(fixtures: String, scratch: String, quick: Bool) throws {
    guard runner.isAvailable else { print("skipped audit: \(runner.executable) not built"); return }
    if FileBytes.isDirectory(fixtures) {
        let dir = scratch + "/audit-baseline"
        let wall = try medianTime(runs: 7) {
            try? FileManager.default.removeItem(atPath: dir)
            try copyInputs(from: fixtures + "/baseline_20200106_20251031", to: dir)
            _ = try runner.time(["audit", "--run-dir", dir])
        }
        report(BenchLine(name: "audit baseline fixture (artifacts, replay, comparison, scorecard, report) wall", seconds: wall,
                         target: 0.150))
    } else {
        print("skipped audit baseline fixture: \(fixtures) not found")
    }
    let years = quick ? 5 : 25
    let market = scratch + "/audit-market.csv"
    let runs = scratch + "/audit-runs"
    try FileBytes.makeDirectories(scratch)
    try CSVWriter.write(try SyntheticMarket.generate(assets: 100, years: years, seed: 11).returns, to: market)
    _ = try runner.time(["backtest", "--returns", market, "--runs-root", runs, "--run-id", "wide"])
    let source = runs + "/wide"
    let dir = runs + "/wide-copy"
    let wall = try medianTime(runs: 5) {
        try? FileManager.default.removeItem(atPath: dir)
        try copyInputs(from: source, to: dir)
        _ = try runner.time(["audit", "--run-dir", dir])
    }
    report(BenchLine(name: "audit 100 assets × \(years) years wall", seconds: wall, target: quick ? nil : 1.5))
    let size = try FileManager.default.attributesOfItem(atPath: runs + "/wide-copy_audit/report.html")[.size] as? Int ?? 0
    report(BenchLine(name: "report.html size, 100 assets × \(years) years", seconds: Double(size) / 1e6,
                     target: quick ? nil : 2.0, format: formatMegabytes))
}
