import Allocator

/// How the allocator's risk scalar acts on a backtest (the `allocator_v1`
/// block of the configuration, SPEC §6).
package struct AllocatorSettings: Sendable, Equatable {
    /// `allocator_v1.mode`.
    package enum Mode: String, Sendable, CaseIterable {
        /// Compute and save every allocator artifact; do not scale weights.
        case off
        /// Scale weights by the applied scalars of another run.
        case precomputed
        /// Scale weights by scalars computed during the run from its own history.
        case compute
    }

    package var mode: Mode
    /// Run id whose `allocator_risk_v1_applied.csv` feeds `precomputed` mode.
    package var precomputedRunId: String?
    /// Scalar used where no applied scalar exists on or before a rebalance.
    package var applyMissingScalarAs: Double
    /// Risk profile (L, M or H) for the allocator pipeline; `nil` = its default.
    package var riskProfile: String?

    /// The risk settings this block overrides: `risk_profile` and `apply_missing_scalar_as`.
    package var riskOverrides: RiskSettings {
        var overrides = RiskSettings()
        overrides.profile = riskProfile.flatMap(RiskProfile.init(name:))
        overrides.applyMissingScalarAs = applyMissingScalarAs
        return overrides
    }

    package init(mode: Mode = .off, precomputedRunId: String? = nil, applyMissingScalarAs: Double = 1.0, riskProfile: String? = nil) {
        self.mode = mode
        self.precomputedRunId = precomputedRunId
        self.applyMissingScalarAs = applyMissingScalarAs
        self.riskProfile = riskProfile
    }
}
