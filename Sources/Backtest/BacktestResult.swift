import Allocator
import TimeSeries

/// Everything a backtest produced, as the panels its artifacts are written from.
package struct BacktestResult: Sendable {
    /// Profile the run used.
    package var profileName: String
    package var rebalance: RebalanceCalendar
    package var slippageBps: Double
    /// Allocator mode of the scaler.
    package var allocatorMode: AllocatorSettings.Mode
    /// Asset returns over the trading days (`asset_returns.csv`).
    package var assetReturns: Panel
    /// `ret`: net daily portfolio return over the trading days (`portfolio_returns.csv`).
    package var portfolioReturns: Panel
    /// `equity` from the first rebalance date on (`equity_curve.csv`).
    package var equityCurve: Panel
    /// Weights before the allocator scalar, one row per rebalance.
    package var weightsRaw: Panel
    /// Weights held after each rebalance (`weights.csv`): raw × scalar.
    package var weights: Panel
    /// The scalar of each rebalance.
    package var scalars: [RebalanceScalar]
    /// Trend-sleeve weight held × asset return (`trend_unit_returns.csv`);
    /// `nil` when the profile has no trend sleeve.
    package var trendUnitReturns: Panel?
    /// Each sleeve's contribution to the gross portfolio return (`sleeve_returns.csv`).
    package var sleeveReturns: Panel

    /// Trading days of the window.
    package var tradingDays: [TradingDate] { portfolioReturns.dates }
    /// Rebalance dates.
    package var rebalanceDates: [TradingDate] { weights.dates }
    package var assetNames: [String] { assetReturns.names }

    /// The sleeve scalars each rebalance applied (SPEC §10), one column per sleeve of
    /// `sleeve_returns.csv`; `nil` when the run scaled by the portfolio scalar alone.
    package var sleeveApplied: SleeveScalars? {
        guard !scalars.isEmpty, scalars.allSatisfy({ $0.sleeveApplied?.count == sleeveReturns.columnCount }) else { return nil }
        return SleeveScalars(names: sleeveReturns.names, dates: rebalanceDates,
                             scalars: sleeveReturns.names.indices.map { s in scalars.map { $0.sleeveApplied![s] } })
    }
}
