/// Mean and sample (ddof 1) variance / standard deviation with plain sums in
/// index order — the one implementation for every statistic that does not
/// have to match numpy to the bit:
///
/// - `mean = (x₀ + x₁ + … + xₙ₋₁) / n`, summed left to right from 0;
/// - `variance = Σ (xᵢ − mean)² / (n − 1)` (two-pass), summed the same way;
/// - `standardDeviation = √variance`;
/// - identical values have variance exactly 0 (the two-pass mean can round
///   off the common value and leave a residue of ~1e-36; pandas and
///   ``WindowStatistics`` give 0 there too).
///
/// A missing value (NaN) makes the result NaN; the mean of no values and the
/// variance of fewer than two are NaN.
///
/// The exception is ``SummaryStatistics``: metadata and audit figures must
/// equal numpy's digits, so they use numpy's pairwise summation instead.
package enum SampleStatistics {
    /// `Σxᵢ / n` in index order; NaN when empty.
    @inlinable
    package static func mean(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard !x.isEmpty else { return .nan }
        var sum = 0.0
        for v in x { sum += v }
        return sum / Double(x.count)
    }

    /// `Σ(xᵢ − mean)² / (n − 1)`; NaN below two values.
    @inlinable
    package static func variance(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard x.count >= 2 else { return .nan }
        if x.allSatisfy({ $0 == x[0] }) { return x[0].isFinite ? 0 : .nan }
        let m = mean(x)
        var ss = 0.0
        for v in x {
            let d = v - m
            ss += d * d
        }
        return ss / Double(x.count - 1)
    }

    /// `√variance` (ddof 1); NaN below two values.
    @inlinable
    package static func standardDeviation(_ x: UnsafeBufferPointer<Double>) -> Double {
        variance(x).squareRoot()
    }

    /// ``mean(_:)-(UnsafeBufferPointer<Double>)`` of an array.
    @inlinable
    package static func mean(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { mean($0) }
    }

    /// ``standardDeviation(_:)-(UnsafeBufferPointer<Double>)`` of an array.
    @inlinable
    package static func standardDeviation(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { standardDeviation($0) }
    }
}
