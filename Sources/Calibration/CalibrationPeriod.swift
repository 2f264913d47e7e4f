import Audit
import TimeSeries

/// A stretch of the state's rows a candidate is scored on (SPEC §11): the
/// whole run, or with `--train-end D` the train period (dates ≤ D) and the
/// test period (dates > D). Each period sees only its own rows: shares,
/// transitions and thrash are profiled on its rows alone (a visit cut by
/// the split counts as two); de-risk events count where they start; each
/// window is clipped to the period (a window across the split counts in
/// both, each part judged on its own events; a window outside is dropped).
package struct CalibrationPeriod: Equatable, Sendable {
    /// `train`, `test` or `full`.
    package var name: String
    /// Row range of the state.
    package var rows: Range<Int>
    package var first: TradingDate
    package var last: TradingDate
    /// The windows clipped to `[first, last]`.
    package var windows: [AuditWindow]

    package init(name: String, rows: Range<Int>, dates: [TradingDate], windows: [AuditWindow]) {
        self.name = name
        self.rows = rows
        first = dates[rows.lowerBound]
        last = dates[rows.upperBound - 1]
        let (lo, hi) = (first, last)
        self.windows = windows.compactMap { w in
            let s = max(w.start, lo), e = min(w.end, hi)
            return s <= e ? AuditWindow(name: w.name, start: s, end: e, kind: w.kind) : nil
        }
    }

    /// Whether `date` lies in the period.
    package func contains(_ date: TradingDate) -> Bool { first <= date && date <= last }

    /// The periods of a state dated `dates`: one `full` period, or `train` and
    /// `test` split after `trainEnd`.
    ///
    /// - Throws: ``CalibrationError/invalidPlan(_:)`` when `trainEnd` leaves
    ///   fewer than two rows on either side (it must lie inside the data).
    package static func periods(dates: [TradingDate], trainEnd: TradingDate?, windows: [AuditWindow]) throws(CalibrationError) -> [CalibrationPeriod] {
        guard let trainEnd else { return [CalibrationPeriod(name: "full", rows: 0..<dates.count, dates: dates, windows: windows)] }
        let split = dates.firstIndex { $0 > trainEnd } ?? dates.count
        guard split >= 2, dates.count - split >= 2 else {
            throw .invalidPlan("--train-end \(trainEnd) is outside the data: the state runs \(dates.first.map(\.description) ?? "?")…\(dates.last.map(\.description) ?? "?") (\(dates.count) rows); expected a date leaving at least two rows on each side")
        }
        return [CalibrationPeriod(name: "train", rows: 0..<split, dates: dates, windows: windows),
                CalibrationPeriod(name: "test", rows: split..<dates.count, dates: dates, windows: windows)]
    }
}
