/// Window statistics over a contiguous buffer of `count` values, pandas
/// `rolling(w)` semantics: any missing value makes the statistic missing.
package enum WindowStatistics {
    /// Sample standard deviation (ddof 1),
    /// ``SampleStatistics/standardDeviation(_:)-(UnsafeBufferPointer<Double>)``
    /// `= sqrt(Σ(x − x̄)² / (n − 1))`, except exactly 0 when all values are
    /// equal (as pandas reports for a run of identical values); NaN when any
    /// value is missing or `count < 2`.
    @inline(__always)
    package static func sampleStandardDeviation(_ x: UnsafePointer<Double>, count n: Int) -> Double {
        guard n >= 2 else { return .nan }
        var allEqual = true
        let first = x[0]
        for k in 0..<n {
            let v = x[k]
            if v.isNaN { return .nan }
            if v != first { allEqual = false }
        }
        if allEqual { return 0 }
        return SampleStatistics.standardDeviation(UnsafeBufferPointer(start: x, count: n))
    }

    /// Sum of the values in index order; NaN when any value is missing.
    @inline(__always)
    package static func sum(_ x: UnsafePointer<Double>, count n: Int) -> Double {
        var s = 0.0
        for k in 0..<n { s += x[k] }
        return s
    }
}
