/// Regime per day turned into bands on the pixel grid, keeping the most
/// severe regime of each pixel column so that a one-day CRISIS stays visible.
///
/// Day `i` covers the columns `floor(x_i) … max(floor(x_i), floor(x_{i+1}) − 1)`
/// (the last day covers its own column up to `floor(right) − 1`). Each column
/// takes the most severe regime of the days covering it; adjacent columns with
/// the same regime merge into one band `[start, end)` in column units.
/// Columns covered by no day, or only by days without a regime, have no band.
enum RegimeBands {
    /// One band: `[start, end)` in pixel columns and its regime.
    struct Band: Equatable, Sendable {
        var start: Int
        var end: Int
        var regime: ReportRegime
    }

    /// - Parameters:
    ///   - xs: x of each day, ascending.
    ///   - regimes: regime per day (`nil` = undefined).
    ///   - right: x where the last day ends.
    static func bands(xs: [Double], regimes: [ReportRegime?], right: Double) -> [Band] {
        precondition(xs.count == regimes.count, "one regime per x")
        guard let firstX = xs.first else { return [] }
        let origin = Int(firstX.rounded(.down))
        let columnCount = max(1, Int(right.rounded(.down)) - origin)
        var worst = [Int](repeating: -1, count: columnCount)
        for (i, x) in xs.enumerated() {
            guard let regime = regimes[i] else { continue }
            let start = Int(x.rounded(.down)) - origin
            let nextX = i + 1 < xs.count ? xs[i + 1] : right
            let end = max(start + 1, Int(nextX.rounded(.down)) - origin)
            for column in max(0, start)..<min(columnCount, end) where regime.rawValue > worst[column] {
                worst[column] = regime.rawValue
            }
        }
        var bands: [Band] = []
        for (column, level) in worst.enumerated() where level >= 0 {
            let regime = ReportRegime(rawValue: level)!
            if let last = bands.last, last.end == column + origin, last.regime == regime {
                bands[bands.count - 1].end += 1
            } else {
                bands.append(Band(start: column + origin, end: column + origin + 1, regime: regime))
            }
        }
        return bands
    }
}
