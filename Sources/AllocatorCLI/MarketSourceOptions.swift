import ArgumentParser
import Backtest
import TimeSeries

/// Where `allocator backtest` takes its market from: exactly one of
/// `--returns FILE`, `--prices FILE` or `--synthetic` (with `--seed`).
/// Parsing rejects two or more; a command that needs a market calls
/// ``requireMarket()`` (so `backtest --print-config` needs none).
struct MarketSourceOptions: ParsableArguments {
    @Option(name: .customLong("returns"),
            help: ArgumentHelp("Wide CSV of daily simple returns: date,<asset>,… (empty cell = missing).", valueName: "file"))
    var returnsFile: String?

    @Option(name: .customLong("prices"),
            help: ArgumentHelp("Wide CSV of daily closes: date,<asset>,…; converted to simple returns P(t)/P(t−1) − 1 between consecutive rows (a missing close leaves that day's and the next day's return missing).", valueName: "file"))
    var pricesFile: String?

    @Flag(help: "Use the built-in synthetic market (see `allocator synth`).")
    var synthetic = false

    @OptionGroup var syntheticMarket: SyntheticMarketOptions

    /// Markets named on the command line.
    private var chosenCount: Int { [returnsFile != nil, pricesFile != nil, synthetic].filter { $0 }.count }

    private static var exactlyOne: ValidationError { ValidationError("Give exactly one market: --returns FILE, --prices FILE or --synthetic.") }

    func validate() throws {
        if chosenCount > 1 { throw Self.exactlyOne }
    }

    /// Throws unless exactly one market was named.
    func requireMarket() throws {
        if chosenCount != 1 { throw Self.exactlyOne }
    }

    /// Loads (or generates) the market.
    func load() throws(BacktestError) -> MarketData {
        if let returnsFile { return try MarketData.load(returnsFile: returnsFile) }
        if let pricesFile { return try MarketData.load(pricesFile: pricesFile) }
        return try syntheticMarket.generate().market
    }
}

/// Sizes of the synthetic market used by `demo` and `--synthetic`.
enum SyntheticDefaults {
    static let seed = SyntheticMarket.demoSeed
    static let assets = SyntheticMarket.demoAssets
    static let years = SyntheticMarket.demoYears

    /// The synthetic market and its returns as market data.
    static func market(assets: Int = assets, years: Int = years, seed: UInt64 = seed,
                       start: TradingDate = SyntheticMarket.defaultStart) throws(BacktestError) -> (synthetic: SyntheticMarket, market: MarketData) {
        let synthetic = try SyntheticMarket.generate(assets: assets, years: years, seed: seed, start: start)
        let spells = Panel(dates: synthetic.returns.dates, names: ["spell"], columns: [synthetic.spells.map { Double($0.rawValue) }])
        return (synthetic, MarketData(returns: synthetic.returns, source: "synthetic(assets: \(assets), years: \(years), seed: \(seed))",
                                      spells: spells))
    }
}

/// `--assets`, `--years`, `--seed` of the synthetic market.
struct SyntheticMarketOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Assets in the synthetic market.", valueName: "n"))
    var assets: Int = SyntheticDefaults.assets

    @Option(help: ArgumentHelp("Years of business days in the synthetic market.", valueName: "n"))
    var years: Int = SyntheticDefaults.years

    @Option(help: ArgumentHelp("Seed of the synthetic market (same seed, same market).", valueName: "n"))
    var seed: UInt64 = SyntheticDefaults.seed

    /// The market these options describe.
    func generate(start: TradingDate = SyntheticMarket.defaultStart) throws(BacktestError) -> (synthetic: SyntheticMarket, market: MarketData) {
        try SyntheticDefaults.market(assets: assets, years: years, seed: seed, start: start)
    }
}

/// Parses a `--start` / `--end` value.
func parseDate(_ text: String?, option: String) throws -> TradingDate? {
    guard let text else { return nil }
    guard let date = TradingDate(text) else {
        throw ValidationError("\(option) `\(text)` is not a date (expected YYYY-MM-DD).")
    }
    return date
}

/// Prints a backtest error and returns exit code 1.
func fail(_ error: BacktestError) -> ExitCode {
    printError("error: \(error.description)")
    return ExitCode(1)
}
