#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Allocator
import Foundation
import TimeSeries

/// `allocator update` after one new day (SPEC §12, issue 12 targets: 200 ×
/// 5000 with 5 % gaps 50 ms, 1000 × 5000 150 ms; the baseline fixture's is in
/// the `pipeline` section), the
/// engine snapshot's size and decode time at 1000 assets, and kill/resume
/// cycles: `allocator pipeline` SIGKILLed at spread-out moments, then
/// `allocator update` repairing or continuing the run.
func benchLiveUpdate(scratch: String, quick: Bool) throws {
    guard runner.isAvailable else { print("skipped live update: \(runner.executable) not built"); return }
    let days = quick ? 1000 : 5000
    let gappy = scratch + "/live-gappy-source"
    try SyntheticRun.write(to: gappy, assets: 200, days: days, missingShare: 0.05, seed: 2, optionalInputs: true)
    try oneDayUpdate(label: "200 × \(days), 5% missing", source: gappy, dir: scratch + "/live-gappy", target: quick ? nil : 0.050)
    let wideAssets = quick ? 200 : 1000
    let wide = scratch + "/live-wide-source"
    try SyntheticRun.write(to: wide, assets: wideAssets, days: days, missingShare: 0, seed: 1, optionalInputs: false)
    let dir = scratch + "/live-wide"
    try oneDayUpdate(label: "\(wideAssets) × \(days)", source: wide, dir: dir, target: quick ? nil : 0.150)

    let snapshotPath = dir + "/" + RunDirectory.File.snapshot
    let bytes = try FileBytes.read(path: snapshotPath)
    var decoded: EngineSnapshot?
    let decode = medianTime(runs: 5) { decoded = EngineSnapshot.decode(bytes).0 }
    report(BenchLine(name: "snapshot \(wideAssets) assets: size", seconds: Double(bytes.count) / 1e6, target: nil, format: formatMegabytes))
    report(BenchLine(name: "snapshot \(wideAssets) assets: decode", seconds: decode, target: nil))
    if decoded == nil { print("snapshot did not decode") }

    try killResume(source: wide, dir: scratch + "/live-kill", label: "\(wideAssets) × \(days)")
}

/// Median wall time of `allocator update` over `runs` one-day growths of `source`.
func oneDayUpdate(label: String, source: String, dir: String, target: Double?, runs: Int = 5) throws {
    var times: [Double] = []
    for _ in 0..<runs {
        try copyInputs(from: source, to: dir, droppingLastRows: 1)
        _ = try runner.time(["pipeline", "--run-dir", dir])
        try copyInputs(from: source, to: dir)
        times.append(try runner.time(["update", "--run-dir", dir]))
    }
    times.sort()
    report(BenchLine(name: "update \(label), one new day: wall", seconds: times[times.count / 2], target: target))
}

/// Kill/resume: pipeline on inputs grown by 20 days, SIGKILLed at 10 moments
/// spread over its duration, then `update`; reports how many sets were torn
/// and the median time of the resuming update.
private func killResume(source: String, dir: String, label: String) throws {
    try copyInputs(from: source, to: dir, droppingLastRows: 20)
    _ = try runner.time(["pipeline", "--run-dir", dir])
    try copyInputs(from: source, to: dir)
    let saved = try allocatorFiles(dir)
    let full = try runner.time(["pipeline", "--run-dir", dir])
    var torn = 0
    var resumes: [Double] = []
    for k in 0..<10 {
        for name in try allocatorFiles(dir).keys where saved[name] == nil { FileBytes.remove(dir + "/" + name) }
        for (name, bytes) in saved { try FileBytes.writeAtomically(bytes, to: dir + "/" + name) }
        try runner.killed(["pipeline", "--run-dir", dir], after: full * Double(k + 1) / 10)
        do { try RunDirectory(path: dir).verifyGeneration() } catch { torn += 1 }
        resumes.append(try runner.time(["update", "--run-dir", dir]))
        try RunDirectory(path: dir).verifyGeneration()
    }
    resumes.sort()
    report(BenchLine(name: "kill/resume \(label): pipeline killed ×10, \(torn) torn; update", seconds: resumes[resumes.count / 2],
                     target: nil))
}

/// The allocator's files of a run directory (artifacts, snapshot, manifest), by name.
private func allocatorFiles(_ dir: String) throws -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasPrefix("allocator_") {
        files[name] = try FileBytes.read(path: dir + "/" + name)
    }
    return files
}
