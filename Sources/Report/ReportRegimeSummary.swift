/// Regime shares and transitions of the scaled run (SPEC §9 "Regimes and events").
package struct ReportRegimeSummary: Sendable {
    /// Number of consecutive-row moves from one regime to another.
    package struct Transition: Sendable {
        /// Regime before the move.
        package var from: ReportRegime
        /// Regime after the move.
        package var to: ReportRegime
        /// How many times it happened.
        package var count: Int

        /// Creates a transition count.
        package init(from: ReportRegime, to: ReportRegime, count: Int) {
            self.from = from
            self.to = to
            self.count = count
        }
    }

    /// Share of days per regime, indexed by `ReportRegime.rawValue` (four values, summing to 1).
    package var shares: [Double]
    /// Regime changes per year, `changes / ((last − first) days / 365.25)`.
    package var transitionsPerYear: Double
    /// Thrash events (a regime re-entered within 5 trading days) per year.
    package var thrashEventsPerYear: Double
    /// Counts of moves between different regimes; self-transitions are left out of the table.
    package var transitions: [Transition]

    /// Creates the summary; traps unless `shares` has four values.
    package init(shares: [Double], transitionsPerYear: Double, thrashEventsPerYear: Double, transitions: [Transition]) {
        precondition(shares.count == ReportRegime.allCases.count, "one share per regime")
        self.shares = shares
        self.transitionsPerYear = transitionsPerYear
        self.thrashEventsPerYear = thrashEventsPerYear
        self.transitions = transitions
    }
}
