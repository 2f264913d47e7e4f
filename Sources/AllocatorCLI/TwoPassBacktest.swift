import Allocator
import Audit
import Backtest

/// The true two-pass for ExecSim (SPEC §9): the baseline backtest (allocator
/// mode `off`), its rerun scaled by the baseline's applied scalars (mode
/// `precomputed`), then the comparison, scorecard and report in the scaled run.
struct TwoPassBacktest {
    var baseline: BacktestRunOutcome
    var scaled: BacktestRunOutcome
    var audit: TwoPassAudit
    /// The audit files written into the scaled run.
    var written: [String]

    /// The report to open.
    var reportPath: String { RunDirectory(path: scaled.runDirectory).file(RunDirectory.AuditFile.report) }

    /// Runs both passes of `request` (its run id names the baseline; the scaled run is `<id>_scaled`
    /// unless `scaledRunId` is given) and audits them.
    static func run(_ request: BacktestRequest, scaledRunId: String? = nil, windowFlags: [AuditWindow] = [],
                    thresholds: AuditThresholds = AuditThresholds(),
                    progress: (String) -> ((Int, Int) -> Void)?) throws -> TwoPassBacktest {
        var first = request
        first.allocatorMode = .off
        first.precomputedRunId = nil
        let baseline = try BacktestRun.execute(first, progress: progress("ExecSim baseline"))
        var second = request
        second.runId = scaledRunId ?? baseline.runId + "_scaled"
        second.allocatorMode = .precomputed
        second.precomputedRunId = baseline.runId
        let scaled = try BacktestRun.execute(second, progress: progress("ExecSim scaled"))
        let audit = try TwoPassAudit.compare(baseline: RunDirectory(path: baseline.runDirectory),
                                             scaled: RunDirectory(path: scaled.runDirectory),
                                             windowFlags: windowFlags, thresholds: thresholds)
        let written = try AuditReportWriter.write(audit, into: RunDirectory(path: scaled.runDirectory))
        return TwoPassBacktest(baseline: baseline, scaled: scaled, audit: audit, written: written)
    }
}
