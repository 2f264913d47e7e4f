/// Everything `report.html` shows, as plain values: the lead maps the audit's
/// results onto it, and ``AuditReport/html(for:)`` renders it.
///
/// Required content: metrics table, scorecard, daily series, rebalances,
/// features and de-risk events. The four optional sections render only when set.
package struct AuditReportModel: Sendable {
    /// Page title, e.g. `Allocator audit — core_v9`.
    package var title: String
    /// Run id of the baseline pass.
    package var baselineRunID: String
    /// Run id of the scaled pass.
    package var scaledRunID: String
    /// Rows of the two-pass metrics table, in display order.
    package var metrics: [ReportMetricRow]
    /// Stage 6.5 scorecard.
    package var scorecard: ReportScorecard
    /// Daily equity, drawdown, regime and scalar series.
    package var daily: ReportDailySeries
    /// Rebalances of the scaled pass with their used scalars (also the histogram's input).
    package var rebalances: [ReportRebalance]
    /// The state features as small multiples, in SPEC §2 order.
    package var features: [ReportFeaturePanel]
    /// De-risk events, deepest first as the audit lists them.
    package var deRiskEvents: [ReportDeRiskEvent]
    /// Replay quality; section shown only when set.
    package var replay: ReportReplayQuality?
    /// Regime shares and transitions; section shown only when set.
    package var regimeSummary: ReportRegimeSummary?
    /// Per-sleeve scalars; section shown only when set.
    package var sleeveScalars: ReportSleeveScalars?
    /// Calibration summary; section shown only when set.
    package var calibration: ReportCalibrationSummary?

    /// Creates a model; optional sections default to absent.
    package init(title: String, baselineRunID: String, scaledRunID: String,
                metrics: [ReportMetricRow], scorecard: ReportScorecard,
                daily: ReportDailySeries, rebalances: [ReportRebalance],
                features: [ReportFeaturePanel], deRiskEvents: [ReportDeRiskEvent],
                replay: ReportReplayQuality? = nil, regimeSummary: ReportRegimeSummary? = nil,
                sleeveScalars: ReportSleeveScalars? = nil, calibration: ReportCalibrationSummary? = nil) {
        self.title = title
        self.baselineRunID = baselineRunID
        self.scaledRunID = scaledRunID
        self.metrics = metrics
        self.scorecard = scorecard
        self.daily = daily
        self.rebalances = rebalances
        self.features = features
        self.deRiskEvents = deRiskEvents
        self.replay = replay
        self.regimeSummary = regimeSummary
        self.sleeveScalars = sleeveScalars
        self.calibration = calibration
    }
}
