import Allocator
import TimeSeries

/// One side of a two-pass comparison: the run's metrics, how it used its
/// scalars, and its scalar metadata as read (SPEC §9 `baseline` / `scaled`).
package struct PassSummary: Equatable, Sendable {
    /// Metrics of the run's equity curve.
    package var metrics: PassMetrics
    /// Statistics of the run's used scalars.
    package var scalars: ScalarUsage
    /// The first of `allocator_precomputed_meta.json`,
    /// `allocator_risk_v1_applied_meta.json`, `allocator_risk_v1_meta.json`
    /// found in the run, as read; `{}` when none.
    package var scalarMeta: JSONValue

    /// - Parameters:
    ///   - equity: the run's `equity_curve.csv`.
    ///   - usedScalars: `risk_scalar_used` of `allocator_risk_v1_applied_used.csv`, `nil` when absent.
    ///   - scalarMeta: the scalar metadata document, as read.
    package init(equity: Series, usedScalars: [Double]?, scalarMeta: JSONValue = .object([])) {
        metrics = PassMetrics(equity: equity)
        scalars = ScalarUsage(used: usedScalars)
        self.scalarMeta = scalarMeta
    }

    /// The pass object in the reference's key order: `cagr`, `ann_vol`,
    /// `sharpe`, `max_drawdown`, `worst_month`, `worst_quarter`, `start`,
    /// `end`, `n_days`, `scalars`, `scalar_meta`.
    package func json() -> JSONValue {
        func period(_ p: PeriodReturn?) -> JSONValue {
            .object([("date", .date(p?.date)), ("return", .metric(p?.value ?? .nan))])
        }
        let m = metrics
        return .object([
            ("cagr", .metric(m.cagr)),
            ("ann_vol", .metric(m.annualisedVolatility)),
            ("sharpe", .metric(m.sharpe)),
            ("max_drawdown", .metric(m.maxDrawdown)),
            ("worst_month", period(m.worstMonth)),
            ("worst_quarter", period(m.worstQuarter)),
            ("start", .date(m.start)),
            ("end", .date(m.end)),
            ("n_days", .int(m.dayCount)),
            ("scalars", scalars.json()),
            ("scalar_meta", scalarMeta),
        ])
    }
}

/// Scaled minus baseline for each headline metric (the `delta` block);
/// NaN when either side is missing.
package struct MetricDelta: Equatable, Sendable {
    /// `cagr_delta`.
    package var cagr: Double
    /// `ann_vol_delta`.
    package var annualisedVolatility: Double
    /// `sharpe_delta`.
    package var sharpe: Double
    /// `max_drawdown_delta` (positive = shallower drawdown).
    package var maxDrawdown: Double
    /// `worst_month_delta`.
    package var worstMonth: Double
    /// `worst_quarter_delta`.
    package var worstQuarter: Double

    /// `scaled − baseline`, metric by metric.
    package init(baseline b: PassMetrics, scaled s: PassMetrics) {
        cagr = s.cagr - b.cagr
        annualisedVolatility = s.annualisedVolatility - b.annualisedVolatility
        sharpe = s.sharpe - b.sharpe
        maxDrawdown = s.maxDrawdown - b.maxDrawdown
        worstMonth = (s.worstMonth?.value ?? .nan) - (b.worstMonth?.value ?? .nan)
        worstQuarter = (s.worstQuarter?.value ?? .nan) - (b.worstQuarter?.value ?? .nan)
    }

    /// `cagr_delta`, `ann_vol_delta`, `sharpe_delta`, `max_drawdown_delta`,
    /// `worst_month_delta`, `worst_quarter_delta`.
    package func json() -> JSONValue {
        .object([
            ("cagr_delta", .metric(cagr)),
            ("ann_vol_delta", .metric(annualisedVolatility)),
            ("sharpe_delta", .metric(sharpe)),
            ("max_drawdown_delta", .metric(maxDrawdown)),
            ("worst_month_delta", .metric(worstMonth)),
            ("worst_quarter_delta", .metric(worstQuarter)),
        ])
    }
}
