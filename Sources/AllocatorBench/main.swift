import Allocator
import Foundation
import Logging
import TimeSeries

/// `allocator-bench [state|pipeline|incremental|backtest|audit|all] [--quick] [--data-dir DIR]`: deterministic inputs, release-build timings,
/// ratio to the targets of the issues.
let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let sections = Set(arguments.enumerated().filter { i, a in !a.hasPrefix("--") && (i == 0 || arguments[i - 1] != "--data-dir") }.map(\.element))
func wants(_ s: String) -> Bool { sections.isEmpty || sections.contains(s) || sections.contains("all") }

let fixtures: String = {
    var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/") + "/../shared/fixtures/reference-runs"
}()
/// `--data-dir DIR` keeps the generated inputs there (for profiling); default: a temporary folder, removed.
let keptDataDir: String? = arguments.firstIndex(of: "--data-dir").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
let scratch = keptDataDir ?? NSTemporaryDirectory() + "allocator-bench-\(getpid())"
let runner = CommandRunner()
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}
func report(_ line: BenchLine) { print(line.text) }

#if DEBUG
print("warning: debug build; measure with `swift run -c release allocator-bench`")
#endif

/// Times `allocator state` in-process per stage and as a command.
func benchState(label: String, dir: String, target: Double?) throws {
    let run = RunDirectory(path: dir)
    var inputs: StateInputs!
    let parse = try medianTime(runs: 3) { inputs = try run.loadStateInputs() }
    var state: AllocatorState!
    var accounting: StateAccounting!
    let compute = medianTime(runs: 3) { (state, accounting) = StateComputation.compute(inputs) }
    let out = dir + "/bench-out"
    try FileBytes.makeDirectories(out)
    let write = try medianTime(runs: 3) {
        try CSVWriter.write(state.panel, to: out + "/allocator_state_v1.csv")
        let meta = StateMetadata(state: state, accounting: accounting, commonDates: inputs.commonDates, requested: (nil, nil))
        try FileBytes.writeAtomically(meta.json().serialized(), to: out + "/allocator_state_v1_meta.json")
    }
    report(BenchLine(name: "\(label): parse", seconds: parse, target: nil))
    report(BenchLine(name: "\(label): compute", seconds: compute, target: nil))
    report(BenchLine(name: "\(label): write", seconds: write, target: nil))
    if runner.isAvailable {
        let wall = try medianTime(runs: 5) { _ = try runner.time(["state", "--run-dir", dir, "--output-dir", out]) }
        report(BenchLine(name: "\(label): `allocator state` wall", seconds: wall, target: target))
    }
}

do {
    if wants("state") {
        if FileBytes.isDirectory(fixtures) {
            let copy = scratch + "/fixture-baseline"
            try copyInputs(from: fixtures + "/baseline_20200106_20251031", to: copy)
            try benchState(label: "state baseline fixture", dir: copy, target: 0.050)
        } else {
            print("skipped baseline fixture: \(fixtures) not found")
        }
        let days = quick ? 1000 : 5000
        let wide = scratch + "/wide"
        try SyntheticRun.write(to: wide, assets: quick ? 200 : 1000, days: days, missingShare: 0, seed: 1, optionalInputs: false)
        try benchState(label: "state \(quick ? 200 : 1000) assets × \(days) days, no gaps", dir: wide, target: quick ? nil : 1.5)
        let gappy = scratch + "/gappy"
        try SyntheticRun.write(to: gappy, assets: 200, days: days, missingShare: 0.05, seed: 2, optionalInputs: true)
        try benchState(label: "state 200 assets × \(days) days, 5% missing", dir: gappy, target: quick ? nil : 2.0)
        print("peak RSS (bench process) \(fixed(peakResidentMiB(), 1)) MiB; (commands) \(fixed(peakChildResidentMiB(), 1)) MiB")
    }
    if wants("pipeline") { try benchPipeline(fixtures: fixtures, scratch: scratch) }
    if wants("incremental") {
        try benchStep(fixtures: fixtures, scratch: scratch)
        try benchLiveUpdate(scratch: scratch, quick: quick)
    }
    if wants("backtest") { try benchBacktest(scratch: scratch, quick: quick) }
    if wants("audit") { try benchAudit(fixtures: fixtures, scratch: scratch, quick: quick) }
    if keptDataDir == nil { try? FileManager.default.removeItem(atPath: scratch) }
} catch {
    print("benchmark failed: \(error)")
    try? FileManager.default.removeItem(atPath: scratch)
    exit(1)
}
