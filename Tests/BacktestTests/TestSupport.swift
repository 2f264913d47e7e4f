#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Backtest
import TimeSeries

/// Shared helpers of the backtest tests.
enum TestSupport {
    static let packageRoot: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/BacktestTests/TestSupport.swift
        return parts.joined(separator: "/")
    }()

    /// `../shared/fixtures/reference-runs/baseline_20200106_20251031` beside the package.
    static let baselineFixture = packageRoot + "/../shared/fixtures/reference-runs/baseline_20200106_20251031"

    /// A fresh empty directory under /tmp.
    static func temporaryDirectory(_ name: String) -> String {
        var template = Array("/tmp/backtest-tests-\(name)-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        return path
    }

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
