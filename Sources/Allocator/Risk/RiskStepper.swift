/// The risk transformer as a step function: feed one regime per date, in
/// date order, get that date's risk scalar (SPEC §5).
///
/// Per row:
/// 1. target `x` = mapping of the regime (the override regime when one is
///    configured); an unmapped or unknown regime gives `x = 1.0`;
/// 2. EWMA `s₀ = x₀`, `sₜ = (1 − α)·sₜ₋₁ + α·xₜ`;
/// 3. scalar = `min(max(sₜ, floor), ceiling)`.
///
/// The EWMA state keeps the unclipped `sₜ`. The arithmetic follows pandas'
/// `ewm(alpha=α, adjust=False).mean()` to the last bit: `α` is taken through
/// the centre of mass (`α' = 1 / (1 + (1/α − 1))`), each update is divided by
/// `(1 − α') + α'`, and a target equal to the current average leaves it
/// untouched.
///
/// The state is `Codable`, so an incremental engine can save and resume it;
/// the batch ``RiskTransformer`` runs this same step on every row.
package struct RiskStepper: Codable, Equatable, Sendable {
    package private(set) var config: RiskConfig
    /// Unclipped EWMA of the targets fed so far; `nil` before the first row.
    package private(set) var smoothed: Double?

    /// A stepper that has seen no row yet.
    package init(config: RiskConfig = RiskConfig()) throws(RiskConfigError) {
        try config.validate()
        self.config = config
        self.smoothed = nil
    }

    /// A stepper resumed with its EWMA at `smoothed` (a saved engine).
    package init(config: RiskConfig, smoothed: Double?) throws(RiskConfigError) {
        try self.init(config: config)
        self.smoothed = smoothed
    }

    /// The target scalar for a row whose regime is `regime` (`nil` = an
    /// unknown label), and whether the mapping had it.
    package func target(for regime: Regime?) -> (value: Double, mapped: Bool) {
        guard let r = config.overrideRegime ?? regime, let value = config.mapping[r] else { return (1.0, false) }
        return (value, true)
    }

    /// Maps, smooths and clips the next row's regime; advances the state.
    package mutating func step(_ regime: Regime?) -> Double {
        step(target: target(for: regime).value)
    }

    /// Smooths and clips the next target scalar; advances the state.
    package mutating func step(target x: Double) -> Double {
        let next: Double
        if let s = smoothed {
            let a = 1 / (1 + (1 / config.alpha - 1))
            let keep = 1 - a
            next = s == x ? s : (keep * s + a * x) / (keep + a)
        } else {
            next = x
        }
        smoothed = next
        return min(max(next, config.floor), config.ceiling)
    }
}
