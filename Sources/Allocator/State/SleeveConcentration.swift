/// Sleeve concentration over a window (SPEC §2, `sleeve_concentration_60d`):
/// the Herfindahl index of the sleeves' absolute window P&L,
/// `aₛ = |Σ rₛ|`, `H = Σₛ (aₛ / Σ a)²` over sleeves whose sum is defined;
/// `H = 0` when no sum is defined or all are 0.
package enum SleeveConcentration {
    package static func value(at row: Int, window: Int, sleeves: SlidingColumns) -> Double {
        let k = sleeves.columnCount
        guard k > 0 else { return .nan }
        guard row + 1 >= window else { return 0 }
        // The window sums in a temporary buffer: a row allocates nothing.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { absolute in
            sleeves.withStorage(row: row - window + 1) { base, stride, offset in
                for c in 0..<k {
                    absolute.initializeElement(at: c, to: abs(WindowStatistics.sum(base + c * stride + offset, count: window)))
                }
            }
            var total = 0.0
            for a in absolute where !a.isNaN { total += a }
            guard total > 0 else { return 0 }
            var h = 0.0
            for a in absolute where !a.isNaN {
                let share = a / total
                h += share * share
            }
            return h
        }
    }
}
