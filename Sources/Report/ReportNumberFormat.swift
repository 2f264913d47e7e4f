import Foundation

/// How a number in a table is written. A missing or non-finite value is written `NA`.
package enum ReportNumberFormat: Sendable, Equatable {
    /// `value × 100` with `decimals` decimals and a `%` sign: 0.1234 → `12.34%`.
    case percent(decimals: Int)
    /// Plain decimal: 1.23456 with 3 decimals → `1.235`.
    case decimal(decimals: Int)
    /// Rounded to a whole number: `1696`.
    case integer

    /// `value` written in this format; `signed` adds `+` to positive numbers (used for deltas).
    func format(_ value: Double?, signed: Bool = false) -> String {
        guard let value, value.isFinite else { return "NA" }
        let body: String
        switch self {
        case .percent(let decimals): body = String(format: "%.\(decimals)f%%", value * 100)
        case .decimal(let decimals): body = String(format: "%.\(decimals)f", value)
        case .integer: body = String(format: "%.0f", value)
        }
        let isNegativeZero = body.hasPrefix("-") && body.dropFirst().allSatisfy { "0.%".contains($0) }
        let cleaned = isNegativeZero ? String(body.dropFirst()) : body
        guard signed, !cleaned.hasPrefix("-"), cleaned.contains(where: { "123456789".contains($0) }) else { return cleaned }
        return "+" + cleaned
    }
}
