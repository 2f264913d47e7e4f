import Allocator
import TimeSeries

/// How a daily regime series behaved (the `regimes` block of SPEC §9).
///
/// For `n` rows `g₁ … gₙ` on dates `t₁ … tₙ`:
/// - `share(R) = #{gᵢ = R} / n`;
/// - `transitions = #{i > 1 : gᵢ ≠ gᵢ₋₁}`;
/// - `years = (tₙ − t₁) in calendar days / 365.25`;
///   `transitionsPerYear = transitions / years` (NaN when `years ≤ 0`);
/// - thrash: split the series into visits (maximal runs of one regime). A
///   visit `v` (not the first nor the last) is a thrash event when the
///   visits on either side of it are the same regime `A` and `v` lasts at
///   most `thrashWindow` rows: `A` was left for `v`'s regime and re-entered
///   within that many trading days. A→B→C→A is not counted (two regimes
///   visited); each short excursion counts once.
///   `thrashPerYear = thrash events / years`.
package struct RegimeProfile: Equatable, Sendable {
    /// A short excursion away from a regime and back.
    package struct ThrashEvent: Equatable, Sendable {
        /// First date of the excursion.
        package var date: TradingDate
        /// The regime left and re-entered.
        package var from: Regime
        /// The regime visited.
        package var visited: Regime
        /// Rows of the visit (≤ the thrash window).
        package var days: Int

        /// An excursion from `from` to `visited` lasting `days` rows, starting on `date`.
        package init(date: TradingDate, from: Regime, visited: Regime, days: Int) {
            self.date = date
            self.from = from
            self.visited = visited
            self.days = days
        }
    }

    /// Rows of the series.
    package var dayCount: Int
    /// First date; `nil` when empty.
    package var start: TradingDate?
    /// Last date; `nil` when empty.
    package var end: TradingDate?
    /// Share of rows per regime, in severity order (every regime listed).
    package var shares: [(regime: Regime, share: Double)]
    /// Rows whose regime differs from the previous row's.
    package var transitions: Int
    /// `(last − first date) / 365.25`.
    package var years: Double
    /// The longest visit (rows) that counts as thrash.
    package var thrashWindow: Int
    /// Short excursions, in date order.
    package var thrashEvents: [ThrashEvent]

    /// Profiles `series`; `thrashWindow` = the longest visit that counts as thrash (rows).
    package init(series: RegimeSeries, thrashWindow: Int = 5) {
        let g = series.regimes
        dayCount = g.count
        start = series.dates.first
        end = series.dates.last
        shares = Regime.allCases.map { r in
            (r, g.isEmpty ? Double.nan : Double(g.reduce(0) { $0 + ($1 == r ? 1 : 0) }) / Double(g.count))
        }
        transitions = zip(g, g.dropFirst()).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
        if let s = start, let e = end { years = Double(s.days(to: e)) / PassMetrics.daysPerYear } else { years = .nan }
        self.thrashWindow = thrashWindow
        // Visits: (first row, length, regime).
        var visits: [(row: Int, length: Int, regime: Regime)] = []
        for (i, r) in g.enumerated() {
            if let last = visits.last, last.regime == r { visits[visits.count - 1].length += 1 } else { visits.append((i, 1, r)) }
        }
        var events: [ThrashEvent] = []
        if visits.count >= 3 {
            for j in 1..<(visits.count - 1) where visits[j - 1].regime == visits[j + 1].regime && visits[j].length <= thrashWindow {
                events.append(ThrashEvent(date: series.dates[visits[j].row], from: visits[j - 1].regime,
                                          visited: visits[j].regime, days: visits[j].length))
            }
        }
        thrashEvents = events
    }

    /// Field by field (shares compared as numbers).
    package static func == (a: RegimeProfile, b: RegimeProfile) -> Bool {
        a.dayCount == b.dayCount && a.start == b.start && a.end == b.end && a.transitions == b.transitions
            && a.thrashWindow == b.thrashWindow && a.thrashEvents == b.thrashEvents
            && a.shares.map(\.regime) == b.shares.map(\.regime) && a.shares.map(\.share) == b.shares.map(\.share)
    }

    /// Share of rows in `regime`.
    package func share(of regime: Regime) -> Double {
        shares.first { $0.regime == regime }?.share ?? .nan
    }

    /// `transitions / years`; NaN when the series spans no time.
    package var transitionsPerYear: Double { years > 0 ? Double(transitions) / years : .nan }

    /// `thrash events / years`; NaN when the series spans no time.
    package var thrashPerYear: Double { years > 0 ? Double(thrashEvents.count) / years : .nan }

    /// `n_days`, `start`, `end`, `shares` {REGIME: fraction}, `transitions`,
    /// `years`, `transitions_per_year`, `thrash_window_days`, `thrash_events`
    /// (count), `thrash_per_year`, `thrash` [{date, from, visited, days}].
    package func json() -> JSONValue {
        .object([
            ("n_days", .int(dayCount)),
            ("start", .date(start)),
            ("end", .date(end)),
            ("shares", .object(shares.map { ($0.regime.label, .metric($0.share)) })),
            ("transitions", .int(transitions)),
            ("years", .metric(years)),
            ("transitions_per_year", .metric(transitionsPerYear)),
            ("thrash_window_days", .int(thrashWindow)),
            ("thrash_events", .int(thrashEvents.count)),
            ("thrash_per_year", .metric(thrashPerYear)),
            ("thrash", .array(thrashEvents.map {
                .object([("date", .date($0.date)), ("from", .string($0.from.label)),
                         ("visited", .string($0.visited.label)), ("days", .int($0.days))])
            })),
        ])
    }

    func markdownLines() -> [String] {
        var lines = ["\n## Regimes (Scaled Run)\n",
                     "| Regime | Share |",
                     "|---|---:|"]
        for (regime, share) in shares { lines.append("| \(regime.label) | \(Markdown.decimal(share)) |") }
        lines.append("")
        lines.append("- Days: \(dayCount) (\(start?.description ?? "NA") to \(end?.description ?? "NA"))")
        lines.append("- Transitions: \(transitions) (\(Markdown.decimal(transitionsPerYear, digits: 1))/yr)")
        lines.append("- Thrash events (visit ≤ \(thrashWindow) days, then back): \(thrashEvents.count) (\(Markdown.decimal(thrashPerYear, digits: 1))/yr)")
        return lines
    }
}
