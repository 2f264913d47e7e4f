import Allocator
import Foundation
import Logging
import TimeSeries

/// `allocator-bench [SECTION ...] [--quick] [--no-large] [--data-dir DIR]` (`--help` lists
/// them): deterministic inputs, release-build timings, ratio to the targets of the issues.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.count >= 2 && arguments[0] == "--peak-rss-of" {
    exit(CommandRunner().reportPeakResident(file: arguments[1], arguments: Array(arguments.dropFirst(2))))
}
let usage = """
    usage: allocator-bench [SECTION ...] [--quick] [--no-large] [--data-dir DIR]

    Times the allocator's hot paths on deterministic inputs and prints, per line,
    the median time (or throughput) and its ratio to the issue's target (SLOW
    above 1). Build with `swift build -c release` and run
    `.build/release/allocator-bench`; a debug build warns.

    sections (default: all of them)
      parse        CSV read (one core, and rows in two halves on two threads)
                   and encode, MB/s, on the 1000 × 5000 asset returns
      state        `allocator state` on the baseline fixture, 1000 × 5000 with
                   no gaps, 200 × 5000 and 2000 × 2520 with 5% missing: parse,
                   compute and write, MB/s, gap kernel ns per pair-row, peak RSS
      pipeline     `allocator pipeline` and a one-day `allocator update` on the
                   baseline fixture
      incremental  the per-day engine step at 13 and 200 assets; one-day
                   `update` on three runs; snapshot size; kill/resume cycles
      backtest     100 assets × 25 years (allocator off and compute), demo
      audit        `allocator audit` on the baseline fixture and 100 × 25 years
      calibrate    10,000 sampled candidates on the baseline fixture
      all          every section

    options
      --quick      smaller inputs, for a quick look (the targets are set for
                   the full sizes)
      --no-large   skip the 2000 × 2520 state case (about a minute per run)
      --data-dir DIR
                   keep the generated inputs in DIR (for profiling) instead of
                   a temporary folder that is removed
      -h, --help   this text
    """
let knownSections: Set<String> = ["parse", "state", "pipeline", "incremental", "backtest", "audit", "calibrate", "all"]
if arguments.contains("--help") || arguments.contains("-h") {
    print(usage)
    exit(0)
}
let quick = arguments.contains("--quick")
let skipLarge = arguments.contains("--no-large")
let sections = Set(arguments.enumerated().filter { i, a in !a.hasPrefix("--") && (i == 0 || arguments[i - 1] != "--data-dir") }.map(\.element))
let knownOptions: Set<String> = ["--quick", "--no-large", "--data-dir"]
if let unknown = sections.subtracting(knownSections).sorted().first ?? arguments.first(where: { $0.hasPrefix("-") && !knownOptions.contains($0) }) {
    FileHandle.standardError.write(Data("allocator-bench: unknown section or option `\(unknown)`\n\n\(usage)\n".utf8))
    exit(1)
}
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

/// Parse and write throughput target (issue 13): typical artifact text at memory speed.
let throughputTarget = 1000.0

