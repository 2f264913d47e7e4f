import Foundation

/// Equal-width histogram on a 1-2-5 grid.
///
/// Bin width `w` = ``NiceTicks/step(span:target:minimumStep:)`` of
/// `max − min` for `target` bins (at least 0.01), or of `minimumSpan` when
/// all values are equal (their bin as wide as for that range); edges start
/// at `floor(min / w) · w`; value `v` falls in bin `floor((v − start) / w)`,
/// and a value on the last upper edge is counted in the last bin.
/// Non-finite values are ignored.
enum Histogram {
    /// Bin `[lower, upper)` and how many values fall in it.
    struct Bin: Equatable, Sendable {
        var lower: Double
        var upper: Double
        var count: Int
    }

    static func bins(_ values: [Double], target: Int = 20, minimumSpan: Double = 0) -> [Bin] {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return [] }
        let width = max(0.01, NiceTicks.step(span: high > low ? high - low : minimumSpan, target: target))
        let start = (low / width + 1e-9).rounded(.down) * width
        let count = max(1, Int(((high - start) / width - 1e-9).rounded(.up)))
        var counts = [Int](repeating: 0, count: count)
        for v in finite {
            counts[min(count - 1, max(0, Int(((v - start) / width + 1e-9).rounded(.down))))] += 1
        }
        return counts.enumerated().map { index, n in
            Bin(lower: start + Double(index) * width, upper: start + Double(index + 1) * width, count: n)
        }
    }
}
