import Allocator
import TimeSeries

/// Why a backtest could not start or finish. Every case names the input at
/// fault and what was expected, so the CLI can print it as-is and exit 1.
package enum BacktestError: Error, CustomStringConvertible, Sendable {
    /// A market-data or run-directory CSV could not be read (file and line inside).
    case csv(CSVError)
    /// The market-data file has a date column but no asset columns.
    case noAssetColumns(file: String)
    /// The requested window holds no row of the market data.
    case noTradingDays(file: String, start: TradingDate?, end: TradingDate?, dataRange: (TradingDate, TradingDate)?)
    /// `--start` lies after `--end`.
    case startAfterEnd(start: TradingDate, end: TradingDate)
    /// A profile name that the configuration does not define.
    case unknownProfile(name: String, available: [String], file: String)
    /// A configuration problem: file, line (when known) and what was expected.
    case config(file: String, line: Int?, message: String)
    /// The run that `precomputed` mode should take its scalars from does not exist.
    case precomputedRunMissing(runId: String?, directory: String, detail: String)
    /// The allocator part of the configuration is invalid (thresholds, risk settings).
    case allocator(AllocatorError)
    /// A command-line or API argument outside its domain.
    case invalidArgument(String)

    package var description: String {
        switch self {
        case .csv(let error):
            return error.description
        case .noAssetColumns(let file):
            return "\(file):1: no asset columns (expected a header `date,<asset>,...` with at least one asset)"
        case let .noTradingDays(file, start, end, range):
            let window = "[\(start?.description ?? "first row"), \(end?.description ?? "last row")]"
            let data = range.map { "the data spans \($0.0) … \($0.1)" } ?? "the data has no rows"
            return "\(file): no trading days in the window \(window); \(data)"
        case let .startAfterEnd(start, end):
            return "start date \(start) is after end date \(end) (expected --start ≤ --end)"
        case let .unknownProfile(name, available, file):
            return "\(file): unknown profile `\(name)` (available: \(available.joined(separator: ", ")))"
        case let .config(file, line, message):
            if let line { return "\(file):\(line): \(message)" }
            return "\(file): \(message)"
        case let .precomputedRunMissing(runId, directory, detail):
            let name = runId.map { "run `\($0)`" } ?? "source run"
            return "\(directory): \(name) for allocator mode `precomputed`: \(detail)"
        case .allocator(let error):
            return "\(error.typeName): \(error.description)"
        case .invalidArgument(let message):
            return message
        }
    }
}
