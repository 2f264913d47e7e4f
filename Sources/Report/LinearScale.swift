/// Maps a data interval linearly onto a pixel interval.
///
/// `position(x) = rangeStart + (x − domainStart) / (domainEnd − domainStart) · (rangeEnd − rangeStart)`.
/// A degenerate domain (start = end) maps every value to the middle of the range,
/// so a constant series is drawn as a flat line instead of disappearing.
/// Values outside the domain extrapolate; NaN stays NaN.
struct LinearScale: Sendable {
    /// Data interval.
    var domain: (start: Double, end: Double)
    /// Pixel interval; `end < start` flips the axis (the usual y axis of SVG).
    var range: (start: Double, end: Double)

    init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = (domain.0, domain.1)
        self.range = (range.0, range.1)
    }

    /// The pixel position of `x`.
    func position(_ x: Double) -> Double {
        let span = domain.end - domain.start
        guard span != 0 else { return (range.start + range.end) / 2 }
        return range.start + (x - domain.start) / span * (range.end - range.start)
    }
}
