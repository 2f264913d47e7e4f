/// The four portfolio regimes of regime v1 (SPEC §4), ordered by severity:
/// NORMAL 0 < ELEVATED 1 < STRESS 2 < CRISIS 3.
///
/// The raw values are the labels written to `allocator_regime_v1.csv`;
/// `allCases` is severity order.
public enum Regime: String, CaseIterable, Codable, Comparable, Sendable, CustomStringConvertible {
    case normal = "NORMAL"
    case elevated = "ELEVATED"
    case stress = "STRESS"
    case crisis = "CRISIS"

    /// Severity level: 0 (NORMAL) … 3 (CRISIS).
    public var severity: Int {
        switch self {
        case .normal: return 0
        case .elevated: return 1
        case .stress: return 2
        case .crisis: return 3
        }
    }

    /// The regime with this CSV label (exact, upper case), if any.
    public init?(label: String) {
        self.init(rawValue: label)
    }

    /// The CSV label.
    public var label: String { rawValue }

    public var description: String { rawValue }

    public static func < (lhs: Regime, rhs: Regime) -> Bool { lhs.severity < rhs.severity }
}
