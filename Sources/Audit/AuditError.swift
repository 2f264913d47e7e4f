import Allocator
import TimeSeries

/// Why an audit computation refused its inputs. Each case carries the
/// offending value and what was expected, so the CLI can print it as is.
package indirect enum AuditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Overlay replay: a weights column names an asset that has no return column.
    case assetWithoutReturns(asset: String)
    /// Overlay replay: `column` appears more than once in the header of `input`.
    case duplicateColumn(column: String, input: ReplayInput)
    /// Overlay replay: a rebalance date before the first or after the last asset-return row (`nil` without rows).
    case rebalanceOutsideReturns(date: TradingDate, firstDay: TradingDate?, lastDay: TradingDate?)
    /// Overlay replay: two rebalance dates fall on one trading day (the last row on or before each).
    case rebalancesShareATradingDay(earlier: TradingDate, later: TradingDate, day: TradingDate)
    /// Overlay replay: weights dates are not strictly increasing.
    case rebalanceDatesNotIncreasing(previous: TradingDate, date: TradingDate)
    /// Overlay replay: the scalars do not match the rebalances one to one.
    case scalarCountMismatch(scalars: Int, rebalances: Int)
    /// Overlay replay: slippage must be a finite number ≥ 0.
    case invalidSlippage(bps: Double)
    /// A `START:END` window flag that does not parse.
    case invalidWindow(text: String, reason: String)
    /// The `audit:` YAML block: `key` is not one of `allowed`.
    case unknownThresholdKey(file: String, key: String, allowed: [String])
    /// The `audit:` YAML block: `key` has a value of the wrong kind.
    case invalidThresholdValue(file: String, key: String, value: String, expected: String)
    /// The configuration text is not YAML, or `audit:` is not a mapping.
    case invalidConfig(file: String, detail: String)
    /// `error`, about the content of the file at `file` (which it names first).
    case inFile(file: String, error: AuditError)
    /// A run directory could not be read or written (carries the allocator's error, naming the file).
    case run(AllocatorError)
    /// The two passes cannot be compared meaningfully (`detail` says why).
    case incomparable(detail: String)

    /// The message, naming the value and what was expected.
    package var description: String {
        switch self {
        case .assetWithoutReturns(let asset):
            return "weights column `\(asset)` has no column in the asset returns (expected every weighted asset to have returns)"
        case .duplicateColumn(let column, let input):
            return "column `\(column)` appears more than once in the \(input.rawValue) header (expected one column per asset)"
        case .inFile(let file, let error):
            return "\(file): \(error.description)"
        case .rebalanceOutsideReturns(let date, let firstDay, let lastDay):
            let span = firstDay.flatMap { first in lastDay.map { "\(first) … \($0)" } } ?? "no rows"
            return "rebalance date \(date) is outside the asset returns (\(span)); expected weights decided within their dates"
        case .rebalancesShareATradingDay(let earlier, let later, let day):
            return "rebalance dates \(earlier) and \(later) both fall on trading day \(day) (weights dated between trading days take effect from the next one; expected one rebalance per trading day)"
        case .rebalanceDatesNotIncreasing(let previous, let date):
            return "rebalance date \(date) follows \(previous) (expected strictly increasing dates)"
        case .scalarCountMismatch(let scalars, let rebalances):
            return "\(scalars) scalars for \(rebalances) rebalances (expected one scalar per rebalance)"
        case .invalidSlippage(let bps):
            return "slippage \(bps) bps (expected a finite number ≥ 0)"
        case .invalidWindow(let text, let reason):
            return "window `\(text)`: \(reason) (expected START:END as YYYY-MM-DD:YYYY-MM-DD with START ≤ END)"
        case .unknownThresholdKey(let file, let key, let allowed):
            return "\(file): `audit.\(key)`: unknown key (expected one of: \(allowed.joined(separator: ", ")))"
        case .invalidThresholdValue(let file, let key, let value, let expected):
            return "\(file): `audit.\(key)`: got `\(value)`, expected \(expected)"
        case .invalidConfig(let file, let detail):
            return "\(file): \(detail)"
        case .run(let error):
            return error.description
        case .incomparable(let detail):
            return detail
        }
    }
}
