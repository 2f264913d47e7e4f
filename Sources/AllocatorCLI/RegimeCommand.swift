import ArgumentParser
import Allocator
import Logging
import TimeSeries

struct RegimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regime",
        abstract: "Classify each date of allocator state v1 as NORMAL, ELEVATED, STRESS or CRISIS.",
        discussion: """
        Reads allocator_state_v1.csv (from the output directory when it holds one, else from the \
        run directory) and writes allocator_regime_v1.csv (date,regime) and \
        allocator_regime_v1_meta.json.

        Four stress flags per date, with ENTER thresholds: fast vol (vol_accel ≥ 1.30), \
        correlation spike (corr_shock ≥ 0.10), deep drawdown (dd_level ≤ −0.10), worsening \
        drawdown (dd_slope_10d ≤ −0.06); the score is the number of flags on. CRISIS when \
        dd_level ≤ −0.20, score ≥ 3, or fast vol + corr spike + worsening; STRESS when score ≥ 2, \
        fast vol + corr spike, or dd_level ≤ −0.12; ELEVATED when score ≥ 1; else NORMAL.

        Hysteresis: a more severe regime is entered at once; a less severe one only after \
        min_days_in_regime (5) days and when the same flags with the looser EXIT thresholds \
        (1.15, 0.05, −0.06, −0.03) score below the current level.

        Thresholds are changed in the `regime:` block of --config by their metadata names \
        (vol_accel_enter, vol_accel_exit, corr_shock_enter, corr_shock_exit, dd_enter, dd_exit, \
        dd_stress_enter, dd_crisis_enter, dd_slope_enter, dd_slope_exit, min_days_in_regime). \
        A threshold set that breaks hysteresis is refused with exit code 1.

        Examples:
          allocator regime --output-dir /tmp/out \\
              --run-dir ../shared/fixtures/reference-runs/baseline_20200106_20251031
          allocator regime --run-id my_run --config allocator.yaml
        """
    )

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var lock: LockOptions

    func run() throws {
        ConsoleLogHandler.bootstrap(quiet: output.quiet)
        do {
            let held = try lock.writer(for: runOptions)
            defer { held?.release() }
            try execute()
        } catch { throw fail(error) }
    }

    private func execute() throws(AllocatorError) {
        let log = Logger(label: "Regime")
        let allocator = try RiskAllocator(configuration: AllocatorConfig(regime: try config.load().regime))
        let series = try classifyState(in: runOptions, allocator: allocator, log: log)
        let written = try writeArtifacts(RegimeArtifacts.files(series, thresholds: allocator.configuration.regime),
                                         to: runOptions.resolvedOutputDirectory)
        for file in written { log.info("Wrote \(file)") }
        print(RegimeSummary(series: series).text)
    }
}

/// Regime distribution and transitions, as printed after `allocator regime` and `allocator risk`.
struct RegimeSummary {
    let series: RegimeSeries

    var text: String {
        let stats = RegimeStatistics(series.regimes)
        let range = "\(series.dates.first.map(\.description) ?? "-") .. \(series.dates.last.map(\.description) ?? "-")"
        var lines = ["Regime v1 — \(series.count) days, \(range)",
                     "  regime      days       %   longest run"]
        for regime in Regime.allCases {
            let days = stats.dayCounts.first { $0.regime == regime }?.days ?? 0
            let pct = stats.percentages.first { $0.regime == regime }?.percent ?? 0
            let run = stats.maxConsecutiveDays.first { $0.regime == regime }?.days ?? 0
            lines.append("  " + padded(regime.label, 9) + rightAligned(String(days), 7)
                         + rightAligned(fixed(pct, 1), 8) + rightAligned(String(run), 14))
        }
        let changes = stats.transitions.filter { $0.from != $0.to }
        lines.append("  regime changes: \(changes.reduce(0) { $0 + $1.count })")
        if !changes.isEmpty {
            lines.append("    " + changes.map { "\($0.key) \($0.count)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
