import Allocator
import TimeSeries

/// How well the overlay replay's pass 1 tracks the run's own
/// `portfolio_returns.csv` (the `replay` block of SPEC §9).
///
/// Compared on the common days: dates in both series, strictly after the
/// replay's first rebalance (before it both are flat by construction, which
/// would only flatter the fit), where neither value is missing. With
/// `x` = replayed, `y` = own, `dᵢ = xᵢ − yᵢ`, `n` days, pairwise sums:
/// - `correlation = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²)` (Pearson);
/// - `maxAbsDifference = max |dᵢ|`;
/// - `trackingError = std(d, ddof 1) · √252` (sample std, annualised);
/// - `isPoor`: correlation below the threshold (0.99), or undefined.
/// NaN where fewer than two days (or a constant series) leave it undefined.
package struct ReplayQuality: Equatable, Sendable {
    /// Days compared.
    package var commonDays: Int
    /// Pearson correlation of replayed and own returns.
    package var correlation: Double
    /// Largest |replayed − own| daily return.
    package var maxAbsDifference: Double
    /// `std(replayed − own, ddof 1) · √252`.
    package var trackingError: Double
    /// The correlation below which the replay is flagged.
    package var minimumCorrelation: Double

    /// Compares the replayed pass 1 with the run's own daily returns.
    package init(replayed: ReplayedPass, own: Series, minimumCorrelation: Double = 0.99) {
        var x: [Double] = [], y: [Double] = []
        if let firstRebalance = replayed.rebalanceDates.first {
            var j = 0
            for (i, date) in replayed.dates.enumerated() where date > firstRebalance {
                while j < own.dates.count && own.dates[j] < date { j += 1 }
                guard j < own.dates.count, own.dates[j] == date else { continue }
                let a = replayed.returns[i], b = own.values[j]
                if a.isNaN || b.isNaN { continue }
                x.append(a)
                y.append(b)
            }
        }
        commonDays = x.count
        self.minimumCorrelation = minimumCorrelation
        let difference = zip(x, y).map { $0 - $1 }
        maxAbsDifference = difference.isEmpty ? .nan : difference.reduce(0) { Swift.max($0, abs($1)) }
        let sd = difference.isEmpty ? Double.nan
            : SummaryStatistics.sampleStd(difference, mean: SummaryStatistics.mean(difference))
        trackingError = Annualisation.volatility(standardDeviation: sd)
        correlation = Self.pearson(x, y)
    }

    /// Pearson correlation with pairwise sums; NaN below two values or for a constant series.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        let mx = SummaryStatistics.mean(x), my = SummaryStatistics.mean(y)
        let sxy = SummaryStatistics.pairwiseSum(zip(x, y).map { ($0 - mx) * ($1 - my) })
        let sxx = SummaryStatistics.pairwiseSum(x.map { ($0 - mx) * ($0 - mx) })
        let syy = SummaryStatistics.pairwiseSum(y.map { ($0 - my) * ($0 - my) })
        let denominator = (sxx * syy).squareRoot()
        return denominator > 0 ? sxy / denominator : .nan
    }

    /// Correlation below ``minimumCorrelation`` (or undefined): the replay does
    /// not reproduce the run's P&L convention and its pass 2 is suspect.
    package var isPoor: Bool { !(correlation >= minimumCorrelation) }

    /// `common_days`, `correlation`, `max_abs_diff`, `tracking_error_ann`
    /// (ddof 1), `min_correlation`, `poor`.
    package func json() -> JSONValue {
        .object([
            ("common_days", .int(commonDays)),
            ("correlation", .metric(correlation)),
            ("max_abs_diff", .metric(maxAbsDifference)),
            ("tracking_error_ann", .metric(trackingError)),
            ("min_correlation", .metric(minimumCorrelation)),
            ("poor", .bool(isPoor)),
        ])
    }

    func markdownLines() -> [String] {
        var lines = ["\n## Overlay Replay (Pass 1 vs Run Returns)\n",
                     "- Common days: \(commonDays)",
                     "- Correlation: \(Markdown.decimal(correlation, digits: 6))",
                     "- Max |diff|: \(Markdown.decimal(maxAbsDifference, digits: 8))",
                     "- Tracking error (ann., ddof 1): \(Markdown.decimal(trackingError, digits: 8))"]
        if isPoor {
            lines.append("- ⚠️ Poor replay: correlation below \(Markdown.decimal(minimumCorrelation, digits: 2)); pass 2 may not reflect the run")
        }
        return lines
    }
}
