/// The four regimes of SPEC §4, in severity order, as the report shows them.
///
/// The report keeps its own enum so that it depends on no computation target;
/// the lead maps the allocator's regime onto it by severity.
package enum ReportRegime: Int, CaseIterable, Comparable, Sendable {
    /// Severity 0.
    case normal = 0
    /// Severity 1.
    case elevated = 1
    /// Severity 2.
    case stress = 2
    /// Severity 3.
    case crisis = 3

    /// Upper-case name as written in the run directory (`NORMAL` …).
    package var name: String {
        switch self {
        case .normal: return "NORMAL"
        case .elevated: return "ELEVATED"
        case .stress: return "STRESS"
        case .crisis: return "CRISIS"
        }
    }

    /// Compares by severity.
    package static func < (lhs: ReportRegime, rhs: ReportRegime) -> Bool { lhs.rawValue < rhs.rawValue }

    /// CSS class suffix and SVG fill for this regime (green, amber, orange, red).
    var cssClass: String { "regime-\(name.lowercased())" }
}
