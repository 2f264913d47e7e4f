/// Risk parameters as a user states them (YAML `risk:` block, command-line
/// flags): every field optional. ``resolved()`` turns them into a
/// ``RiskConfig``: the profile's mapping, alpha and floor first, then each
/// field that is set.
public struct RiskSettings: Equatable, Sendable {
    /// L, M or H (the mapping, α and floor of SPEC §5).
    public var profile: RiskProfile?
    /// EWMA weight of the newest target, in (0, 1].
    public var alpha: Double?
    /// EWMA half-life in rows: α = 1 − exp(−ln 2 / h).
    public var halfLife: Double?
    /// Replaces the profile's mapping whole; regimes it leaves out score 1.0 with a warning.
    public var mapping: RegimeScalarMapping?
    /// Lowest scalar.
    public var floor: Double?
    /// Highest scalar (`max`).
    public var ceiling: Double?
    /// Applied scalar where no risk scalar exists yet.
    public var applyMissingScalarAs: Double?
    /// Treat every date as this regime.
    public var overrideRegime: Regime?
    /// Per-sleeve mappings (`risk.sleeves`, SPEC §10); `nil` = no sleeve scalars.
    public var sleeves: [SleeveMapping]?

    /// No setting: the profile L defaults.
    public init() {}

    /// `other`'s fields where set, else these (for command-line flags over a config file).
    /// An `alpha` in `other` drops a `halfLife` here and vice versa.
    public func overridden(by other: RiskSettings) -> RiskSettings {
        var merged = self
        if other.alpha != nil || other.halfLife != nil {
            merged.alpha = other.alpha
            merged.halfLife = other.halfLife
        }
        merged.profile = other.profile ?? profile
        merged.mapping = other.mapping ?? mapping
        merged.floor = other.floor ?? floor
        merged.ceiling = other.ceiling ?? ceiling
        merged.applyMissingScalarAs = other.applyMissingScalarAs ?? applyMissingScalarAs
        merged.overrideRegime = other.overrideRegime ?? overrideRegime
        merged.sleeves = other.sleeves ?? sleeves
        return merged
    }

    /// The configuration these settings describe, validated.
    ///
    /// - Throws: ``RiskConfigError`` naming the parameter: both `alpha` and
    ///   `half_life` set, or any rule of ``RiskConfig/validate()``.
    public func resolved() throws(RiskConfigError) -> RiskConfig {
        if alpha != nil && halfLife != nil {
            throw RiskConfigError(parameter: "alpha", message: "give either alpha or half_life, not both")
        }
        var config = RiskConfig(profile: profile ?? .low)
        if let alpha { config.smoothing = .alpha(alpha) }
        if let halfLife { config.smoothing = .halfLife(halfLife) }
        if let mapping { config.mapping = mapping }
        if let floor { config.floor = floor }
        if let ceiling { config.ceiling = ceiling }
        if let applyMissingScalarAs { config.applyMissingScalarAs = applyMissingScalarAs }
        config.overrideRegime = overrideRegime
        try config.validate()
        return config
    }

    /// The sleeve scalar configuration over `portfolio` (the ``resolved()`` configuration), `nil` without `sleeves`.
    ///
    /// - Throws: ``RiskConfigError`` naming a sleeve target outside `[floor, max]`.
    public func resolvedSleeves(portfolio: RiskConfig) throws(RiskConfigError) -> SleeveRiskConfig? {
        guard let sleeves else { return nil }
        return try SleeveRiskConfig(configured: sleeves, portfolio: portfolio)
    }
}
