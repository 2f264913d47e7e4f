import Allocator
import TimeSeries

/// Where an audit's stress and calm windows came from (SPEC §9 check 4).
package enum AuditWindowSource: String, Sendable {
    /// `--stress-window` / `--calm-window` flags.
    case flags
    /// The synthetic market's own crisis spells (`market_spells.csv`).
    case syntheticGroundTruth = "synthetic ground truth"
    /// The built-in named windows the run covers.
    case builtIn = "built-in"
}

/// The windows check 4 is judged on, and their source.
package struct AuditWindows: Sendable {
    package var windows: [AuditWindow]
    package var source: AuditWindowSource

    /// Flags first; else the synthetic market's crisis spells; else the
    /// built-in windows lying inside `[first, last]` (the span of the used scalars).
    package init(flags: [AuditWindow], spells: Series?, coveredFrom first: TradingDate?, to last: TradingDate?) {
        if !flags.isEmpty {
            windows = flags
            source = .flags
        } else if let spells {
            windows = AuditWindows.crisisSpells(spells)
            source = .syntheticGroundTruth
        } else if let first, let last {
            windows = AuditWindow.builtIn(coveredFrom: first, to: last)
            source = .builtIn
        } else {
            windows = []
            source = .builtIn
        }
    }

    /// Stress windows from a synthetic market's spells: each maximal run of
    /// consecutive days in the crisis spell (code 2) is one window, from its
    /// first to its last day.
    package static func crisisSpells(_ spells: Series, crisisCode: Double = 2) -> [AuditWindow] {
        var out: [AuditWindow] = []
        var start: Int?
        for i in 0...spells.values.count {
            let inCrisis = i < spells.values.count && spells.values[i] == crisisCode
            if inCrisis, start == nil { start = i }
            if !inCrisis, let s = start {
                out.append(AuditWindow(name: "synthetic crisis \(spells.dates[s])", start: spells.dates[s],
                                       end: spells.dates[i - 1], kind: .stress))
                start = nil
            }
        }
        return out
    }
}
