import Allocator

/// The calibration score of one candidate on one period (SPEC §11), lower is better:
///
/// `score = w_shares·Σ_R |share(R) − target(R)| + w_transitions·max(0, transitions/yr − 20)/20
///        + w_thrash·thrash/yr + w_stress·missed stress windows + w_calm·calm-window events`
///
/// with targets NORMAL 0.70, ELEVATED 0.20, STRESS 0.08, CRISIS 0.02 and
/// shares, transitions/yr and thrash/yr as ``Audit/RegimeProfile`` defines
/// them (SPEC §9). Every term is kept so the table can report it.
package struct PeriodScore: Equatable, Sendable {
    /// NORMAL, ELEVATED, STRESS, CRISIS shares.
    package var shares: [Double]
    package var transitionsPerYear: Double
    package var thrashPerYear: Double
    /// Stress windows without a de-risk event starting in them.
    package var stressMissed: Int
    /// De-risk events starting in a calm window.
    package var calmEvents: Int
    /// The weighted sum of the terms.
    package var score: Double

    /// Target share per regime, in severity order.
    package static let targetShares = [0.70, 0.20, 0.08, 0.02]
    /// Transitions per year tolerated before the term counts.
    package static let transitionsLimit = 20.0

    /// Column names of a period's values in `candidates.csv`, in order.
    package static let columns = ["score", "share_normal", "share_elevated", "share_stress", "share_crisis",
                                  "transitions_per_year", "thrash_per_year", "stress_missed", "calm_events"]
    /// The columns holding counts.
    package static let integerColumns: Set<String> = ["stress_missed", "calm_events"]

    /// The score of the given terms under `weights`.
    package init(shares: [Double], transitionsPerYear: Double, thrashPerYear: Double, stressMissed: Int, calmEvents: Int,
                 weights: ScoreWeights) {
        self.shares = shares
        self.transitionsPerYear = transitionsPerYear
        self.thrashPerYear = thrashPerYear
        self.stressMissed = stressMissed
        self.calmEvents = calmEvents
        score = 0
        score = weights.shares * shareDistance + weights.transitions * transitionPenalty + weights.thrash * thrashPerYear
            + weights.stressMissed * Double(stressMissed) + weights.calmEvents * Double(calmEvents)
    }

    /// A period's values as read back from ``columns`` (the score as stored).
    package init(values: ArraySlice<Double>) {
        let v = Array(values)
        score = v[0]
        shares = Array(v[1...4])
        transitionsPerYear = v[5]
        thrashPerYear = v[6]
        stressMissed = Int(v[7])
        calmEvents = Int(v[8])
    }

    /// `Σ_R |share(R) − target(R)|`.
    package var shareDistance: Double { zip(shares, Self.targetShares).reduce(0) { $0 + abs($1.0 - $1.1) } }
    /// `max(0, transitions/yr − 20) / 20`.
    package var transitionPenalty: Double { max(0, transitionsPerYear - Self.transitionsLimit) / Self.transitionsLimit }

    /// The values in ``columns`` order.
    package var values: [Double] {
        [score] + shares + [transitionsPerYear, thrashPerYear, Double(stressMissed), Double(calmEvents)]
    }
}
