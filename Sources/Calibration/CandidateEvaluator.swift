import Allocator
import Audit
import TimeSeries

/// Scores one configuration on a state computed once (SPEC §11).
///
/// Per candidate, through the front door (``RiskAllocator``): regimes of the
/// cached state (`classify`), risk scalars (`transform`), applied scalars at
/// the run's rebalances (`applied`, one-rebalance lag). De-risk events are
/// the SPEC §9 events of those APPLIED scalars (``DeRiskEvent/detect(scalars:regimes:below:)``,
/// consecutive rebalances with scalar < 0.70) — the scalars the weights would
/// have been multiplied by, so a hit is a rebalance that was actually cut.
/// Each period is then profiled (``RegimeProfile``, thrash window 5 rows) and
/// matched against its windows (``StressDetection``).
package struct CandidateEvaluator: Sendable {
    /// The state, computed once.
    package var state: AllocatorState
    /// Rebalance dates (`weights.csv`).
    package var rebalanceDates: [TradingDate]
    package var periods: [CalibrationPeriod]
    package var weights: ScoreWeights
    /// De-risk threshold and thrash window (the audit's defaults).
    package var auditThresholds: AuditThresholds

    package init(state: AllocatorState, rebalanceDates: [TradingDate], periods: [CalibrationPeriod],
                 weights: ScoreWeights, auditThresholds: AuditThresholds = AuditThresholds()) {
        self.state = state
        self.rebalanceDates = rebalanceDates
        self.periods = periods
        self.weights = weights
        self.auditThresholds = auditThresholds
    }

    /// The regimes and applied scalars of `config` over the whole state.
    ///
    /// - Throws: ``AllocatorError`` when the configuration is invalid (the candidate is skipped).
    package func layers(_ config: AllocatorConfig) throws(AllocatorError) -> (regimes: RegimeSeries, applied: AppliedScalars) {
        let allocator = try RiskAllocator(configuration: config)
        let regimes = try allocator.classify(state)
        return (regimes, allocator.applied(allocator.transform(regimes), rebalanceDates: rebalanceDates))
    }

    /// One score per period, in ``periods`` order.
    package func evaluate(_ config: AllocatorConfig) throws(AllocatorError) -> [PeriodScore] {
        let (regimes, applied) = try layers(config)
        let events = DeRiskEvent.detect(scalars: Series(dates: applied.dates, values: applied.values),
                                        below: auditThresholds.deRiskScalar)
        return periods.map { period in
            let slice = RegimeSeries(dates: Array(regimes.dates[period.rows]), regimes: Array(regimes.regimes[period.rows]))
            let profile = RegimeProfile(series: slice, thrashWindow: auditThresholds.thrashWindowDays)
            let detection = StressDetection(events: events.filter { period.contains($0.start) }, windows: period.windows)
            return PeriodScore(shares: Regime.allCases.map { profile.share(of: $0) },
                               transitionsPerYear: profile.transitionsPerYear, thrashPerYear: profile.thrashPerYear,
                               stressMissed: detection.stressWindows.filter { !$0.hasEvent }.count,
                               calmEvents: detection.calmEvents.count, weights: weights)
        }
    }
}
