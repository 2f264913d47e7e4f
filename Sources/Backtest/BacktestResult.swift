import TimeSeries

/// Everything a backtest produced, as the panels its artifacts are written from.
public struct BacktestResult: Sendable {
    /// Profile the run used.
    public var profileName: String
    public var rebalance: RebalanceCalendar
    public var slippageBps: Double
    /// Allocator mode of the scaler.
    public var allocatorMode: AllocatorSettings.Mode
    /// Asset returns over the trading days (`asset_returns.csv`).
    public var assetReturns: Panel
    /// `ret`: net daily portfolio return over the trading days (`portfolio_returns.csv`).
    public var portfolioReturns: Panel
    /// `equity` from the first rebalance date on (`equity_curve.csv`).
    public var equityCurve: Panel
    /// Weights before the allocator scalar, one row per rebalance.
    public var weightsRaw: Panel
    /// Weights held after each rebalance (`weights.csv`): raw × scalar.
    public var weights: Panel
    /// The scalar of each rebalance.
    public var scalars: [RebalanceScalar]
    /// Trend-sleeve weight held × asset return (`trend_unit_returns.csv`);
    /// `nil` when the profile has no trend sleeve.
    public var trendUnitReturns: Panel?
    /// Each sleeve's contribution to the gross portfolio return (`sleeve_returns.csv`).
    public var sleeveReturns: Panel

    /// Trading days of the window.
    public var tradingDays: [TradingDate] { portfolioReturns.dates }
    /// Rebalance dates.
    public var rebalanceDates: [TradingDate] { weights.dates }
    public var assetNames: [String] { assetReturns.names }
}
