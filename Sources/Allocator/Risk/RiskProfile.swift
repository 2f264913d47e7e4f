/// The three allocator risk profiles of SPEC §5 (L is the default).
///
/// | profile | NORMAL | ELEVATED | STRESS | CRISIS | alpha | floor |
/// |---|---|---|---|---|---|---|
/// | L | 1.00 | 0.85 | 0.55 | 0.30 | 0.25 | 0.25 |
/// | M | 1.00 | 0.90 | 0.70 | 0.45 | 0.20 | 0.35 |
/// | H | 1.00 | 0.98 | 0.85 | 0.60 | 0.15 | 0.50 |
///
/// L (low risk tolerance) de-risks most; H intervenes only in the tails.
///
/// Names are read in any case: the letters, and the aliases of the
/// reference's profile registry, so its users' configurations load unchanged:
/// `high`, `aggressive` → H; `medium`, `balanced` → M; `low`, `conservative`,
/// `institutional` → L (the reference describes L as "conservative,
/// institutional-style").
public enum RiskProfile: String, CaseIterable, Codable, Sendable {
    case low = "L"
    case medium = "M"
    case high = "H"

    /// Every accepted name and its profile (compared case-insensitively).
    public static let names: [(name: String, profile: RiskProfile)] = [
        ("L", .low), ("M", .medium), ("H", .high),
        ("low", .low), ("medium", .medium), ("high", .high),
        ("conservative", .low), ("institutional", .low), ("balanced", .medium), ("aggressive", .high),
    ]

    /// Parses a name of ``names`` in any case (`m`, `Balanced`, `H`, …).
    public init?(name: String) {
        let wanted = name.lowercased()
        guard let match = Self.names.first(where: { $0.name.lowercased() == wanted }) else { return nil }
        self = match.profile
    }

    /// The accepted names for messages: "L, M, H, low, …, balanced or aggressive".
    static var acceptedNames: String {
        let all = names.map(\.name)
        return all.dropLast().joined(separator: ", ") + " or " + all[all.count - 1]
    }

    /// The profile named by a configuration value.
    package static func read(_ node: ConfigNode) throws(ConfigNodeError) -> RiskProfile {
        let name = try node.string()
        guard let profile = RiskProfile(name: name) else {
            throw node.error("is `\(name)`, not a risk profile (expected \(acceptedNames))")
        }
        return profile
    }

    /// Regime → target scalar.
    public var mapping: RegimeScalarMapping {
        switch self {
        case .low: return RegimeScalarMapping(normal: 1.00, elevated: 0.85, stress: 0.55, crisis: 0.30)
        case .medium: return RegimeScalarMapping(normal: 1.00, elevated: 0.90, stress: 0.70, crisis: 0.45)
        case .high: return RegimeScalarMapping(normal: 1.00, elevated: 0.98, stress: 0.85, crisis: 0.60)
        }
    }

    /// EWMA weight of the newest target.
    public var alpha: Double {
        switch self {
        case .low: return 0.25
        case .medium: return 0.20
        case .high: return 0.15
        }
    }

    /// Lowest scalar allowed.
    public var floor: Double {
        switch self {
        case .low: return 0.25
        case .medium: return 0.35
        case .high: return 0.50
        }
    }
}
