/// The risk scalar chosen at one rebalance.
package struct RebalanceScalar: Sendable, Equatable {
    /// The scalar the source produced for this rebalance (`.nan` when it had none).
    package var computed: Double
    /// The scalar actually multiplied into the weights (after any fallback).
    package var applied: Double
    /// With sleeve scalars (SPEC §10): the scalar applied to each sleeve (the profile's active
    /// sleeve order), replacing ``applied``; `nil` = every sleeve takes ``applied``.
    package var sleeveApplied: [Double]?

    package init(computed: Double, applied: Double, sleeveApplied: [Double]? = nil) {
        self.computed = computed
        self.applied = applied
        self.sleeveApplied = sleeveApplied
    }

    /// No scaling.
    package static let unit = RebalanceScalar(computed: 1.0, applied: 1.0)
}

/// Decides, at each rebalance, the scalar that multiplies the strategy's
/// weights (SPEC §6 allocator modes). ExecSim calls it once per rebalance,
/// in date order, after the day's returns are booked and before the new
/// weights take effect, with the run's history up to and including that
/// rebalance date. ``SimulationHistory`` refuses reads beyond that date, so
/// a scaler cannot look ahead.
///
/// - `off`: ``UnscaledRebalances`` (always 1).
/// - `precomputed`: ``PrecomputedScalars`` (another run's applied scalars).
/// - `compute`: an engine that feeds `history`'s new days to the incremental
///   state / regime / risk layers and returns the scalar with the contract's
///   one-rebalance lag (the risk scalar known at the previous rebalance).
///   The lag is the scaler's job: `precomputed` sources are already lagged.
package protocol RebalanceScaler {
    /// The mode this scaler implements (written to `meta.json`).
    var mode: AllocatorSettings.Mode { get }
    /// The scalar for rebalance number `rebalanceIndex` (0-based), dated `history.currentDate`.
    mutating func scalar(at rebalanceIndex: Int, history: SimulationHistory) -> RebalanceScalar
}

/// Mode `off`: weights are never scaled.
package struct UnscaledRebalances: RebalanceScaler {
    package init() {}
    package var mode: AllocatorSettings.Mode { .off }
    package mutating func scalar(at rebalanceIndex: Int, history: SimulationHistory) -> RebalanceScalar { .unit }
}
