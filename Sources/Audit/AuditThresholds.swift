import Allocator

/// Every threshold of the audit (SPEC §9), defaults as specified, each
/// overridable in the `audit:` block of the YAML configuration:
///
/// ```yaml
/// audit:
///   max_drawdown_pass: 0.02          # check 1: Δ MaxDD ≥ this → PASS
///   max_drawdown_fail: 0.0           # check 1: Δ MaxDD < this → FAIL (between: CAUTION)
///   cagr_loss_pass: 0.01             # check 2: CAGR loss < this (PASS needs all four)
///   sharpe_delta_pass: -0.05         # check 2: Sharpe Δ ≥ this
///   normal_share_min: 0.70           # check 2: NORMAL share in [min, max]
///   normal_share_max: 0.80
///   mean_scalar_min: 0.90            # check 2: mean scalar in [min, max]
///   mean_scalar_max: 0.98
///   cagr_loss_fail: 0.02             # check 2: CAGR loss > this → FAIL
///   mean_scalar_fail: 0.85           # check 2: mean scalar < this → FAIL
///   transitions_per_year_pass: 20    # check 3: transitions/yr < this and
///   thrash_events_pass: 0            #          thrash events ≤ this → PASS
///   transitions_per_year_fail: 30    # check 3: transitions/yr > this or
///   thrash_per_year_fail: 3          #          thrash/yr > this → FAIL
///   thrash_window_days: 5            # a visit of ≤ this many rows, then back, is thrash
///   de_risk_scalar: 0.70             # a rebalance with used scalar < this is de-risked
///   replay_min_correlation: 0.99     # replay correlation below this → warning
/// ```
///
/// Keys are strict: an unknown key is an error listing the allowed ones.
/// CAGR loss = baseline CAGR − scaled CAGR; Δ = scaled − baseline.
package struct AuditThresholds: Equatable, Sendable {
    /// `max_drawdown_pass` (see the table above).
    package var maxDrawdownPass = 0.02
    /// `max_drawdown_fail` (see the table above).
    package var maxDrawdownFail = 0.0
    /// `cagr_loss_pass` (see the table above).
    package var cagrLossPass = 0.01
    /// `sharpe_delta_pass` (see the table above).
    package var sharpeDeltaPass = -0.05
    /// `normal_share_min` (see the table above).
    package var normalShareMin = 0.70
    /// `normal_share_max` (see the table above).
    package var normalShareMax = 0.80
    /// `mean_scalar_min` (see the table above).
    package var meanScalarMin = 0.90
    /// `mean_scalar_max` (see the table above).
    package var meanScalarMax = 0.98
    /// `cagr_loss_fail` (see the table above).
    package var cagrLossFail = 0.02
    /// `mean_scalar_fail` (see the table above).
    package var meanScalarFail = 0.85
    /// `transitions_per_year_pass` (see the table above).
    package var transitionsPerYearPass = 20.0
    /// `thrash_events_pass` (see the table above).
    package var thrashEventsPass = 0
    /// `transitions_per_year_fail` (see the table above).
    package var transitionsPerYearFail = 30.0
    /// `thrash_per_year_fail` (see the table above).
    package var thrashPerYearFail = 3.0
    /// `thrash_window_days` (see the table above).
    package var thrashWindowDays = 5
    /// `de_risk_scalar` (see the table above).
    package var deRiskScalar = 0.70
    /// `replay_min_correlation` (see the table above).
    package var replayMinCorrelation = 0.99

    /// The defaults of SPEC §9.
    package init() {}

    /// The keys of the `audit:` block, in documentation order.
    package static let keys = [
        "max_drawdown_pass", "max_drawdown_fail", "cagr_loss_pass", "sharpe_delta_pass",
        "normal_share_min", "normal_share_max", "mean_scalar_min", "mean_scalar_max",
        "cagr_loss_fail", "mean_scalar_fail", "transitions_per_year_pass", "thrash_events_pass",
        "transitions_per_year_fail", "thrash_per_year_fail", "thrash_window_days", "de_risk_scalar",
        "replay_min_correlation",
    ]

    /// The field of a real-valued key.
    private static func realField(_ key: String) -> WritableKeyPath<AuditThresholds, Double>? {
        switch key {
        case "max_drawdown_pass": return \.maxDrawdownPass
        case "max_drawdown_fail": return \.maxDrawdownFail
        case "cagr_loss_pass": return \.cagrLossPass
        case "sharpe_delta_pass": return \.sharpeDeltaPass
        case "normal_share_min": return \.normalShareMin
        case "normal_share_max": return \.normalShareMax
        case "mean_scalar_min": return \.meanScalarMin
        case "mean_scalar_max": return \.meanScalarMax
        case "cagr_loss_fail": return \.cagrLossFail
        case "mean_scalar_fail": return \.meanScalarFail
        case "transitions_per_year_pass": return \.transitionsPerYearPass
        case "transitions_per_year_fail": return \.transitionsPerYearFail
        case "thrash_per_year_fail": return \.thrashPerYearFail
        case "de_risk_scalar": return \.deRiskScalar
        case "replay_min_correlation": return \.replayMinCorrelation
        default: return nil
        }
    }

    /// The field of a whole-number key.
    private static func countField(_ key: String) -> WritableKeyPath<AuditThresholds, Int>? {
        switch key {
        case "thrash_events_pass": return \.thrashEventsPass
        case "thrash_window_days": return \.thrashWindowDays
        default: return nil
        }
    }

    /// Reads the `audit:` block of a YAML document with ``ConfigNode`` (other
    /// top-level sections belong to other readers and are ignored); defaults
    /// when it is absent.
    ///
    /// - Throws: ``AuditError`` naming the key: unknown key (with the allowed
    ///   ones), a value that is not a finite number (or a whole number ≥ 0 for
    ///   `thrash_events_pass`, ≥ 1 for `thrash_window_days`), a PASS bound
    ///   looser than its FAIL bound, or text that is not YAML.
    package static func parse(yaml text: String, file: String) throws(AuditError) -> AuditThresholds {
        var thresholds = AuditThresholds()
        let entries: [(String, ConfigNode)]
        do {
            guard let block = try ConfigNode.document(text, file: file)?.value(of: "audit") else { return thresholds }
            entries = try block.entries()
        } catch {
            throw .invalidConfig(file: error.file + (error.line.map { ":\($0)" } ?? ""), detail: error.message)
        }
        for (key, value) in entries {
            let shown = (try? value.string()) ?? "a collection"
            if let path = realField(key) {
                do { thresholds[keyPath: path] = try value.number() } catch {
                    throw .invalidThresholdValue(file: file, key: key, value: shown, expected: "a finite number")
                }
            } else if let path = countField(key) {
                let minimum = key == "thrash_window_days" ? 1 : 0
                do { thresholds[keyPath: path] = try value.int(atLeast: minimum) } catch {
                    throw .invalidThresholdValue(file: file, key: key, value: shown, expected: "a whole number ≥ \(minimum)")
                }
            } else {
                throw .unknownThresholdKey(file: file, key: key, allowed: keys)
            }
        }
        try thresholds.validate(file: file)
        return thresholds
    }

    /// Each PASS region must lie inside the non-FAIL region.
    private func validate(file: String) throws(AuditError) {
        func require(_ ok: Bool, _ key: String, _ value: Double, _ expected: String) throws(AuditError) {
            if !ok { throw .invalidThresholdValue(file: file, key: key, value: "\(value)", expected: expected) }
        }
        try require(maxDrawdownPass >= maxDrawdownFail, "max_drawdown_pass", maxDrawdownPass, "≥ max_drawdown_fail (\(maxDrawdownFail))")
        try require(cagrLossPass <= cagrLossFail, "cagr_loss_pass", cagrLossPass, "≤ cagr_loss_fail (\(cagrLossFail))")
        try require(normalShareMin <= normalShareMax, "normal_share_min", normalShareMin, "≤ normal_share_max (\(normalShareMax))")
        try require(meanScalarMin <= meanScalarMax, "mean_scalar_min", meanScalarMin, "≤ mean_scalar_max (\(meanScalarMax))")
        try require(meanScalarFail <= meanScalarMin, "mean_scalar_fail", meanScalarFail, "≤ mean_scalar_min (\(meanScalarMin))")
        try require(transitionsPerYearPass <= transitionsPerYearFail, "transitions_per_year_pass", transitionsPerYearPass,
                    "≤ transitions_per_year_fail (\(transitionsPerYearFail))")
    }
}
