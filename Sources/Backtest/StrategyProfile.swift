/// One named strategy set-up from the configuration: calendar, costs,
/// sleeves and their weights, and portfolio risk limits.
public struct StrategyProfile: Sendable {
    public var name: String
    /// One line saying what the profile is for.
    public var description: String
    public var rebalance: RebalanceCalendar
    /// Cost per unit of turnover, in basis points of notional.
    public var slippageBps: Double
    /// Rows of market data (including rows before the window) required up to
    /// a rebalance date before the strategy trades.
    public var warmupDays: Int
    /// Sleeves with their weights, in `sleeve_returns.csv` column order.
    public var sleeves: [SleeveAllocation]
    /// Portfolio volatility target and leverage cap.
    public var volTarget: PortfolioVolTarget

    public init(name: String, description: String, rebalance: RebalanceCalendar, slippageBps: Double,
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
