import TimeSeries

/// The inputs of allocator state v1 (SPEC §1–2), as read from a run directory.
public struct StateInputs: Sendable {
    /// Daily portfolio simple returns (`ret`).
    public var portfolioReturns: Series
    /// Equity curve (`equity`).
    public var equityCurve: Series
    /// Daily asset simple returns, one column per asset.
    public var assetReturns: Panel
    /// Optional trend-unit returns; `nil` when absent (missing file or no rows).
    public var trendUnitReturns: Panel?
    /// Optional sleeve returns; `nil` when absent.
    public var sleeveReturns: Panel?

    /// The state inputs; the optional ones default to absent.
    public init(portfolioReturns: Series, equityCurve: Series, assetReturns: Panel,
                trendUnitReturns: Panel? = nil, sleeveReturns: Panel? = nil) {
        self.portfolioReturns = portfolioReturns
        self.equityCurve = equityCurve
        self.assetReturns = assetReturns
        self.trendUnitReturns = trendUnitReturns
        self.sleeveReturns = sleeveReturns
    }

    /// Common dates: the intersection of portfolio returns, equity and asset returns.
    public var commonDates: [TradingDate] {
        Alignment.intersection([portfolioReturns.dates, equityCurve.dates, assetReturns.dates])
    }
}

/// A single named series over ascending dates.
public struct Series: Sendable, Equatable {
    /// Ascending dates.
    public var dates: [TradingDate]
    /// One value per date (missing = `.nan`).
    public var values: [Double]
    /// A series of `values` over `dates` (same length).
    public init(dates: [TradingDate], values: [Double]) {
        precondition(dates.count == values.count)
        self.dates = dates
        self.values = values
    }
}
