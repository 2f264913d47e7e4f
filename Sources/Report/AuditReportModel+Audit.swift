import Allocator
import Audit
import TimeSeries

extension AuditReportModel {
    /// The report of an audit: its comparison, scorecard and events, the two
    /// equity curves and drawdowns over the baseline's dates, the regimes,
    /// risk scalar and features of the run whose scalars were used.
    package init(audit: TwoPassAudit) {
        let c = audit.comparison
        let dates = audit.baseline.equity.dates
        let baselineEquity = audit.baseline.equity.values
        let scaledEquity = Self.aligned(audit.scaled.equity, to: dates)
        let context = audit.context
        let regimes: [ReportRegime?] = context.regimes.map { series in
            Self.aligned(Series(dates: series.dates, values: series.regimes.map { Double($0.severity) }), to: dates)
                .map { $0.isNaN ? nil : ReportRegime(rawValue: Int($0)) }
        } ?? Array(repeating: nil, count: dates.count)
        let risk = context.risk.map { Self.aligned($0, to: dates) } ?? Array(repeating: .nan, count: dates.count)
        let used = audit.scaled.usedScalars ?? Series(dates: [], values: [])
        self.init(
            title: "Allocator audit: \(c.baselineRunId) vs \(c.scaledRunId)",
            baselineRunID: c.baselineRunId, scaledRunID: c.scaledRunId,
            metrics: Self.metricRows(c),
            scorecard: Self.scorecard(c.scorecard),
            daily: ReportDailySeries(dates: dates, equityBaseline: baselineEquity, equityScaled: scaledEquity,
                                     drawdownBaseline: PassMetrics.drawdowns(baselineEquity),
                                     drawdownScaled: PassMetrics.drawdowns(scaledEquity),
                                     regimes: regimes, riskScalar: risk),
            rebalances: zip(used.dates, used.values).filter { !$0.1.isNaN }.map { ReportRebalance(date: $0.0, scalar: $0.1) },
            features: Self.featurePanels(context),
            deRiskEvents: (c.deRiskEvents ?? []).map {
                ReportDeRiskEvent(start: $0.start, depth: $0.depth, length: $0.length,
                                  regime: $0.decidingRegime.flatMap { ReportRegime(rawValue: $0.severity) })
            },
            replay: c.replay.map {
                ReportReplayQuality(correlation: $0.correlation, maxAbsoluteDifference: $0.maxAbsDifference,
                                    trackingError: $0.trackingError,
                                    warning: $0.isPoor ? "Pass 1 tracks the run's own returns poorly (correlation below \($0.minimumCorrelation)): the weights may not be what the backtester held, or its P&L convention differs." : nil)
            },
            regimeSummary: c.regimes.map { profile in
                ReportRegimeSummary(shares: Regime.allCases.map { profile.share(of: $0) },
                                    transitionsPerYear: profile.transitionsPerYear, thrashEventsPerYear: profile.thrashPerYear,
                                    transitions: context.regimes.map(Self.transitions) ?? [])
            },
            sleeveScalars: context.sleeveScalars.map { sleeves in
                ReportSleeveScalars(dates: dates, sleeves: sleeves.names.indices.map { s in
                    .init(name: sleeves.names[s],
                          values: Self.aligned(Series(dates: sleeves.dates, values: sleeves.scalars[s]), to: dates))
                })
            },
            calibration: context.calibration.map(ReportCalibrationSummary.init(record:)))
    }

    /// `series` at each of `dates` (exact date match), NaN where it has no value.
    static func aligned(_ series: Series, to dates: [TradingDate]) -> [Double] {
        Alignment.positions(of: dates, in: series.dates).map { $0 >= 0 ? series.values[$0] : .nan }
    }

