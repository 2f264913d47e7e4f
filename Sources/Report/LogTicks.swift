import Foundation

/// Ticks for a log axis: decades first, then the 1-2-5 multiples, then every
/// integer multiple, whichever first gives at least `minimumCount` ticks.
///
/// Candidates are `m · 10^e` for integer `e` from `floor(log10 lower)` to
/// `ceil(log10 upper)`; the multipliers are `{1}`, then `{1, 2, 5}`, then
/// `{1, …, 9}`. Only candidates inside `[lower, upper]` are kept. A range
/// narrower than that (less than a factor of about 2) takes linear
/// ``NiceTicks`` instead, which on so short a stretch of log axis read evenly.
enum LogTicks {
    /// Ticks inside `[lower, upper]` (both positive), ascending.
    static func ticks(lower: Double, upper: Double, minimumCount: Int = 3) -> [Double] {
        guard lower > 0, upper >= lower, lower.isFinite, upper.isFinite else { return [] }
        let firstExponent = Int(floor(log10(lower)))
        let lastExponent = Int(ceil(log10(upper)))
        for multipliers in [[1.0], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]] {
            var ticks: [Double] = []
            for exponent in firstExponent...lastExponent {
                let decade = pow(10, Double(exponent))
                for m in multipliers {
                    let value = m * decade
                    if value >= lower * (1 - 1e-12), value <= upper * (1 + 1e-12) { ticks.append(value) }
                }
            }
            if ticks.count >= minimumCount { return ticks }
        }
        return NiceTicks.ticks(lower: lower, upper: upper, target: 4).filter { $0 > 0 }
    }
}
