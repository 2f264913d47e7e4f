/// One named strategy set-up from the configuration: calendar, costs,
/// sleeves and their weights, and portfolio risk limits.
package struct StrategyProfile: Sendable {
    package var name: String
    /// One line saying what the profile is for.
    package var description: String
    package var rebalance: RebalanceCalendar
    /// Cost per unit of turnover, in basis points of notional.
    package var slippageBps: Double
    /// Rows of market data (including rows before the window) required up to
    /// a rebalance date before the strategy trades.
    package var warmupDays: Int
    /// Sleeves with their weights, in `sleeve_returns.csv` column order.
    package var sleeves: [SleeveAllocation]
    /// Portfolio volatility target and leverage cap.
    package var volTarget: PortfolioVolTarget

    /// Sleeves with a positive weight: the ones traded, and the columns of `sleeve_returns.csv`.
    package var activeSleeves: [SleeveAllocation] { sleeves.filter { $0.weight > 0 } }

    /// True when an active sleeve is `tsmom_multihorizon` (the run writes `trend_unit_returns.csv`).
    package var hasTrendSleeve: Bool { activeSleeves.contains { $0.sleeve is TimeSeriesMomentumSleeve } }

    package init(name: String, description: String, rebalance: RebalanceCalendar, slippageBps: Double,
                warmupDays: Int, sleeves: [SleeveAllocation], volTarget: PortfolioVolTarget) {
        self.name = name
        self.description = description
        self.rebalance = rebalance
        self.slippageBps = slippageBps
        self.warmupDays = warmupDays
        self.sleeves = sleeves
        self.volTarget = volTarget
    }
}
