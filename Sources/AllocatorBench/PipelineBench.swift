import Allocator
import Foundation
import TimeSeries

/// `allocator pipeline` on the baseline fixture (target 60 ms) and `allocator
/// update` after one new day (target 10 ms, issue 12), both as commands (wall time).
func benchPipeline(fixtures: String, scratch: String) throws {
    guard FileBytes.isDirectory(fixtures) else { print("skipped pipeline: \(fixtures) not found"); return }
    guard runner.isAvailable else { print("skipped pipeline: \(runner.executable) not built"); return }
    let source = fixtures + "/baseline_20200106_20251031"
    let dir = scratch + "/pipeline-baseline"
    try copyInputs(from: source, to: dir)
    let pipeline = try medianTime(runs: 7) { _ = try runner.time(["pipeline", "--run-dir", dir]) }
    report(BenchLine(name: "pipeline baseline fixture: `allocator pipeline` wall", seconds: pipeline, target: 0.060))

    // 15 runs: a few milliseconds each, where a median of 5 moves by ±1 ms on a shared machine.
    try oneDayUpdate(label: "baseline fixture", source: source, dir: dir, target: 0.010, runs: 15)
    let noop = try medianTime(runs: 7) { _ = try runner.time(["update", "--run-dir", dir]) }
    report(BenchLine(name: "update baseline fixture, nothing new (no-op) wall", seconds: noop, target: nil))
}

/// Copies a run's inputs, optionally without the last `n` data rows of each daily input.
func copyInputs(from source: String, to dir: String, droppingLastRows n: Int = 0) throws {
    try FileBytes.makeDirectories(dir)
    for name in ["portfolio_returns.csv", "equity_curve.csv", "asset_returns.csv", "trend_unit_returns.csv",
                 "sleeve_returns.csv", "weights.csv", "meta.json"] where FileBytes.exists(source + "/" + name) {
        var bytes = try FileBytes.read(path: source + "/" + name)
        if n > 0 && name.hasSuffix(".csv") && name != "weights.csv" {
            var cut = bytes.count - 1
            for _ in 0..<n { cut = bytes[..<cut].lastIndex(of: 0x0A)! }
            bytes = Array(bytes[...cut])
        }
        try FileBytes.writeAtomically(bytes, to: dir + "/" + name)
    }
}
