#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parameters of the risk transformer and the applied scalars (SPEC §5).
///
/// Starts from a ``RiskProfile``; each field may then be overridden (by
/// the command line or the YAML `risk:` block).
public struct RiskConfig: Codable, Equatable, Sendable {
    /// How strongly the EWMA follows the target.
    public enum Smoothing: Codable, Equatable, Sendable {
        /// `α` directly: weight of the newest target.
        case alpha(Double)
        /// Half-life `h` in rows: `α = 1 − exp(−ln 2 / h)`.
        case halfLife(Double)
    }

    /// The profile the defaults came from.
    public var profile: RiskProfile
    /// Regime → target scalar.
    public var mapping: RegimeScalarMapping
    /// α or half-life, as configured.
    public var smoothing: Smoothing
    /// Lower clip bound (`risk_bounds[0]`).
    public var floor: Double
    /// Upper clip bound (`risk_bounds[1]`), 1.0.
    public var ceiling: Double
    /// Applied scalar where no risk scalar exists yet (before the state's first date, and the first rebalance).
    public var applyMissingScalarAs: Double
    /// When set, every date is treated as this regime (to test a profile).
    public var overrideRegime: Regime?

    /// The profile's mapping, alpha and floor; ceiling 1.0; missing → 1.0.
    public init(profile: RiskProfile = .low) {
        self.profile = profile
        mapping = profile.mapping
        smoothing = .alpha(profile.alpha)
        floor = profile.floor
        ceiling = 1.0
        applyMissingScalarAs = 1.0
        overrideRegime = nil
    }

    /// `α = 1 − exp(−ln 2 / h)`.
    public static func alpha(halfLife h: Double) -> Double {
        1 - exp(-log(2.0) / h)
    }

    /// Half-life equivalent of `α`: `h = −ln 2 / ln(1 − α)`.
    public static func halfLife(alpha: Double) -> Double {
        -log(2.0) / log(1 - alpha)
    }

    /// The EWMA weight in force.
    public var alpha: Double {
        switch smoothing {
        case .alpha(let a): return a
        case .halfLife(let h): return Self.alpha(halfLife: h)
        }
    }

    /// The half-life given, or `nil` when `α` was given directly.
    public var halfLife: Double? {
        if case .halfLife(let h) = smoothing { return h }
        return nil
    }

    /// Checks: `α ∈ (0, 1]` (a half-life must be > 0), `0 < floor ≤ ceiling ≤ 1`,
    /// every mapped target finite in `(0, 1]`, `apply_missing_scalar_as` in
    /// `[0, 1]`, an override regime mapped. The error names the parameter.
    public func validate() throws(RiskConfigError) {
        if let h = halfLife, !(h > 0 && h.isFinite) {
            throw RiskConfigError(parameter: "half_life", message: "must be a positive number of days, got \(h)")
        }
        let a = alpha
        if !(a > 0 && a <= 1) {
            throw RiskConfigError(parameter: halfLife == nil ? "alpha" : "half_life",
                                  message: "smoothing alpha must be in (0, 1], got \(a)")
        }
        if !(floor > 0 && floor <= 1) {
            throw RiskConfigError(parameter: "floor", message: "must be in (0, 1], got \(floor)")
        }
        if !(ceiling > 0 && ceiling <= 1) {
            throw RiskConfigError(parameter: "max", message: "must be in (0, 1], got \(ceiling)")
        }
        if floor > ceiling {
            throw RiskConfigError(parameter: "floor", message: "floor (\(floor)) must be <= max (\(ceiling))")
        }
        for (regime, target) in mapping.entries where !(target > 0 && target <= 1) {
            throw RiskConfigError(parameter: "mapping.\(regime.label)", message: "must be in (0, 1], got \(target)")
        }
        if !(applyMissingScalarAs >= 0 && applyMissingScalarAs <= 1) {
            throw RiskConfigError(parameter: "apply_missing_scalar_as", message: "must be in [0, 1], got \(applyMissingScalarAs)")
        }
        if let r = overrideRegime, mapping[r] == nil {
            throw RiskConfigError(parameter: "override_regime", message: "\(r.label) has no scalar in the mapping")
        }
    }
}

/// An invalid risk parameter; ``parameter`` is its configuration name.
public struct RiskConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The configuration name of the parameter.
    public var parameter: String
    /// What is wrong with it.
    public var message: String

    /// An error naming `parameter`.
    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }

    public var description: String { "invalid risk parameter `\(parameter)`: \(message)" }
}
