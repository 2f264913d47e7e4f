import Backtest

/// The candidates of a calibration, in generation order (SPEC §11): index
/// `k` is the candidate's number in `candidates.csv` and what `--shard i/n`
/// selects on (`k mod n = i`), so every shard generates the same list.
package struct CandidateSet: Sendable {
    /// Searched parameter names, in the plan's order (the table's parameter columns).
    package var names: [String]
    /// `values[k]` = candidate `k`'s value of each parameter, in ``names`` order.
    package var values: [[Double]]
    /// How they were generated, for the summary (`grid` or `samples N seed S`).
    package var source: String

    /// The Cartesian product of the grid, the last parameter varying fastest.
    package static func grid(_ plan: CalibrationPlan) throws(CalibrationError) -> CandidateSet {
        guard !plan.grid.isEmpty else {
            throw .invalidPlan("empty grid: the calibrate: block lists no parameter values (e.g. `vol_accel_enter: [1.2, 1.3]`); with --samples N it draws within its `ranges:` instead")
        }
        var values: [[Double]] = [[]]
        for (_, list) in plan.grid {
            values = values.flatMap { prefix in list.map { prefix + [$0] } }
        }
        return CandidateSet(names: plan.grid.map(\.name), values: values, source: "grid")
    }

    /// `count` candidates drawn from one ``RandomSource`` seeded with `seed`:
    /// candidate by candidate, parameter by parameter in the plan's order,
    /// `min + u·(max − min)` for a real parameter (u uniform in [0, 1)) and a
    /// whole number uniform in `min…max` for `min_days_in_regime`.
    package static func samples(_ plan: CalibrationPlan, count: Int, seed: UInt64) throws(CalibrationError) -> CandidateSet {
        guard !plan.ranges.isEmpty else {
            throw .invalidPlan("--samples needs ranges: the calibrate: block has no `ranges:` mapping (e.g. `ranges: {vol_accel_enter: [1.1, 1.6]}`)")
        }
        guard count >= 1 else { throw .invalidPlan("--samples must be at least 1, got \(count)") }
        var random = RandomSource(seed: seed)
        var values: [[Double]] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            values.append(plan.ranges.map { r in
                if CalibrationParameter.isInteger(r.name) {
                    let lo = Int(r.min.rounded(.up)), hi = Int(r.max.rounded(.down))
                    return Double(lo + random.integer(below: max(1, hi - lo + 1)))
                }
                return r.min + random.uniform() * (r.max - r.min)
            })
        }
        return CandidateSet(names: plan.ranges.map(\.name), values: values, source: "samples \(count) seed \(seed)")
    }

    package var count: Int { values.count }
}
