import TimeSeries

/// ENTER/EXIT thresholds of the regime classifier (SPEC §4), with the
/// defaults of regime v1.
///
/// Each stored property has a metadata name (`vol_accel_enter`, …) used in
/// `allocator_regime_v1_meta.json` and in the YAML `regime:` block;
/// ``metadataNames`` lists them in the order the metadata writes them.
///
/// Hysteresis: an EXIT threshold is looser than its ENTER threshold, so a
/// condition that switched on stays on until the feature has clearly
/// recovered. For `vol_accel` and `corr_shock` (stress = high) that means
/// `exit < enter`; for `dd_level` and `dd_slope_10d` (stress = very negative)
/// `exit > enter`.
public struct RegimeThresholds: Codable, Equatable, Sendable {
    /// Fast-vol flag on when `vol_accel ≥ volAccelEnter`.
    public var volAccelEnter = 1.30
    /// Fast-vol EXIT flag on when `vol_accel ≥ volAccelExit`.
    public var volAccelExit = 1.15
    /// Correlation-spike flag on when `corr_shock ≥ corrShockEnter`.
    public var corrShockEnter = 0.10
    /// Correlation-spike EXIT flag on when `corr_shock ≥ corrShockExit`.
    public var corrShockExit = 0.05
    /// Deep-drawdown flag on when `dd_level ≤ ddEnter`.
    public var ddEnter = -0.10
    /// Deep-drawdown EXIT flag on when `dd_level ≤ ddExit`.
    public var ddExit = -0.06
    /// STRESS at least when `dd_level ≤ ddStressEnter`.
    public var ddStressEnter = -0.12
    /// CRISIS when `dd_level ≤ ddCrisisEnter`.
    public var ddCrisisEnter = -0.20
    /// Worsening-drawdown flag on when `dd_slope_10d ≤ ddSlopeEnter`.
    public var ddSlopeEnter = -0.06
    /// Worsening-drawdown EXIT flag on when `dd_slope_10d ≤ ddSlopeExit`.
    public var ddSlopeExit = -0.03
    /// Days a regime must have lasted before a move to a less severe one.
    public var minDaysInRegime = 5

    /// The defaults of regime v1.
    public init() {}

    /// Metadata names in metadata order.
    public static let metadataNames: [String] = [
        "vol_accel_enter", "vol_accel_exit", "corr_shock_enter", "corr_shock_exit",
        "dd_enter", "dd_exit", "dd_stress_enter", "dd_crisis_enter",
        "dd_slope_enter", "dd_slope_exit", "min_days_in_regime",
    ]

    /// The real-valued threshold with this metadata name (`min_days_in_regime` is an integer and not one).
    private static func doubleField(_ name: String) -> WritableKeyPath<RegimeThresholds, Double>? {
        switch name {
        case "vol_accel_enter": return \.volAccelEnter
        case "vol_accel_exit": return \.volAccelExit
        case "corr_shock_enter": return \.corrShockEnter
        case "corr_shock_exit": return \.corrShockExit
        case "dd_enter": return \.ddEnter
        case "dd_exit": return \.ddExit
        case "dd_stress_enter": return \.ddStressEnter
        case "dd_crisis_enter": return \.ddCrisisEnter
        case "dd_slope_enter": return \.ddSlopeEnter
        case "dd_slope_exit": return \.ddSlopeExit
        default: return nil
        }
    }

    /// Sets the threshold named `name` (a metadata name) to `value`.
    ///
    /// - Throws: ``RegimeThresholdError`` when the name is unknown, or when
    ///   `min_days_in_regime` is not a whole number.
    public mutating func set(_ name: String, to value: Double) throws(RegimeThresholdError) {
        if name == "min_days_in_regime" {
            guard value.isFinite, value == value.rounded(), abs(value) < 1e9 else {
                throw RegimeThresholdError(names: [name], message: "must be a whole number of days, got \(value)")
            }
            minDaysInRegime = Int(value)
            return
        }
        guard let path = Self.doubleField(name) else {
            throw RegimeThresholdError(
                names: [name],
                message: "unknown regime threshold (expected one of: \(Self.metadataNames.joined(separator: ", ")))")
        }
        self[keyPath: path] = value
    }

    /// Checks the rules of SPEC §4 and throws on the first broken one.
    ///
    /// Rules: every threshold finite; `vol_accel_exit < vol_accel_enter`;
    /// `corr_shock_exit < corr_shock_enter`; `dd_exit > dd_enter`;
    /// `dd_slope_exit > dd_slope_enter`; `dd_crisis_enter < dd_stress_enter`;
    /// `min_days_in_regime ≥ 1`.
    public func validate() throws(RegimeThresholdError) {
        for name in Self.metadataNames {
            if let path = Self.doubleField(name), !self[keyPath: path].isFinite {
                throw RegimeThresholdError(names: [name], message: "must be a finite number, got \(self[keyPath: path])")
            }
        }
        if !(volAccelExit < volAccelEnter) {
            throw RegimeThresholdError(
                names: ["vol_accel_exit", "vol_accel_enter"],
                message: "vol_accel_exit (\(volAccelExit)) must be < vol_accel_enter (\(volAccelEnter)) for hysteresis")
        }
        if !(corrShockExit < corrShockEnter) {
            throw RegimeThresholdError(
                names: ["corr_shock_exit", "corr_shock_enter"],
                message: "corr_shock_exit (\(corrShockExit)) must be < corr_shock_enter (\(corrShockEnter)) for hysteresis")
        }
        if !(ddExit > ddEnter) {
            throw RegimeThresholdError(
                names: ["dd_exit", "dd_enter"],
                message: "dd_exit (\(ddExit)) must be > dd_enter (\(ddEnter)): less negative, for hysteresis")
        }
        if !(ddSlopeExit > ddSlopeEnter) {
            throw RegimeThresholdError(
                names: ["dd_slope_exit", "dd_slope_enter"],
                message: "dd_slope_exit (\(ddSlopeExit)) must be > dd_slope_enter (\(ddSlopeEnter)): less negative, for hysteresis")
        }
        if !(ddCrisisEnter < ddStressEnter) {
            throw RegimeThresholdError(
                names: ["dd_crisis_enter", "dd_stress_enter"],
                message: "dd_crisis_enter (\(ddCrisisEnter)) must be < dd_stress_enter (\(ddStressEnter)): a crisis is a deeper drawdown")
        }
        if minDaysInRegime < 1 {
            throw RegimeThresholdError(
                names: ["min_days_in_regime"], message: "min_days_in_regime must be >= 1, got \(minDaysInRegime)")
        }
    }

    /// The `thresholds` object of the regime metadata, keys in ``metadataNames`` order.
    public var metadata: JSONValue {
        .object(Self.metadataNames.map { name in
            if let path = Self.doubleField(name) { return (name, .double(self[keyPath: path])) }
            return (name, .int(minDaysInRegime))
        })
    }
}

/// A broken regime-threshold rule; `names` are the thresholds involved.
public struct RegimeThresholdError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Metadata names of the thresholds involved.
    public var names: [String]
    /// What is wrong and what was expected.
    public var message: String

    public var description: String { "invalid regime thresholds [\(names.joined(separator: ", "))]: \(message)" }
}
