import ArgumentParser
import Allocator
import Audit
import Logging

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Does the allocator help this portfolio? Audit any run directory: replay both passes, compare, score, report.",
        discussion: """
        For a run written by any backtester: it needs weights.csv (one row per rebalance) and \
        asset_returns.csv (daily simple returns); portfolio_returns.csv and equity_curve.csv are \
        used when present.

        1. The allocator artifacts are computed if the run lacks them or if --recompute, --config \
        or risk flags are given: state → regime → risk → applied scalars, as `allocator pipeline`; \
        the run is then locked as a writer. Else they are read, unless its inputs changed since \
        they were computed (the engine snapshot records what they consumed): then the audit \
        stops and asks for --recompute with the settings they were computed with.

        2. Pass 1 (the weights as given) and pass 2 (each rebalance's weights × its applied scalar, \
        1-rebalance lag) are replayed from the weights and asset returns: weights decided at \
        rebalance t earn from the next trading day (t may fall between trading days, e.g. a \
        calendar month-end; two rebalances on one trading day are refused), a missing asset \
        return contributes 0, slippage (--slippage-bps, default the run's meta.json \
        slippage_bps) is charged on turnover the day \
        after each rebalance. Both passes share one P&L convention; how well pass 1 tracks the run's \
        own portfolio_returns.csv is reported (`replay`), and a correlation below 0.99 is warned about.

        3. Pass 2 is written as a sibling run directory (--scaled-run-id, default <run>_audit, named \
        after the run's folder), its allocator artifacts replaced by the precomputed-mode ones; \
        then two_pass_comparison.{json,md} (baseline = pass 1 as replayed), the Stage 6.5 \
        scorecard and report.html go into it.

        Examples:
          allocator audit --run-dir reports/runs/my_backtest
          allocator audit --run-id my_backtest --slippage-bps 1 \\
              --stress-window 2022-01-01:2022-09-30
          allocator audit --run-dir DIR --config allocator.yaml --profile M
        """
    )

    @OptionGroup var runOptions: RunLocationOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var risk: RiskOptions
    @OptionGroup var audit: AuditOptions

    @Option(name: .customLong("scaled-run-id"),
            help: ArgumentHelp("Directory name of the scaled pass, beside the audited run (default <run>_audit).", valueName: "id"))
    var scaledRunId: String?

    @Option(name: .customLong("slippage-bps"),
            help: ArgumentHelp("Cost per unit of turnover in basis points (default: the run's meta.json slippage_bps, else 0).",
                               valueName: "bps"))
    var slippageBps: Double?

    @Flag(help: "Recompute the allocator artifacts even when the run has them.")
    var recompute = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var lock: LockOptions

    func validate() throws {
        if let slippageBps, !(slippageBps.isFinite && slippageBps >= 0) {
            throw ValidationError("--slippage-bps \(slippageBps): expected a finite number of basis points ≥ 0.")
        }
    }

    func run() throws {
        ConsoleLogHandler.bootstrap(quiet: output.quiet)
        let run = RunDirectory(path: runOptions.resolvedRunDirectory)
        let scaledId = scaledRunId ?? run.name + "_audit"
        if scaledId.isEmpty || scaledId.contains("/") || scaledId == "." || scaledId == ".." {
            throw ValidationError("--scaled-run-id `\(scaledId)` is not a plain directory name.")
        }
        let scaledRun = run.sibling(named: scaledId)
        let allocatorConfig: AllocatorConfig
        do {
            allocatorConfig = try config.load(otherSections: ["audit"]).overridingRisk(risk.settings)
        } catch {
            throw fail(error)
        }
        let overlay: OverlayAudit
        do {
            overlay = OverlayAudit(run: run, scaledRun: scaledRun, allocatorConfig: allocatorConfig,
                                   recomputeAllocator: recompute || config.path != nil || risk.settings != RiskSettings(),
                                   slippageBps: slippageBps, windowFlags: try audit.windows(),
                                   thresholds: try AuditOptions.thresholds(configPath: config.path))
        } catch { throw fail(error) }
        if let problem = overlay.overwriteProblem { throw fail(AuditError.incomparable(detail: problem)) }
        // Before any lock: a writer's lock would create a mistyped run directory.
        guard run.exists else { throw fail(AllocatorError.missingInput(file: run.path, role: "run directory")) }
        // The scaled run is rewritten whole; the audited run is read as it stands, unless its
        // allocator artifacts are computed into it.
        let scaledLock: RunLock
        do { scaledLock = try lock.writer(scaledRun) } catch { throw fail(error) }
        defer { scaledLock.release() }
        let audited: (lock: RunLock?, artifacts: OverlayAudit.ArtifactSource)
        do { audited = try auditedRunLock(run, overlay: overlay) } catch { throw fail(error) }
        defer { audited.lock?.release() }
        do {
            let outcome = try overlay.execute(artifacts: audited.artifacts)
            let written = try AuditReportWriter.write(outcome.audit, into: scaledRun)
            if !output.quiet {
                if let replay = outcome.audit.comparison.replay {
                    print("Replay of pass 1 vs \(run.file(RunDirectory.File.portfolioReturns)): correlation \(fixed(replay.correlation, 4)), max |diff| \(fixed(replay.maxAbsDifference, 6)), tracking error \(fixed(replay.trackingError, 4))/yr\(replay.isPoor ? "  ⚠️ poor" : "")")
                }
                var computed = ""
                if case .computed(let reason) = audited.artifacts { computed = "; allocator artifacts computed: \(reason)" }
                print("Scaled pass: \(scaledRun.path) (slippage \(outcome.slippageBps) bps\(computed))")
                printAuditSummary(outcome.audit, written: written)
            }
        } catch {
            throw fail(error)
        }
    }

    /// The lock of the audited run and where its allocator artifacts come
    /// from: a writer's lock when the audit computes them into it, else a
    /// reader's, under which the artifacts are checked against the run's
    /// manifest and their inputs against the engine snapshot (outdated ones
    /// are refused), and the decision is made again in case a writer changed
    /// the run meanwhile.
    func auditedRunLock(_ run: RunDirectory, overlay: OverlayAudit)
        throws(AuditError) -> (lock: RunLock?, artifacts: OverlayAudit.ArtifactSource) {
        let shared: RunLock?
        do throws(AllocatorError) {
            let cheap = overlay.artifactSource(checkingInputs: false)
            if case .computed = cheap { return (try lock.writer(run), cheap) }
            shared = try RunLock.shared(run, timeout: lock.lockTimeout)
        } catch { throw .run(error) }
        let source = overlay.artifactSource()
        switch source {
        case .computed:
            shared?.release()
            do { return (try lock.writer(run), source) } catch { throw .run(error) }
        case .outdated(let change):
            shared?.release()
            throw overlay.outdatedArtifacts(change)
        case .read:
            do throws(AllocatorError) { try run.verifyGeneration() } catch {
                shared?.release()
                throw .incomparable(detail: "\(error.description), or rerun the audit with --recompute")
            }
            return (shared, source)
        }
    }
}
