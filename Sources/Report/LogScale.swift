import Foundation

/// Maps a positive data interval onto a pixel interval so that equal ratios
/// take equal distances (every decade has the same length).
///
/// `position(x) = rangeStart + (log10 x − log10 domainStart) / (log10 domainEnd − log10 domainStart) · (rangeEnd − rangeStart)`.
/// A degenerate domain maps every value to the middle of the range.
/// Non-positive values and NaN map to NaN, which the path builder draws as gaps.
struct LogScale: Sendable {
    private let linear: LinearScale

    /// - Parameters:
    ///   - domain: positive data bounds.
    ///   - range: pixel bounds; `end < start` flips the axis.
    init(domain: (Double, Double), range: (Double, Double)) {
        precondition(domain.0 > 0 && domain.1 > 0, "a log scale needs a positive domain")
        linear = LinearScale(domain: (log10(domain.0), log10(domain.1)), range: range)
    }

    /// The pixel position of `x`; NaN when `x ≤ 0` or `x` is NaN.
    func position(_ x: Double) -> Double {
        guard x > 0 else { return .nan }
        return linear.position(log10(x))
    }
}
