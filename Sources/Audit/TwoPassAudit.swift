import Allocator
import TimeSeries

/// The whole audit of a baseline and a scaled pass (SPEC §9): the
/// reference's comparison, regimes and de-risk events, the Stage 6.5
/// scorecard, and the series the report draws.
package struct TwoPassAudit: Sendable {
    package var baseline: AuditPass
    package var scaled: AuditPass
    /// The comparison with every addition (`replay` only for an overlay audit).
    package var comparison: TwoPassComparison
    /// The allocator artifacts of the run whose scalars were used (its regimes decided the events).
    package var context: AuditAllocatorContext
    /// Every de-risk event of the scaled pass (the comparison lists the 10 deepest).
    package var events: [DeRiskEvent]
    /// The windows check 4 was judged on.
    package var windows: AuditWindows

    /// Assembles the audit.
    ///
    /// - Parameters:
    ///   - context: the allocator artifacts of the run that produced the scaled pass's scalars.
    ///   - windowFlags: `--stress-window` / `--calm-window` windows; empty for the defaults.
    ///   - spells: the synthetic market's spells, when the run has them.
    ///   - replay: how pass 1 tracks the run's own returns (overlay audit).
    package init(baseline: AuditPass, scaled: AuditPass, context: AuditAllocatorContext, windowFlags: [AuditWindow] = [],
                spells: Series? = nil, replay: ReplayQuality? = nil, thresholds: AuditThresholds = AuditThresholds()) {
        self.baseline = baseline
        self.scaled = scaled
        self.context = context
        let regimes = context.regimes
        let used = scaled.usedScalars ?? Series(dates: [], values: [])
        events = DeRiskEvent.detect(scalars: used, regimes: regimes, below: thresholds.deRiskScalar)
        windows = AuditWindows(flags: windowFlags, spells: spells, coveredFrom: used.dates.first, to: used.dates.last)
        let profile = regimes.map { RegimeProfile(series: $0, thrashWindow: thresholds.thrashWindowDays) }
        let baselineSummary = baseline.summary, scaledSummary = scaled.summary
        let scorecard = Scorecard(baseline: baselineSummary.metrics, scaled: scaledSummary.metrics,
                                  scalars: scaledSummary.scalars, regimes: profile,
                                  detection: StressDetection(events: events, windows: windows.windows), thresholds: thresholds)
        comparison = TwoPassComparison(baselineRunId: baseline.runId, scaledRunId: scaled.runId,
                                       baseline: baselineSummary, scaled: scaledSummary, replay: replay, regimes: profile,
                                       deRiskEvents: DeRiskEvent.deepest(events, limit: 10), scorecard: scorecard)
        comparison.sleeves = scaled.sleeveScalars.map {
            SleeveComparison(used: $0, baselineReturns: baseline.sleeveReturns, scaledReturns: scaled.sleeveReturns)
        }
    }

    /// The two comparison files (`two_pass_comparison.json` / `.md`), encoded.
    package var files: [ArtifactFile] {
        [ArtifactFile(name: RunDirectory.AuditFile.comparisonJSON, json: comparison.json()),
         ArtifactFile(name: RunDirectory.AuditFile.comparisonMarkdown, text: comparison.markdown())]
    }
}
