import Allocator
import TimeSeries

/// A de-risk event (SPEC §9): a maximal run of consecutive rebalances whose
/// used scalar is below the threshold (0.70). A missing scalar ends a run.
///
/// The regime that decided it: the used scalar at rebalance `k` is the risk
/// scalar known at rebalance `k − 1` (one-rebalance lag, SPEC §5), and that
/// risk scalar is the EWMA of the regimes up to the last regime date on or
/// before rebalance `k − 1`. So the deciding regime of an event starting at
/// rebalance `k` is the regime on the last regime date ≤ the date of
/// rebalance `k − 1`; `nil` for an event at the first rebalance or when no
/// regime is dated that early.
package struct DeRiskEvent: Equatable, Sendable {
    /// Date of the first rebalance of the run.
    package var start: TradingDate
    /// Date of the last rebalance of the run.
    package var end: TradingDate
    /// The lowest scalar of the run.
    package var depth: Double
    /// Rebalances in the run.
    package var length: Int
    /// The regime behind the first scalar of the run (see the type's documentation).
    package var decidingRegime: Regime?

    /// An event with the given fields.
    package init(start: TradingDate, end: TradingDate, depth: Double, length: Int, decidingRegime: Regime?) {
        self.start = start
        self.end = end
        self.depth = depth
        self.length = length
        self.decidingRegime = decidingRegime
    }

    /// Every event of the used scalars, in date order.
    ///
    /// - Parameters:
    ///   - scalars: the used scalar per rebalance (ascending dates).
    ///   - regimes: the daily regimes, for the deciding regime (optional).
    ///   - below: the de-risk threshold (`scalar < below`).
    package static func detect(scalars: Series, regimes: RegimeSeries? = nil, below: Double = 0.70) -> [DeRiskEvent] {
        var events: [DeRiskEvent] = []
        var k = 0
        let values = scalars.values, dates = scalars.dates
        while k < values.count {
            guard values[k] < below else { k += 1; continue }
            let first = k
            var depth = values[k]
            while k < values.count, values[k] < below {
                depth = min(depth, values[k])
                k += 1
            }
            var regime: Regime?
            if first > 0, let regimes, let i = Alignment.lastOnOrBefore(date: dates[first - 1], in: regimes.dates) {
                regime = regimes.regimes[i]
            }
            events.append(DeRiskEvent(start: dates[first], end: dates[k - 1], depth: depth, length: k - first,
                                      decidingRegime: regime))
        }
        return events
    }

    /// The `limit` deepest events: lowest depth first, ties by earlier start.
    package static func deepest(_ events: [DeRiskEvent], limit: Int = 10) -> [DeRiskEvent] {
        Array(events.sorted { ($0.depth, $0.start) < ($1.depth, $1.start) }.prefix(max(0, limit)))
    }

    /// `start`, `end`, `depth`, `length`, `regime` (label or null).
    package func json() -> JSONValue {
        .object([
            ("start", .date(start)),
            ("end", .date(end)),
            ("depth", .metric(depth)),
            ("length", .int(length)),
            ("regime", decidingRegime.map { .string($0.label) } ?? .null),
        ])
    }

    static func markdownLines(_ events: [DeRiskEvent]) -> [String] {
        var lines = ["\n## De-Risk Events (Deepest First)\n"]
        guard !events.isEmpty else { return lines + ["- None (no rebalance scaled below the threshold)."] }
        lines += ["| Start | End | Depth | Rebalances | Deciding regime |", "|---|---|---:|---:|---|"]
        for e in events {
            lines.append("| \(e.start) | \(e.end) | \(Markdown.decimal(e.depth)) | \(e.length) | \(e.decidingRegime?.label ?? "NA") |")
        }
        return lines
    }
}
