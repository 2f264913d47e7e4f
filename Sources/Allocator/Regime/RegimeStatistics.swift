/// Summary of a regime sequence, as written to `allocator_regime_v1_meta.json`
/// (SPEC §4). Orders follow the reference's files exactly:
///
/// - ``dayCounts`` / ``percentages``: regimes that occur, sorted by label
///   (alphabetical: CRISIS, ELEVATED, NORMAL, STRESS);
/// - ``transitions``: every `A->B` over consecutive rows (self-transitions
///   included), in order of first occurrence;
/// - ``maxConsecutiveDays``: longest run per regime, regimes in order of
///   first occurrence.
package struct RegimeStatistics: Equatable, Sendable {
    /// One `A->B` count.
    package struct Transition: Equatable, Sendable {
        package var from: Regime
        package var to: Regime
        package var count: Int
        /// `"A->B"`.
        package var key: String { from.label + "->" + to.label }
    }

    package var dayCounts: [(regime: Regime, days: Int)]
    package var transitions: [Transition]
    package var maxConsecutiveDays: [(regime: Regime, days: Int)]
    package var total: Int

    /// Percentage of rows per regime, same order as ``dayCounts``:
    /// `round₁(days / total × 100)`, rounded half to even on the tenths
    /// (numpy's `round(1)`: `rint(x × 10) / 10`).
    package var percentages: [(regime: Regime, percent: Double)] {
        dayCounts.map { ($0.regime, Self.roundToTenths(Double($0.days) / Double(total) * 100)) }
    }

    /// `rint(x × 10) / 10` with ties to even, as numpy rounds to one decimal.
    package static func roundToTenths(_ x: Double) -> Double {
        (x * 10).rounded(.toNearestOrEven) / 10
    }

    package init(_ regimes: [Regime]) {
        total = regimes.count
        var days = [Int](repeating: 0, count: 4)
        var longest = [Int](repeating: 0, count: 4)
        var firstSeen: [Regime] = []
        var pairCounts = [Int](repeating: 0, count: 16)
        var pairOrder: [Int] = []
        var run = 0
        for (i, r) in regimes.enumerated() {
            days[r.severity] += 1
            if days[r.severity] == 1 { firstSeen.append(r) }
            if i > 0 {
                let prev = regimes[i - 1]
                let pair = prev.severity * 4 + r.severity
                if pairCounts[pair] == 0 { pairOrder.append(pair) }
                pairCounts[pair] += 1
                run = prev == r ? run + 1 : 1
            } else {
                run = 1
            }
            longest[r.severity] = max(longest[r.severity], run)
        }
        dayCounts = Regime.allCases.sorted { $0.label < $1.label }
            .filter { days[$0.severity] > 0 }
            .map { ($0, days[$0.severity]) }
        transitions = pairOrder.map {
            Transition(from: Regime.allCases[$0 / 4], to: Regime.allCases[$0 % 4], count: pairCounts[$0])
        }
        maxConsecutiveDays = firstSeen.map { ($0, longest[$0.severity]) }
    }

    package static func == (lhs: RegimeStatistics, rhs: RegimeStatistics) -> Bool {
        lhs.total == rhs.total && lhs.transitions == rhs.transitions
            && lhs.dayCounts.elementsEqual(rhs.dayCounts) { $0 == $1 }
            && lhs.maxConsecutiveDays.elementsEqual(rhs.maxConsecutiveDays) { $0 == $1 }
    }
}
