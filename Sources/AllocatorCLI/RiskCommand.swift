import ArgumentParser
import Allocator
import Logging
import TimeSeries

struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Turn each date's regime into a smoothed risk scalar, and lag it onto the rebalances.",
        discussion: """
        Reads allocator_state_v1.csv (output directory first, else run directory), classifies \
        regimes as `allocator regime` does, and writes allocator_risk_v1.csv (date,risk_scalar) \
        and allocator_risk_v1_meta.json. When the run directory has weights.csv, it also writes \
        allocator_risk_v1_applied.csv and its metadata: for each rebalance, the last risk scalar \
        on or before the previous rebalance (1-rebalance lag; 1.0 where none exists).

        Scalar: target = the profile's value for the regime; EWMA s[t] = (1 − α)·s[t−1] + α·target[t] \
        with s[0] = target[0]; then clipped to [floor, 1.0].

          profile  NORMAL  ELEVATED  STRESS  CRISIS  alpha  floor
          L         1.00     0.85     0.55    0.30   0.25   0.25   (default)
          M         1.00     0.90     0.70    0.45   0.20   0.35
          H         1.00     0.98     0.85    0.60   0.15   0.50

        --half-life h sets α = 1 − exp(−ln 2 / h). Flags override the `risk:` block of --config. \
        α outside (0, 1] or a floor outside (0, 1] is refused with exit code 1 naming the parameter; \
        earlier artifacts are then left untouched.

        Examples:
          allocator risk --output-dir /tmp/out \\
              --run-dir ../shared/fixtures/reference-runs/baseline_20200106_20251031
          allocator risk --run-id my_run --profile H --half-life 8
          allocator risk --run-id my_run --override-regime STRESS --profile M
        """
    )

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var risk: RiskOptions
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
        let log = Logger(label: "Risk")
        let allocator = try RiskAllocator(configuration: try config.load().overridingRisk(risk.settings))
        let regimes = try classifyState(in: runOptions, allocator: allocator, log: log)
        let scalars = allocator.transform(regimes, logger: log)
        var files = RiskArtifacts.files(scalars, config: allocator.riskConfig)
        var applied: AppliedScalars?
        let run = RunDirectory(path: runOptions.resolvedRunDirectory)
        if let rebalances = try run.rebalanceDates() {
            let lagged = allocator.applied(scalars, rebalanceDates: rebalances)
            files += AppliedScalarArtifacts.files(lagged)
            applied = lagged
        } else {
            log.info("No \(run.file(RunDirectory.File.weights)): applied scalars skipped")
        }
        for file in try writeArtifacts(files, to: runOptions.resolvedOutputDirectory) { log.info("Wrote \(file)") }
        print(RegimeSummary(series: regimes).text)
        print(RiskSummary(risk: scalars, config: allocator.riskConfig, applied: applied).text)
    }
}

/// Risk-scalar statistics, as printed after `allocator risk`.
struct RiskSummary {
    let risk: RiskSeries
    let config: RiskConfig
    let applied: AppliedScalars?

    var text: String {
        let s = SummaryStatistics(risk.scalars)
        let smoothing = config.halfLife.map { "half-life \(fixed($0, 2)) (alpha \(fixed(config.alpha, 4)))" }
            ?? "alpha \(fixed(config.alpha, 4)) (half-life \(fixed(RiskConfig.halfLife(alpha: config.alpha), 2)))"
        var lines = [
            "Risk v1 — profile \(config.profile.rawValue), \(smoothing), bounds [\(fixed(config.floor, 2)), \(fixed(config.ceiling, 2))]"
                + (config.overrideRegime.map { ", every date treated as \($0.label)" } ?? ""),
            "  risk scalar  mean \(fixed(s.mean, 3))  std \(fixed(s.std, 3))  min \(fixed(s.min, 3))  "
                + "q25 \(fixed(s.q25, 3))  median \(fixed(s.median, 3))  max \(fixed(s.max, 3))",
        ]
        for (regime, values) in risk.scalarsByRegime {
            lines.append("    " + padded(regime.label, 9) + "mean \(fixed(SummaryStatistics.mean(values), 3))  "
                         + "min \(fixed(values.min()!, 3))  max \(fixed(values.max()!, 3))  (\(values.count) days)")
        }
        if !risk.unmappedLabels.isEmpty {
            lines.append("  unmapped regimes scored 1.0: \(risk.unmappedLabels.joined(separator: ", "))")
        }
        if let applied, !applied.values.isEmpty {
            let a = SummaryStatistics(applied.values)
            let pct = fixed(Double(applied.scaledCount) / Double(applied.values.count) * 100, 1)
            lines.append("  applied at \(applied.values.count) rebalances (1-rebalance lag): mean \(fixed(a.mean, 3)), "
                         + "min \(fixed(a.min, 3)), scaled \(applied.scaledCount) (\(pct)%)")
        }
        return lines.joined(separator: "\n")
    }
}