    /// Headline metrics: the comparison's `baseline`, `scaled` and `delta`, then the scaled pass's scalar usage.
    static func metricRows(_ c: TwoPassComparison) -> [ReportMetricRow] {
        let b = c.baseline.metrics, s = c.scaled.metrics, d = c.delta
        func value(_ x: Double) -> Double? { x.isNaN ? nil : x }
        var rows = [
            ReportMetricRow(label: "CAGR", baseline: value(b.cagr), scaled: value(s.cagr), delta: value(d.cagr),
                            format: .percent(decimals: 2), preference: .higherIsBetter),
            ReportMetricRow(label: "Annualised volatility", baseline: value(b.annualisedVolatility),
                            scaled: value(s.annualisedVolatility), delta: value(d.annualisedVolatility),
                            format: .percent(decimals: 2), preference: .lowerIsBetter),
            ReportMetricRow(label: "Sharpe (rf 0)", baseline: value(b.sharpe), scaled: value(s.sharpe), delta: value(d.sharpe),
                            format: .decimal(decimals: 3), preference: .higherIsBetter),
            ReportMetricRow(label: "Max drawdown", baseline: value(b.maxDrawdown), scaled: value(s.maxDrawdown),
                            delta: value(d.maxDrawdown), format: .percent(decimals: 2), preference: .higherIsBetter),
            ReportMetricRow(label: "Worst month", baseline: b.worstMonth.map(\.value), scaled: s.worstMonth.map(\.value),
                            delta: value(d.worstMonth), format: .percent(decimals: 2), preference: .higherIsBetter),
            ReportMetricRow(label: "Worst quarter", baseline: b.worstQuarter.map(\.value), scaled: s.worstQuarter.map(\.value),
                            delta: value(d.worstQuarter), format: .percent(decimals: 2), preference: .higherIsBetter),
            ReportMetricRow(label: "Days", baseline: Double(b.dayCount), scaled: Double(s.dayCount), delta: nil, format: .integer),
        ]
        let u = c.scaled.scalars
        if u.available {
            rows += [
                ReportMetricRow(label: "Rebalances scaled (scalar < 0.999999)", baseline: nil, scaled: value(u.fractionScaled),
                                delta: nil, format: .percent(decimals: 1)),
                ReportMetricRow(label: "Mean scalar used", baseline: nil, scaled: value(u.mean), delta: nil, format: .decimal(decimals: 4)),
                ReportMetricRow(label: "Scalar used, 5th percentile", baseline: nil, scaled: value(u.p05), delta: nil,
                                format: .decimal(decimals: 4)),
                ReportMetricRow(label: "Scalar used, median", baseline: nil, scaled: value(u.p50), delta: nil,
                                format: .decimal(decimals: 4)),
            ]
        }
        return rows
    }

    /// The scorecard: each check's reason, then its numbers and thresholds.
    static func scorecard(_ card: Scorecard?) -> ReportScorecard {
        guard let card else { return ReportScorecard(overall: .notAssessed, checks: []) }
        func status(_ s: CheckStatus) -> ReportCheckStatus { ReportCheckStatus(rawValue: s.rawValue) ?? .notAssessed }
        func figures(_ f: [ScorecardCheck.Figure]) -> String {
            f.map { figure in
                let v = figure.value
                let text = v.isNaN ? "NA" : v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : fixed(v, 3)
                return "\(figure.name.replacingOccurrences(of: "_", with: " ")) \(text)"
            }
                .joined(separator: ", ")
        }
        return ReportScorecard(overall: status(card.overall), checks: card.checks.map { check in
            ReportScorecard.Check(name: check.title, status: status(check.status),
                                  detail: "\(check.reason). Measured: \(figures(check.measures)). Thresholds: \(figures(check.thresholds)).")
        })
    }

    /// The 10 features as small multiples, with the regime classifier's enter / exit thresholds where it reads one.
    static func featurePanels(_ context: AuditAllocatorContext) -> [ReportFeaturePanel] {
        guard let state = context.state else { return [] }
        let t = context.thresholds
        return state.features.enumerated().map { k, feature in
            let bounds: (Double, Double)? = switch feature {
            case .volAccel: (t.volAccelEnter, t.volAccelExit)
            case .corrShock: (t.corrShockEnter, t.corrShockExit)
            case .ddLevel: (t.ddEnter, t.ddExit)
            case .ddSlope10d: (t.ddSlopeEnter, t.ddSlopeExit)
            default: nil
            }
            return ReportFeaturePanel(name: feature.rawValue, dates: state.dates, values: state.columns[k],
                                      enterThreshold: bounds?.0, exitThreshold: bounds?.1)
        }
    }

    /// Regime changes `A->B` (A ≠ B) over consecutive days, with their counts (``RegimeStatistics``).
    static func transitions(_ series: RegimeSeries) -> [ReportRegimeSummary.Transition] {
        RegimeStatistics(series.regimes).transitions.filter { $0.from != $0.to }.compactMap { t in
            guard let from = ReportRegime(rawValue: t.from.severity), let to = ReportRegime(rawValue: t.to.severity) else { return nil }
            return ReportRegimeSummary.Transition(from: from, to: to, count: t.count)
        }
    }
}
