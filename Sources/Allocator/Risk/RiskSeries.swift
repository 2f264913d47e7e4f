import TimeSeries

/// One risk scalar per date: the output of ``RiskTransformer``.
public struct RiskSeries: Equatable, Sendable {
    /// Ascending dates.
    public var dates: [TradingDate]
    /// `scalars[i]` is the risk scalar on `dates[i]`, in `[floor, ceiling]`.
    public var scalars: [Double]
    /// The classified regime of each date (`nil` for a label that is no regime), for per-regime statistics.
    public var regimes: [Regime?]
    /// Regime labels that had no target scalar and were scored 1.0, in order of first occurrence.
    public var unmappedLabels: [String]

    /// Risk scalars with their regimes and the labels the mapping did not cover.
    public init(dates: [TradingDate], scalars: [Double], regimes: [Regime?], unmappedLabels: [String] = []) {
        precondition(dates.count == scalars.count && dates.count == regimes.count, "one scalar and regime per date")
        self.dates = dates
        self.scalars = scalars
        self.regimes = regimes
        self.unmappedLabels = unmappedLabels
    }

    /// Number of dates.
    public var count: Int { dates.count }

    /// The last risk scalar dated on or before `date`, if any (``Alignment/lastOnOrBefore(date:in:)``).
    public func scalar(onOrBefore date: TradingDate) -> Double? {
        Alignment.lastOnOrBefore(date: date, in: dates).map { scalars[$0] }
    }

    /// The scalars of the dates classified in each regime that occurs, in severity order.
    public var scalarsByRegime: [(regime: Regime, scalars: [Double])] {
        var groups = [[Double]](repeating: [], count: Regime.allCases.count)
        for (scalar, regime) in zip(scalars, regimes) {
            if let regime { groups[regime.severity].append(scalar) }
        }
        return Regime.allCases.compactMap { groups[$0.severity].isEmpty ? nil : ($0, groups[$0.severity]) }
    }
}
