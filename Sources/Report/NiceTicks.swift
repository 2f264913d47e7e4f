import Foundation

/// Round axis ticks on a 1-2-5 grid.
///
/// Algorithm: `raw = (upper − lower) / target`; `magnitude = 10^floor(log10 raw)`;
/// `step` = the first of `1, 2, 5, 10` × magnitude that is ≥ `raw`. Ticks are
/// `k · step` for every integer `k` with `lower ≤ k · step ≤ upper`
/// (`ceil(lower / step) … floor(upper / step)`), so `[0, 0.87]` with target 5
/// gives `0, 0.2, 0.4, 0.6, 0.8`. Values are rebuilt as `k · step` and rounded
/// to the step's decimals, so no `0.30000000000000004` reaches a label.
/// `minimumStep` (e.g. 1 for counts) is the smallest step allowed.
enum NiceTicks {
    /// The 1-2-5 step for `span / target`, at least `minimumStep`; 1 for an empty or non-finite span.
    static func step(span: Double, target: Int, minimumStep: Double = 0) -> Double {
        guard span > 0, span.isFinite, target > 0 else { return max(1, minimumStep) }
        let raw = span / Double(target)
        let magnitude = pow(10, floor(log10(raw)))
        for factor in [1.0, 2.0, 5.0] where factor * magnitude >= raw * (1 - 1e-9) {
            return max(factor * magnitude, minimumStep)
        }
        return max(10 * magnitude, minimumStep)
    }

    /// Ticks inside `[lower, upper]`; a degenerate interval yields its single value.
    static func ticks(lower: Double, upper: Double, target: Int = 5, minimumStep: Double = 0) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [] }
        guard upper > lower else { return [lower] }
        let step = step(span: upper - lower, target: target, minimumStep: minimumStep)
        let first = Int((lower / step - 1e-9).rounded(.up))
        let last = Int((upper / step + 1e-9).rounded(.down))
        guard first <= last else { return [] }
        return (first...last).map { roundToStep(Double($0) * step, step: step) }
    }

    /// The interval widened outward to whole steps: `[floor(lower/step)·step, ceil(upper/step)·step]`.
    static func extent(lower: Double, upper: Double, target: Int = 5, minimumStep: Double = 0) -> (lower: Double, upper: Double) {
        guard upper > lower else { return (lower, upper) }
        let step = step(span: upper - lower, target: target, minimumStep: minimumStep)
        let low = (lower / step + 1e-9).rounded(.down) * step
        let high = (upper / step - 1e-9).rounded(.up) * step
        return (roundToStep(low, step: step), roundToStep(high, step: step))
    }

    /// `value` rounded to the number of decimals the step shows (at most 12).
    private static func roundToStep(_ value: Double, step: Double) -> Double {
        let decimals = max(0, min(12, Int((-log10(step)).rounded(.up)) + 1))
        let scale = pow(10, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        return rounded == 0 ? 0 : rounded
    }
}
