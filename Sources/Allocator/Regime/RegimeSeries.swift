import TimeSeries

/// One regime per date: the output of ``RegimeClassifier``.
public struct RegimeSeries: Equatable, Sendable {
    /// Ascending dates.
    public var dates: [TradingDate]
    /// `regimes[i]` is the regime on `dates[i]`.
    public var regimes: [Regime]

    /// A regime per date (same length).
    public init(dates: [TradingDate], regimes: [Regime]) {
        precondition(dates.count == regimes.count, "one regime per date")
        self.dates = dates
        self.regimes = regimes
    }

    /// Number of dates.
    public var count: Int { dates.count }
    /// Whether there is no date.
    public var isEmpty: Bool { dates.isEmpty }

    /// The CSV labels, in date order.
    public var labels: [String] { regimes.map(\.label) }
}
