#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Allocator
import Audit
import Calibration
import TimeSeries

struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Tune regime thresholds and smoothing for behaviour (SPEC §11): a grid or random search, on all cores, shardable.",
        discussion: """
        The state is computed once from the run's inputs; each candidate (the --config file's \
        regime:/risk: blocks with some parameters changed) is classified, smoothed and lagged onto \
        the rebalances of weights.csv, then scored (lower is better):
          Σ|share − target| (NORMAL 0.70, ELEVATED 0.20, STRESS 0.08, CRISIS 0.02)
          + max(0, transitions/yr − 20)/20 + thrash/yr
          + missed stress windows + calm-window events
        each term weighted (calibrate: weights:). De-risk events are runs of rebalances whose applied \
        scalar is < 0.70; windows as in the audit (--stress-window/--calm-window, the synthetic \
        market's crisis spells, else the built-in named windows). With --train-end D candidates are \
        ranked on dates ≤ D and also scored on the rest.

        The calibrate: block of --config: a list of values per parameter (a grid), or ranges: \
        {name: [min, max]} for --samples N --seed S. Parameters: any regime threshold by its \
        metadata name, min_days_in_regime, alpha or half_life.

        Writes <run>/calibration/: candidates.csv, best.yaml (a --config file), summary.md, \
        calibration.json. --shard i/n evaluates the candidates k with k mod n = i and writes \
        shard-i-of-n.csv; `allocator calibrate merge` joins the shards.

        Examples:
          allocator calibrate --run-dir reports/runs/base --config calib.yaml \\
              --train-end 2023-06-30
          allocator calibrate --run-id base --config calib.yaml \\
              --samples 10000 --seed 7 --shard 2/8
          allocator calibrate merge --run-id base
        """,
        subcommands: [CalibrateSearchCommand.self, CalibrateMergeCommand.self],
        defaultSubcommand: CalibrateSearchCommand.self
    )
}

/// Reports a calibration failure: one `error:` line, exit code 1.
func fail(_ error: CalibrationError) -> ExitCode {
    printError("error: \(error.description)")
    return ExitCode(1)
}

struct CalibrateSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Evaluate the candidates (the default of `allocator calibrate`).")

    @OptionGroup var runOptions: RunLocationOptions

    @Option(help: ArgumentHelp("YAML file (required): regime:/risk: blocks (the base) and the calibrate: block (grid, ranges, weights); see docs/calibrate_example.yaml.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Draw N candidates within the calibrate: block's ranges instead of the grid.", valueName: "n"))
    var samples: Int?

    @Option(help: ArgumentHelp("Seed of --samples (deterministic).", valueName: "s"))
    var seed: UInt64 = 1

    @Option(name: .customLong("train-end"), help: ArgumentHelp("Rank on dates ≤ DATE, also score on the dates after it.", valueName: "yyyy-mm-dd"))
    var trainEnd: String?

    @Option(help: ArgumentHelp("Evaluate only the candidates k with k mod n = i; writes calibration/shard-i-of-n.csv.", valueName: "i/n"))
    var shard: String?

    @Option(help: ArgumentHelp("Candidates evaluated at once (default: every core).", valueName: "n"))
    var threads: Int?

    @OptionGroup var audit: AuditOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        ConsoleLogHandler.bootstrap(quiet: output.quiet)
        let calibration: CalibrationRun
        do { calibration = try prepare() } catch { throw fail(error) }
        let progress = TerminalProgress(label: "calibrate", unit: "candidates")
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        do {
            let (written, meta, results) = try await calibration.execute(threads: threads ?? cores) { progress.update($0, $1) }
            if !output.quiet { printCalibration(meta: meta, results: results, written: written) }
        } catch { throw fail(error) }
    }

    /// The run to do, every flag checked (errors exit 1 before anything is read or written).
    func prepare() throws(CalibrationError) -> CalibrationRun {
        if let threads, threads < 1 { throw .invalidPlan("--threads must be at least 1, got \(threads)") }
        var shardPair: (Int, Int)?
        if let shard {
            let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0 else {
                throw .invalidPlan("--shard `\(shard)`: expected i/n with whole numbers, n ≥ 1 (e.g. 0/4)")
            }
            guard i < n else { throw .invalidPlan("--shard \(shard): the index \(i) must be < the shard count \(n) (shards are 0…\(n - 1))") }
            shardPair = (i, n)
        }
        var end: TradingDate?
        if let trainEnd {
            guard let d = TradingDate(trainEnd) else { throw .invalidPlan("--train-end `\(trainEnd)` is not a YYYY-MM-DD date") }
            end = d
        }
        guard let config else {
            throw .invalidPlan("nothing to search: give --config FILE with a calibrate: block listing values per "
                + "parameter for a grid, e.g. `calibrate: {vol_accel_enter: [1.2, 1.3, 1.4]}`, or `ranges:` for --samples, "
                + "e.g. `calibrate: {ranges: {vol_accel_enter: [1.1, 1.6]}}` (see docs/calibrate_example.yaml)")
        }
        let plan = try CalibrationPlan.load(path: config)
        let candidates: CandidateSet
        if let samples { candidates = try CandidateSet.samples(plan, count: samples, seed: seed) } else { candidates = try CandidateSet.grid(plan) }
        let windows: [AuditWindow]
        do { windows = try audit.windows() } catch { throw .invalidPlan(error.description) }
        return CalibrationRun(run: RunDirectory(path: runOptions.resolvedRunDirectory), plan: plan, candidates: candidates,
                              trainEnd: end, windowFlags: windows, shard: shardPair)
    }
}

struct CalibrateMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join calibration/shard-i-of-n.csv files into candidates.csv, best.yaml and summary.md (byte-identical to an unsharded run).")

    @OptionGroup var runOptions: RunLocationOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        ConsoleLogHandler.bootstrap(quiet: output.quiet)
        do {
            let written = try CalibrationMerge.merge(run: RunDirectory(path: runOptions.resolvedRunDirectory))
            if !output.quiet { for file in written { print("wrote \(file)") } }
        } catch { throw fail(error) }
    }
}

/// The headline of a calibration: counts, the defaults against the best, the files.
func printCalibration(meta: CalibrationMeta, results: [CandidateResult], written: [String]) {
    print("Calibration of \(meta.runId): \(meta.source), \(meta.evaluated) evaluated, \(meta.skipped) skipped as invalid"
          + (meta.shard.map { " (shard \($0.index)/\($0.count) of \(meta.candidateCount))" } ?? ""))
    let split = meta.periods.count > 1
    func line(_ label: String, _ train: PeriodScore, _ test: PeriodScore?) -> String {
        "  \(padded(label, 22)) score \(fixed(train.score, 4))  NORMAL \(fixed(train.shares[0], 3))  transitions/yr \(fixed(train.transitionsPerYear, 1))  thrash/yr \(fixed(train.thrashPerYear, 1))  missed \(train.stressMissed)  calm \(train.calmEvents)"
            + (test.map { "  | test score \(fixed($0.score, 4))" } ?? "")
    }
    print(line("defaults", meta.defaults[0], split ? meta.defaults[1] : nil))
    if meta.shard == nil, let best = results.min(by: CandidateResult.ranked) {
        print(line("best (candidate \(best.index))", best.train, best.test))
        print("  " + zip(meta.parameters, best.values).map { "\($0.0)=\(CalibrationParameter.isInteger($0.0) ? String(Int($0.1)) : $0.1.pythonRepr)" }.joined(separator: " "))
    }
    for file in written { print("  wrote \(file)") }
}
