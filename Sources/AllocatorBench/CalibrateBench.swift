import Allocator
import Calibration
import Foundation
import TimeSeries

/// `allocator calibrate` on the baseline fixture: 10,000 sampled candidates
/// as a command (wall, every core; target 10 s), and the time of one
/// candidate (regime + risk + applied scalars + score from the cached state)
/// on one thread in-process (target ~2 ms).
func benchCalibrate(fixtures: String, scratch: String, quick: Bool) throws {
    guard FileBytes.isDirectory(fixtures) else { print("skipped calibrate: \(fixtures) not found"); return }
    let dir = scratch + "/calibrate-baseline"
    try copyInputs(from: fixtures + "/baseline_20200106_20251031", to: dir)
    let config = dir + "/calibrate.yaml"
    try FileBytes.writeAtomically("""
        calibrate:
          ranges:
            vol_accel_enter: [1.15, 1.6]
            vol_accel_exit: [1.0, 1.25]
            corr_shock_enter: [0.05, 0.2]
            dd_enter: [-0.15, -0.06]
            min_days_in_regime: [2, 10]
            alpha: [0.1, 0.5]

        """, to: config)
    let count = quick ? 1000 : 10_000
    let plan = try CalibrationPlan.load(path: config)
    let candidates = try CandidateSet.samples(plan, count: count, seed: 7)
    let prepared = try CalibrationRun(run: RunDirectory(path: dir), plan: plan, candidates: candidates,
                                      trainEnd: TradingDate("2023-06-30")).prepare()
    let probe = min(count, 500)
    let perCandidate = medianTime(runs: 3) { for k in 0..<probe { _ = prepared.search.evaluate(k) } } / Double(probe)
    report(BenchLine(name: "calibrate: one candidate, 1 thread (regime+risk+applied+score)", seconds: perCandidate, target: 0.002))
    if runner.isAvailable {
        let wall = try medianTime(runs: 3) {
            _ = try runner.time(["calibrate", "--run-dir", dir, "--config", config, "--samples", "\(count)", "--seed", "7",
                                 "--train-end", "2023-06-30", "--quiet"])
        }
        report(BenchLine(name: "calibrate: \(count) candidates baseline fixture `allocator calibrate` wall", seconds: wall,
                         target: quick ? nil : 10.0))
        print("  = \(fixed(wall / Double(count) * 1e3, 3)) ms wall per candidate, every core (indicative under load)")
    } else {
        print("skipped `allocator calibrate` wall: \(runner.executable) not built")
    }
}
