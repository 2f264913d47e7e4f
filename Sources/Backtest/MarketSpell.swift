/// The state of the synthetic market on one day. Stress raises volatility
/// and cross-asset correlation together, as in real sell-offs.
///
/// Each asset's standardised shock is
/// `z = c·b·g + ρ_class·f_class + √(1 − (c·b)² − ρ_class²)·ε`, where `g` is the
/// global factor drawn as `N(−drift, 1)`, `b` the asset's global loading and
/// `c` = ``globalCorrelation``; its return is `σ/√252 · volMultiplier · z + μ`.
package enum MarketSpell: Int, CaseIterable, Sendable, CustomStringConvertible {
    case calm = 0
    case stressed = 1
    case crisis = 2

    /// Volatility multiplier applied to every asset.
    package var volMultiplier: Double {
        switch self {
        case .calm: return 1.0
        case .stressed: return 1.8
        case .crisis: return 3.0
        }
    }

    /// Weight `c` of the global factor in every asset's shock.
    package var globalCorrelation: Double {
        switch self {
        case .calm: return 0.20
        case .stressed: return 0.55
        case .crisis: return 0.85
        }
    }

    /// Mean of the global factor (in its own standard deviations, sign:
    /// risk-off), so risk assets sell off while the spell lasts.
    package var globalDrift: Double {
        switch self {
        case .calm: return 0.0
        case .stressed: return 0.05
        case .crisis: return 0.15
        }
    }

    package var description: String {
        switch self {
        case .calm: return "calm"
        case .stressed: return "stressed"
        case .crisis: return "crisis"
        }
    }
}

/// A daily Markov chain over ``MarketSpell``.
///
/// Default transition probabilities (row = today, column = tomorrow; calm,
/// stressed, crisis): calm `[0.994, 0.005, 0.001]`, stressed
/// `[0.030, 0.960, 0.010]`, crisis `[0.000, 0.040, 0.960]`. Expected spell
/// lengths are `1 / (1 − p_stay)`: about 167, 25 and 25 trading days.
package struct MarketSpellChain: Sendable {
    /// `transitions[from][to]`, rows summing to 1.
    package var transitions: [[Double]]

    package init(transitions: [[Double]] = [[0.994, 0.005, 0.001], [0.030, 0.960, 0.010], [0.000, 0.040, 0.960]]) {
        precondition(transitions.count == MarketSpell.allCases.count)
        self.transitions = transitions
    }

    /// Tomorrow's spell given today's and a uniform draw `u` in [0, 1).
    package func next(after spell: MarketSpell, uniform u: Double) -> MarketSpell {
        var cumulative = 0.0
        for (k, p) in transitions[spell.rawValue].enumerated() {
            cumulative += p
            if u < cumulative { return MarketSpell(rawValue: k)! }
        }
        return spell
    }
}
