/// The verdict of one scorecard check (SPEC §9), or of the whole scorecard.
package enum ReportCheckStatus: String, CaseIterable, Sendable {
    /// The allocator meets the check's target.
    case pass = "PASS"
    /// Between target and failure.
    case caution = "CAUTION"
    /// The check's failure condition holds.
    case fail = "FAIL"
    /// No data applies (for example no stress window inside the run).
    case notAssessed = "NOT_ASSESSED"

    /// Text shown in the badge: the status word plus a symbol, so that colour is never the only signal.
    var badgeText: String {
        switch self {
        case .pass: return "✔ PASS"
        case .caution: return "▲ CAUTION"
        case .fail: return "✖ FAIL"
        case .notAssessed: return "– NOT ASSESSED"
        }
    }

    /// CSS class of the badge.
    var cssClass: String {
        switch self {
        case .pass: return "status-pass"
        case .caution: return "status-caution"
        case .fail: return "status-fail"
        case .notAssessed: return "status-not-assessed"
        }
    }
}