/// Times `allocator state` in-process per stage and as a command; `gapPairRows`
/// (pairs × rows × windows of the gap kernel) adds its cost per pair-row.
func benchState(label: String, dir: String, target: Double?, computeTarget: Double? = nil, runs: Int = 3,
                gapPairRows: Double? = nil, memoryTarget: Double? = nil) throws {
    let run = RunDirectory(path: dir)
    var inputs: StateInputs!
    let inputSizes = ["portfolio_returns.csv", "equity_curve.csv", "asset_returns.csv", "trend_unit_returns.csv",
                      "sleeve_returns.csv"].map { name in (try? FileBytes.read(path: dir + "/" + name))?.count ?? 0 }
    let inputBytes = inputSizes.reduce(0, +)
    let parse = try medianTime(runs: runs) { inputs = try run.loadStateInputs() }
    var state: AllocatorState!
    var accounting: StateAccounting!
    let compute = medianTime(runs: runs) { (state, accounting) = StateComputation.compute(inputs) }
    let out = dir + "/bench-out"
    try FileBytes.makeDirectories(out)
    var outputBytes = 0
    let write = try medianTime(runs: runs) {
        let csv = CSVWriter.encode(state.panel)
        try FileBytes.writeAtomically(csv, to: out + "/allocator_state_v1.csv")
        let meta = StateMetadata(state: state, accounting: accounting, commonDates: inputs.commonDates, requested: (nil, nil))
        let json = meta.json().serialized()
        try FileBytes.writeAtomically(json, to: out + "/allocator_state_v1_meta.json")
        outputBytes = csv.count + json.utf8.count
    }
    let megabytesPerSecond = { (s: Double) in fixed(s, 0) + " MB/s" }
    report(BenchLine(name: "\(label): parse", seconds: parse, target: nil))
    // The one-core target is measured by `allocator-bench parse`; here the inputs are read as
    // `allocator` reads them (the files concurrently from 256 KB in all, the rows of a file of 1 MB
    // or more in two halves on two threads), so the target applies only to a one-thread read.
    let oneThread = inputBytes < RunDirectory.concurrentInputBytes && !inputSizes.contains { $0 >= CSVReader.parallelBytes }
    report(BenchLine(name: "\(label): parse throughput", seconds: Double(inputBytes) / 1e6 / parse,
                     target: oneThread ? throughputTarget : nil,
                     format: megabytesPerSecond).inverted)
    report(BenchLine(name: "\(label): compute", seconds: compute, target: computeTarget))
    if let gapPairRows {
        report(BenchLine(name: "\(label): gap kernel per pair-row", seconds: compute / gapPairRows, target: nil,
                         format: { fixed($0 * 1e9, 2) + " ns" }))
    }
    report(BenchLine(name: "\(label): write", seconds: write, target: nil))
    report(BenchLine(name: "\(label): write throughput", seconds: Double(outputBytes) / 1e6 / write,
                     target: nil, format: megabytesPerSecond))
    if runner.isAvailable {
        let command = ["state", "--run-dir", dir, "--output-dir", out]
        if let memoryTarget {
            let run = try runner.timeWithPeakResident(command)
            report(BenchLine(name: "\(label): `allocator state` wall", seconds: run.seconds, target: target))
            report(BenchLine(name: "\(label): `allocator state` peak RSS", seconds: run.megabytes,
                             target: memoryTarget, format: { fixed($0, 0) + " MB" }))
        } else {
            let wall = try medianTime(runs: runs == 1 ? 1 : 5) { _ = try runner.time(command) }
            report(BenchLine(name: "\(label): `allocator state` wall", seconds: wall, target: target))
        }
    }
}

/// Pairs × rows × the two correlation windows: the gap kernel's unit of work.
func pairRows(assets: Int, days: Int) -> Double { Double(assets * (assets - 1) / 2) * Double(days) * 2 }

do {
    if wants("parse") { try benchParse(scratch: scratch, assets: quick ? 200 : 1000, days: quick ? 1000 : 5000) }
    if wants("state") {
        if FileBytes.isDirectory(fixtures) {
            let copy = scratch + "/fixture-baseline"
            try copyInputs(from: fixtures + "/baseline_20200106_20251031", to: copy)
            try benchState(label: "state baseline fixture", dir: copy, target: 0.010)
        } else {
            print("skipped baseline fixture: \(fixtures) not found")
        }
        let days = quick ? 1000 : 5000
        let wide = scratch + "/wide"
        try SyntheticRun.write(to: wide, assets: quick ? 200 : 1000, days: days, missingShare: 0, seed: 1, optionalInputs: false)
        try benchState(label: "state \(quick ? 200 : 1000) assets × \(days) days, no gaps", dir: wide, target: quick ? nil : 0.5)
        let gappy = scratch + "/gappy"
        try SyntheticRun.write(to: gappy, assets: 200, days: days, missingShare: 0.05, seed: 2, optionalInputs: true)
        try benchState(label: "state 200 assets × \(days) days, 5% missing", dir: gappy, target: quick ? nil : 0.8,
                       gapPairRows: pairRows(assets: 200, days: days))
        if !quick && !skipLarge {
            let large = scratch + "/large-gappy"
            try SyntheticRun.write(to: large, assets: 2000, days: 2520, missingShare: 0.05, seed: 4, optionalInputs: false)
            try benchState(label: "state 2000 assets × 2520 days, 5% missing", dir: large, target: 30, runs: 1,
                           gapPairRows: pairRows(assets: 2000, days: 2520), memoryTarget: 300)
        }
        print("peak RSS (bench process, holding the cases' inputs in process) \(fixed(peakResidentMiB(), 1)) MiB")
    }
    if wants("pipeline") { try benchPipeline(fixtures: fixtures, scratch: scratch) }
    if wants("incremental") {
        try benchStep(fixtures: fixtures, scratch: scratch)
        try benchLiveUpdate(scratch: scratch, quick: quick)
    }
    if wants("backtest") { try benchBacktest(scratch: scratch, quick: quick) }
    if wants("audit") { try benchAudit(fixtures: fixtures, scratch: scratch, quick: quick) }
    if wants("calibrate") { try benchCalibrate(fixtures: fixtures, scratch: scratch, quick: quick) }
    if keptDataDir == nil { try? FileManager.default.removeItem(atPath: scratch) }
} catch {
    print("benchmark failed: \(error)")
    try? FileManager.default.removeItem(atPath: scratch)
    exit(1)
}
