import TimeSeries

/// Target risk scalar per regime (SPEC §5). A regime may be left unmapped:
/// the risk transformer then uses 1.0 for it and warns.
public struct RegimeScalarMapping: Codable, Equatable, Sendable {
    /// `targets[r.severity]` is the scalar of regime `r`, or `nil` when unmapped.
    private var targets: [Double?]

    /// A mapping of every regime.
    public init(normal: Double, elevated: Double, stress: Double, crisis: Double) {
        targets = [normal, elevated, stress, crisis]
    }

    /// A mapping of only the given regimes.
    public init(_ pairs: [(Regime, Double)]) {
        targets = [nil, nil, nil, nil]
        for (regime, value) in pairs { targets[regime.severity] = value }
    }

    /// The target scalar of `regime`, or `nil` when unmapped.
    public subscript(regime: Regime) -> Double? {
        get { targets[regime.severity] }
        set { targets[regime.severity] = newValue }
    }

    /// Mapped regimes and their targets, in severity order.
    public var entries: [(regime: Regime, target: Double)] {
        Regime.allCases.compactMap { r in targets[r.severity].map { (r, $0) } }
    }

    /// The `regime_scalar_mapping` metadata object (mapped regimes, severity order).
    public var metadata: JSONValue {
        .object(entries.map { ($0.regime.label, .double($0.target)) })
    }
}
