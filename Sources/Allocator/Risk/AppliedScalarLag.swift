/// The contract's one-rebalance lag of applied scalars (SPEC §5) as a step
/// function — the one implementation, used by the batch
/// ``AppliedScalars/compute(risk:rebalanceDates:missingAs:)`` and by the
/// backtest's incremental `compute` mode.
///
/// Feed the risk scalars in date order (``observe(_:)``) and call
/// ``rebalance()`` at each rebalance `dₖ` after observing every scalar dated
/// on or before `dₖ`. With `at(k)` = the last scalar observed by then
/// (`nil` when none): `rebalance()` at `d₀` returns `m`, at `dₖ` returns
/// `at(k − 1) ?? m` (`m` = `missingAs`, `apply_missing_scalar_as`).
package struct AppliedScalarLag: Codable, Sendable, Equatable {
    /// The scalar applied when no risk scalar was known at the previous rebalance.
    package let missingAs: Double
    private var latest: Double?
    private var pending: Double?

    package init(missingAs: Double) {
        self.missingAs = missingAs
    }

    /// Records the risk scalar of a date (call in date order).
    package mutating func observe(_ riskScalar: Double) {
        latest = riskScalar
    }

    /// The scalar to apply at a rebalance now; remembers the latest scalar for the next one.
    package mutating func rebalance() -> Double {
        let applied = pending ?? missingAs
        pending = latest
        return applied
    }
}
