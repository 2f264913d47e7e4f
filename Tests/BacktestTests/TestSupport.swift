import Backtest
import TimeSeries

/// Backtest-specific helpers (markets, profiles, ExecSim); the fixtures,
/// the process runner and scratch directories are in `AllocatorTestSupport`.
enum TestSupport {
    /// A small synthetic market (deterministic).
    static func market(assets: Int = 10, years: Int = 4, seed: UInt64 = 11) -> MarketData {
        let synthetic = try! SyntheticMarket.generate(assets: assets, years: years, seed: seed)
        return MarketData(returns: synthetic.returns, source: "synthetic-test")
    }

    static func defaultProfile(_ name: String? = nil) -> StrategyProfile {
        try! BacktestConfig.embeddedDefault().profile(named: name)
    }

    /// Runs ExecSim with no scaling.
    static func simulate(_ market: MarketData, profile: StrategyProfile = defaultProfile(),
                         start: TradingDate? = nil, end: TradingDate? = nil) throws -> BacktestResult {
        var scaler = UnscaledRebalances()
        return try ExecSim(profile: profile).run(market: market, start: start, end: end, scaler: &scaler)
    }

    /// Bitwise equality of two arrays (NaN equals NaN).
    static func identical(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    static func date(_ text: String) -> TradingDate { TradingDate(text)! }
}
