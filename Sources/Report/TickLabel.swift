import Foundation

/// Axis tick labels: as many decimals as the tick step needs, nothing more.
///
/// `decimals = max(0, ceil(−log10(step)))` (step 0.2 → 1 decimal, 5 → 0);
/// a percent label uses the step of `value × 100`.
enum TickLabel {
    /// `value` with the decimals its step needs, e.g. `0.4`, `15`.
    static func number(_ value: Double, step: Double) -> String {
        String(format: "%.\(decimals(step))f", value == 0 ? 0 : value)
    }

    /// `value × 100` with a `%` sign, e.g. `-10%`, `2.5%`.
    static func percent(_ value: Double, step: Double) -> String {
        number(value * 100, step: step * 100) + "%"
    }

    /// A log-axis label: `%g` (up to six significant digits, no trailing zeros).
    static func logarithmic(_ value: Double) -> String {
        String(format: "%g", value)
    }

    private static func decimals(_ step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return max(0, min(10, Int((-log10(step) - 1e-9).rounded(.up))))
    }
}
