import Allocator
import TimeSeries

/// How a run used its risk scalars: statistics of the scalars actually
/// applied at its rebalances (`allocator_risk_v1_applied_used.csv`,
/// column `risk_scalar_used`), the `scalars` block of SPEC §9.
///
/// For used scalars `s₁ … sₙ` (missing = NaN):
/// - `rebalanceCount = n` (missing values included);
/// - `fractionScaled` = #{sᵢ < 0.999999} / n — a FRACTION, not a percent;
/// - `mean` = Σsᵢ / #valid over the non-missing values (pandas: missing
///   summed as 0 in a pairwise sum), `min`, `max` over the non-missing;
/// - `p05`, `p50`, `p95`: numpy linear quantiles
///   (``SummaryStatistics/quantile(sorted:_:)``), NaN when any value is missing.
///
/// No file or no row: `available == false` and every statistic NaN.
package struct ScalarUsage: Equatable, Sendable {
    /// A scalar below this counts as scaling the weights.
    package static let scaledBelow = 0.999999

    /// False when the run has no used scalars (no file, or no row).
    package var available: Bool
    /// Rebalances with a used scalar (JSON `n_rebalances`).
    package var rebalanceCount: Int
    /// Fraction of used scalars below ``scaledBelow`` (JSON `pct_scaled`, a fraction).
    package var fractionScaled: Double
    /// Mean of the non-missing scalars.
    package var mean: Double
    /// Smallest non-missing scalar.
    package var min: Double
    /// Largest non-missing scalar.
    package var max: Double
    /// 5th percentile (linear).
    package var p05: Double
    /// Median (linear).
    package var p50: Double
    /// 95th percentile (linear).
    package var p95: Double

    /// Statistics of the used scalars; `nil` (no file) or empty → unavailable.
    package init(used: [Double]?) {
        guard let used, !used.isEmpty else {
            self.init(available: false, count: 0, fraction: .nan, mean: .nan, min: .nan, max: .nan, quantiles: (.nan, .nan, .nan))
            return
        }
        let valid = used.filter { !$0.isNaN }
        let scaled = used.reduce(0) { $0 + ($1 < Self.scaledBelow ? 1 : 0) }
        let mean = valid.isEmpty ? Double.nan
            : SummaryStatistics.pairwiseSum(used.map { $0.isNaN ? 0 : $0 }) / Double(valid.count)
        var quantiles = (Double.nan, Double.nan, Double.nan)
        if valid.count == used.count {
            let sorted = used.sorted()
            quantiles = (SummaryStatistics.quantile(sorted: sorted, 0.05),
                         SummaryStatistics.quantile(sorted: sorted, 0.50),
                         SummaryStatistics.quantile(sorted: sorted, 0.95))
        }
        self.init(available: true, count: used.count, fraction: Double(scaled) / Double(used.count), mean: mean,
                  min: valid.min() ?? .nan, max: valid.max() ?? .nan, quantiles: quantiles)
    }

    private init(available: Bool, count: Int, fraction: Double, mean: Double, min: Double, max: Double,
                 quantiles: (Double, Double, Double)) {
        self.available = available
        rebalanceCount = count
        fractionScaled = fraction
        self.mean = mean
        self.min = min
        self.max = max
        (p05, p50, p95) = quantiles
    }

    /// The `scalars` object: `{"available": false}`, or `available`,
    /// `n_rebalances`, `pct_scaled`, `mean`, `min`, `max`, `p05`, `p50`, `p95`.
    package func json() -> JSONValue {
        guard available else { return .object([("available", .bool(false))]) }
        return .object([
            ("available", .bool(true)),
            ("n_rebalances", .int(rebalanceCount)),
            ("pct_scaled", .metric(fractionScaled)),
            ("mean", .metric(mean)),
            ("min", .metric(min)),
            ("max", .metric(max)),
            ("p05", .metric(p05)),
            ("p50", .metric(p50)),
            ("p95", .metric(p95)),
        ])
    }
}
