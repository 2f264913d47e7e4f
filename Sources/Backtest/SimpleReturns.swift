/// Daily simple returns from daily closes.
///
/// `r(t) = P(t) / P(t−1) − 1`, where `t−1` is the previous row of the same
/// column. A return is missing (`.nan`) when either close is missing, so a
/// holiday gap leaves two missing returns (the holiday and the day after)
/// rather than inventing a multi-day move; the first row is always missing.
package enum SimpleReturns {
    /// Returns of one price column; same length as `closes`.
    package static func fromCloses(_ closes: [Double]) -> [Double] {
        var out = [Double](repeating: .nan, count: closes.count)
        guard closes.count > 1 else { return out }
        closes.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { r in
                for t in 1..<p.count {
                    let prev = p[t - 1], now = p[t]
                    if !prev.isNaN && !now.isNaN { r[t] = now / prev - 1.0 }
                }
            }
        }
        return out
    }
}
