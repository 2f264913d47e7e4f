/// Descriptive statistics of a sample with the exact floating-point
/// conventions of pandas/numpy, so metadata matches the reference's digits.
///
/// The deliberate exception to ``SampleStatistics`` (plain index-order sums,
/// used everywhere else): metadata and audit figures must equal numpy's to
/// the bit, so these sums are numpy's pairwise sums.
///
/// - sum: numpy's pairwise summation (blocks of ≤ 128 summed with eight
///   interleaved accumulators, larger arrays split in halves rounded down to
///   a multiple of 8);
/// - mean: `sum / n`;
/// - std: sample standard deviation, ddof 1: `√(Σ (mean − xᵢ)² / (n − 1))`,
///   both sums pairwise (any ddof: ``standardDeviation(_:mean:ddof:)``);
/// - median: middle value, or `(a + b) / 2` of the two middle values;
/// - quantile (linear, numpy's default): virtual index `h = n·q + (1 − q) − 1`,
///   `a = x₍⌊h⌋₎`, `b = x₍⌊h⌋+1₎`, `t = h − ⌊h⌋`, result `a + (b − a)·t` when
///   `t < 0.5`, else `b − (b − a)·(1 − t)`.
///
/// Every statistic of an empty sample is NaN (std also for n = 1).
package struct SummaryStatistics: Equatable, Sendable {
    package var count: Int
    package var mean: Double
    package var std: Double
    package var min: Double
    package var max: Double
    package var median: Double
    package var q25: Double
    package var q75: Double

    /// Statistics of `values` (no NaN expected).
    package init(_ values: [Double]) {
        count = values.count
        mean = Self.mean(values)
        std = Self.sampleStd(values, mean: mean)
        let sorted = values.sorted()
        min = sorted.first ?? .nan
        max = sorted.last ?? .nan
        median = Self.median(sorted: sorted)
        q25 = Self.quantile(sorted: sorted, 0.25)
        q75 = Self.quantile(sorted: sorted, 0.75)
    }

    /// numpy's pairwise sum of `values`.
    package static func pairwiseSum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwiseSum($0) }
    }

    private static func pairwiseSum(_ a: UnsafeBufferPointer<Double>) -> Double {
        let n = a.count
        if n < 8 {
            var total = 0.0
            for x in a { total += x }
            return total
        }
        if n <= 128 {
            var r = (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
            var i = 8
            while i < n - n % 8 {
                r.0 += a[i]; r.1 += a[i + 1]; r.2 += a[i + 2]; r.3 += a[i + 3]
                r.4 += a[i + 4]; r.5 += a[i + 5]; r.6 += a[i + 6]; r.7 += a[i + 7]
                i += 8
            }
            var total = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
            while i < n { total += a[i]; i += 1 }
            return total
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(UnsafeBufferPointer(rebasing: a[0..<half]))
            + pairwiseSum(UnsafeBufferPointer(rebasing: a[half..<n]))
    }

    /// `sum / n`; NaN when empty.
    package static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : pairwiseSum(values) / Double(values.count)
    }

    /// Sample standard deviation (ddof 1) given the mean; NaN when n < 2.
    package static func sampleStd(_ values: [Double], mean: Double) -> Double {
        standardDeviation(values, mean: mean, ddof: 1)
    }

    /// numpy's `std(x, ddof)` given the mean: `√(Σ (mean − xᵢ)² / (n − ddof))`,
    /// the sum pairwise; NaN when `n ≤ ddof`.
    package static func standardDeviation(_ values: [Double], mean: Double, ddof: Int) -> Double {
        guard values.count > ddof else { return .nan }
        let squares = values.map { (mean - $0) * (mean - $0) }
        return (pairwiseSum(squares) / Double(values.count - ddof)).squareRoot()
    }

    /// Median of an ascending sample.
    package static func median(sorted: [Double]) -> Double {
        let n = sorted.count
        if n == 0 { return .nan }
        if n % 2 == 1 { return sorted[n / 2] }
        return (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// Linear-interpolation quantile of an ascending sample (numpy's rounding).
    package static func quantile(sorted: [Double], _ q: Double) -> Double {
        let n = sorted.count
        if n == 0 { return .nan }
        let h = Double(n) * q + (1 - q) - 1
        let lo = Swift.min(Swift.max(Int(h.rounded(.down)), 0), n - 1)
        let hi = Swift.min(lo + 1, n - 1)
        let t = h - h.rounded(.down)
        let a = sorted[lo], b = sorted[hi]
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }
}
