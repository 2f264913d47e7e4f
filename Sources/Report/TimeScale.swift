import TimeSeries

/// Maps trading dates onto x by calendar days: a ``LinearScale`` from
/// `[first.daysSinceEpoch, last.daysSinceEpoch]` to `[left, right]`, so that
/// weekends and holidays keep their width and all charts of one report align.
struct TimeScale: Sendable {
    let first: TradingDate
    let last: TradingDate
    private let linear: LinearScale

    init(first: TradingDate, last: TradingDate, left: Double, right: Double) {
        self.first = first
        self.last = last
        linear = LinearScale(domain: (Double(first.daysSinceEpoch), Double(last.daysSinceEpoch)), range: (left, right))
    }

    /// The x position of `date`.
    func position(_ date: TradingDate) -> Double {
        linear.position(Double(date.daysSinceEpoch))
    }
}
