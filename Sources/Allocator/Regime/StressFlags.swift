/// The four stress conditions of regime v1 on one row (SPEC §4).
///
/// With ENTER thresholds (``enter(_:_:)``):
/// - fast vol: `vol_accel ≥ vol_accel_enter`
/// - corr spike: `corr_shock ≥ corr_shock_enter`
/// - deep dd: `dd_level ≤ dd_enter`
/// - worsening dd: `dd_slope_10d ≤ dd_slope_enter`
///
/// ``exit(_:_:)`` is the same with the EXIT thresholds. ``score`` counts the
/// true flags (0…4).
package struct StressFlags: Equatable, Sendable {
    package var fastVol: Bool
    package var corrSpike: Bool
    package var deepDrawdown: Bool
    package var worseningDrawdown: Bool

    package init(fastVol: Bool, corrSpike: Bool, deepDrawdown: Bool, worseningDrawdown: Bool) {
        self.fastVol = fastVol
        self.corrSpike = corrSpike
        self.deepDrawdown = deepDrawdown
        self.worseningDrawdown = worseningDrawdown
    }

    /// Flags with the ENTER thresholds.
    package static func enter(_ row: RegimeFeatureRow, _ t: RegimeThresholds) -> StressFlags {
        StressFlags(fastVol: row.volAccel >= t.volAccelEnter, corrSpike: row.corrShock >= t.corrShockEnter,
                    deepDrawdown: row.ddLevel <= t.ddEnter, worseningDrawdown: row.ddSlope10d <= t.ddSlopeEnter)
    }

    /// Flags with the EXIT thresholds.
    package static func exit(_ row: RegimeFeatureRow, _ t: RegimeThresholds) -> StressFlags {
        StressFlags(fastVol: row.volAccel >= t.volAccelExit, corrSpike: row.corrShock >= t.corrShockExit,
                    deepDrawdown: row.ddLevel <= t.ddExit, worseningDrawdown: row.ddSlope10d <= t.ddSlopeExit)
    }

    /// Number of true flags.
    package var score: Int {
        (fastVol ? 1 : 0) + (corrSpike ? 1 : 0) + (deepDrawdown ? 1 : 0) + (worseningDrawdown ? 1 : 0)
    }
}
