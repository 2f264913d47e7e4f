import Allocator
import ArgumentParser
import Backtest
import TimeSeries

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write the synthetic futures market as a wide CSV of daily returns (or closes).",
        discussion: """
        The market has four asset classes — equity indices (EQ), rates (RT), FX and \
        commodities (CM) — driven by a global factor, class factors and noise. A Markov chain \
        switches between calm, stressed and crisis spells that raise volatility and \
        cross-asset correlation together. Each class has its own holiday calendar, so cells are \
        missing where real futures data has gaps, and some assets start late. The same seed \
        always gives the same file.

        Examples:
          allocator synth --assets 100 --years 25 --seed 1 \\
              --out data/synthetic_returns.csv
          allocator synth --assets 12 --years 5 --seed 3 --prices --out data/closes.csv
          allocator backtest --returns data/synthetic_returns.csv
        """
    )

    @OptionGroup var options: SyntheticMarketOptions

    @Option(help: ArgumentHelp("First business day (YYYY-MM-DD).", valueName: "date"))
    var start: String = "2000-01-03"

    @Flag(help: "Write closes (base 100) instead of simple returns.")
    var prices = false

    @Option(help: ArgumentHelp("Output CSV file.", valueName: "file"))
    var out: String

    func run() throws {
        let first = try parseDate(start, option: "--start")!
        let market: SyntheticMarket
        do { market = try options.generate(start: first).synthetic } catch { throw fail(error) }
        let panel = prices ? market.closes() : market.returns
        do {
            try DataFile.writePanel(panel, to: out)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        print("wrote \(out): \(panel.columnCount) assets × \(panel.rowCount) days (\(panel.dates.first!) .. \(panel.dates.last!)), seed \(options.seed)")
    }
}
