/// The regime classifier as a step function: feed one feature row per date,
/// in date order, get that date's regime (SPEC §4).
///
/// Target regime from the ENTER flags `f` (score `s` = number of true flags)
/// and `dd = dd_level`:
/// - CRISIS if `dd ≤ dd_crisis_enter` or `s ≥ 3` or (fast vol ∧ corr spike ∧ worsening dd);
/// - else STRESS if `s ≥ 2` or (fast vol ∧ corr spike) or `dd ≤ dd_stress_enter`;
/// - else ELEVATED if `s ≥ 1`; else NORMAL.
///
/// Hysteresis: the first row takes its target. Afterwards a more severe
/// target is taken at once; a less severe target only when the current
/// regime has lasted at least `min_days_in_regime` rows and the EXIT score
/// is below the current level (CRISIS < 3, STRESS < 2, ELEVATED < 1);
/// otherwise the regime stays. Days-in-regime resets to 1 on a change and
/// grows by 1 otherwise.
///
/// The state (thresholds, current regime, days in it) is `Codable`, so an
/// incremental engine can save it and resume; the batch
/// ``RegimeClassifier`` runs this same step on every row.
package struct RegimeStepper: Codable, Equatable, Sendable {
    /// The thresholds in force.
    package private(set) var thresholds: RegimeThresholds
    /// The regime of the last row fed; `nil` before the first row.
    package private(set) var current: Regime?
    /// Consecutive rows (including the last one fed) spent in ``current``.
    package private(set) var daysInRegime: Int

    /// A stepper that has seen no row yet.
    package init(thresholds: RegimeThresholds = RegimeThresholds()) throws(RegimeThresholdError) {
        try thresholds.validate()
        self.thresholds = thresholds
        self.current = nil
        self.daysInRegime = 0
    }

    /// A stepper resumed in `current` after `daysInRegime` rows in it (a saved engine).
    package init(thresholds: RegimeThresholds, current: Regime?, daysInRegime: Int) throws(RegimeThresholdError) {
        try self.init(thresholds: thresholds)
        self.current = current
        self.daysInRegime = daysInRegime
    }

    /// The regime the ENTER rules point to on this row, before hysteresis.
    package static func target(_ row: RegimeFeatureRow, _ t: RegimeThresholds) -> Regime {
        let f = StressFlags.enter(row, t)
        let score = f.score
        if row.ddLevel <= t.ddCrisisEnter || score >= 3 || (f.fastVol && f.corrSpike && f.worseningDrawdown) {
            return .crisis
        }
        if score >= 2 || (f.fastVol && f.corrSpike) || row.ddLevel <= t.ddStressEnter {
            return .stress
        }
        return score >= 1 ? .elevated : .normal
    }

    /// Whether leaving `current` for the less severe `target` is allowed:
    /// the regime has lasted `min_days_in_regime` rows and the EXIT score is
    /// below the current severity level.
    static func mayDowngrade(from current: Regime, to target: Regime, daysInRegime: Int,
                             exitScore: Int, minDays: Int) -> Bool {
        target < current && daysInRegime >= minDays && exitScore < current.severity
    }

    /// Classifies the next row and advances the state.
    package mutating func step(_ row: RegimeFeatureRow) -> Regime {
        let target = Self.target(row, thresholds)
        guard let current else {
            self.current = target
            daysInRegime = 1
            return target
        }
        let next: Regime
        if target > current {
            next = target
        } else if Self.mayDowngrade(from: current, to: target, daysInRegime: daysInRegime,
                                    exitScore: StressFlags.exit(row, thresholds).score,
                                    minDays: thresholds.minDaysInRegime) {
            next = target
        } else {
            next = current
        }
        if next == current {
            daysInRegime += 1
        } else {
            self.current = next
            daysInRegime = 1
        }
        return next
    }
}
