import ArgumentParser
import Allocator
import Logging
import TimeSeries

struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Compute allocator state v1 (the 10 locked features) for a run directory.",
        discussion: """
        Reads portfolio_returns.csv, equity_curve.csv and asset_returns.csv (required) and \
        trend_unit_returns.csv, sleeve_returns.csv (optional) from the run directory, aligns them \
        on their common dates and writes allocator_state_v1.csv and allocator_state_v1_meta.json.

        Rows lacking a required feature (the first 59 rows, while the 60-day windows fill) are \
        dropped and counted. On any failure the command writes allocator_state_v1_error.json, \
        leaves earlier artifacts untouched and exits with code 1.

        Examples:
          allocator state --output-dir /tmp/out \\
              --run-dir ../shared/fixtures/reference-runs/baseline_20200106_20251031
          allocator state --run-id baseline_20200106_20251031 --runs-root reports/runs
        """
    )

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var lock: LockOptions

    func run() throws {
        try Self.run(LiveRunSettings(runDirectory: runOptions.resolvedRunDirectory, outputDirectory: runOptions.resolvedOutputDirectory,
                                     quiet: output.quiet, lockTimeout: lock.lockTimeout))
    }

    static func run(_ settings: LiveRunSettings) throws {
        ConsoleLogHandler.bootstrap(quiet: settings.quiet)
        let dir = RunDirectory(path: settings.runDirectory)
        var stateRun = StateRun(runDirectory: dir, outputDirectory: settings.outputDirectory)
        stateRun.progress = settings.stateProgress
        let result: StateRunResult
        do {
            let held = try settings.writerLock()
            defer { held?.release() }
            result = try stateRun.execute()
        } catch { throw fail(error) }
        let validator = Logger(label: "Validator")
        for w in result.stateWarnings { validator.warning("\(w)") }
        validator.info("state valid: \(result.state.features.count) features, \(result.state.dates.count) rows")
        print(StateSummary(metadata: result.metadata, runDirectory: dir.path, written: [result.statePath, result.metadataPath]).text)
    }
}

/// The short human summary printed after `allocator state`.
struct StateSummary {
    let metadata: StateMetadata
    let runDirectory: String
    let written: [String]

    var text: String {
        let m = metadata
        let a = m.accounting
        let pct = a.rowsRequested > 0 ? fixed(100 * Double(a.rowsDropped) / Double(a.rowsRequested), 1) : "0.0"
        let shift = m.effectiveStartShiftDays.map { ($0 >= 0 ? "+" : "") + "\($0) days" } ?? "n/a"
        let missing = m.featuresMissing.isEmpty ? "none" : m.featuresMissing.map(\.rawValue).joined(separator: ", ")
        return """
        Allocator state v1 — \(runDirectory)
          rows requested / valid / dropped : \(a.rowsRequested) / \(a.rowsValid) / \(a.rowsDropped) (\(pct)%)
          effective range                  : \(m.effectiveStart.map(\.description) ?? "-") .. \(m.effectiveEnd.map(\.description) ?? "-")
          requested range                  : \(m.requestedStart.map(\.description) ?? "-") .. \(m.requestedEnd.map(\.description) ?? "-") (effective start shift \(shift))
          features present                 : (\(m.featuresPresent.count)) \(m.featuresPresent.map(\.rawValue).joined(separator: ", "))
          features missing                 : \(missing)
          written                          : \(written.joined(separator: "\n" + String(repeating: " ", count: 37)))
        """
    }
}
