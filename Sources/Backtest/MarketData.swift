import Allocator
import TimeSeries

/// Daily simple returns of a universe of assets, as read from a wide CSV
/// (`date,<asset>...`, missing cells allowed) of returns or of closes.
///
/// Columns keep the file's order; that order is the run's `universe`.
package struct MarketData: Sendable {
    /// Simple returns, one column per asset, missing = `.nan`.
    package var returns: Panel
    /// Where the data came from (a file path or a synthetic-market label), for messages.
    package var source: String
    /// The market's own state per day (`spell`: 0 calm, 1 stressed, 2 crisis) when it is
    /// known — a synthetic market's ground truth for the audit; `nil` for real data.
    package var spells: Panel?

    package init(returns: Panel, source: String, spells: Panel? = nil) {
        self.returns = returns
        self.source = source
        self.spells = spells
    }

    /// Asset names in universe order.
    package var assetNames: [String] { returns.names }

    /// Reads a wide CSV of daily simple returns; refuses one whose values are
    /// not decimal daily returns (``returnsUnitsProblem``).
    package static func load(returnsFile path: String) throws(BacktestError) -> MarketData {
        let market = MarketData(returns: try readValidated(path), source: path)
        if let problem = market.returnsUnitsProblem { throw .invalidArgument(problem) }
        return market
    }

    /// Reads a wide CSV of daily closes and converts it to simple returns
    /// (see ``SimpleReturns``). A close must be positive.
    package static func load(pricesFile path: String) throws(BacktestError) -> MarketData {
        let closes = try readValidated(path)
        for (c, column) in closes.columns.enumerated() {
            if let r = column.firstIndex(where: { !$0.isNaN && $0 <= 0 }) {
                throw .csv(CSVError(.badNumber, file: path,
                                    "close \(column[r]) on \(closes.dates[r]) in column `\(closes.names[c])` is not positive (expected a price > 0)"))
            }
        }
        return MarketData(returns: prices(closes), source: path)
    }

    /// Why these returns look like something other than daily simple returns
    /// in decimal form, or `nil`: more than 1 % of the present values are
    /// above 1 in absolute value (moves beyond ±100 % a day, which percent
    /// units or closes given as returns produce; a few such days, e.g. a
    /// futures price crossing zero, can be real and pass).
    package var returnsUnitsProblem: String? {
        var present = 0, large = 0, example: (name: String, date: TradingDate, value: Double)?
        for (c, column) in returns.columns.enumerated() {
            for (r, value) in column.enumerated() where !value.isNaN {
                present += 1
                if abs(value) > 1 {
                    large += 1
                    if example == nil { example = (returns.names[c], returns.dates[r], value) }
                }
            }
        }
        guard let example, Double(large) > 0.01 * Double(present) else { return nil }
        return "\(large) of \(present) returns in \(source) are beyond ±100 % a day (first: \(example.value) for "
            + "`\(example.name)` on \(example.date)); returns are decimal fractions (0.012 for 1.2 %), and closes go to --prices"
    }

    /// The assets without a single return on the rows `rows` (they are held
    /// at weight 0 there: the strategies need returns to size a position).
    package func assetsWithoutReturns(in rows: Range<Int>) -> [String] {
        zip(returns.names, returns.columns).filter { _, column in column[rows].allSatisfy(\.isNaN) }.map(\.0)
    }

    /// Converts a panel of closes into a panel of simple returns.
    package static func prices(_ closes: Panel) -> Panel {
        Panel(dates: closes.dates, names: closes.names, columns: closes.columns.map(SimpleReturns.fromCloses))
    }

    /// The indices of the rows whose date lies in `[start, end]`; an error
    /// when `start > end` or no row falls inside.
    package func tradingRange(start: TradingDate?, end: TradingDate?) throws(BacktestError) -> Range<Int> {
        if let start, let end, start > end { throw .startAfterEnd(start: start, end: end) }
        let dates = returns.dates
        let lo = start.map { s in dates.partitioningIndex { $0 >= s } } ?? 0
        let hi = end.map { e in dates.partitioningIndex { $0 > e } } ?? dates.count
        guard lo < hi else {
            throw .noTradingDays(file: source, start: start, end: end,
                                 dataRange: returns.dateRange.map { ($0.first, $0.last) })
        }
        return lo..<hi
    }

    private static func readValidated(_ path: String) throws(BacktestError) -> Panel {
        let panel: Panel
        do { panel = try DataFile.readPanel(path: path) } catch { throw .csv(error) }
        if panel.columnCount == 0 { throw .noAssetColumns(file: path) }
        if let dup = duplicateName(panel.names) {
            throw .csv(CSVError(.badHeader, file: path, line: 1, "asset column `\(dup)` appears twice (expected unique asset names)"))
        }
        if let blank = panel.names.firstIndex(where: { $0.isEmpty }) {
            throw .csv(CSVError(.badHeader, file: path, line: 1, "asset column \(blank + 2) has an empty name"))
        }
        return panel
    }

    private static func duplicateName(_ names: [String]) -> String? {
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted { return n }
        return nil
    }
}
