import TimeSeries

/// A dated window the stress-detection check looks at (SPEC §9): a stress
/// window should hold the start of a de-risk event, a calm one should not.
/// Both bounds are inclusive.
package struct AuditWindow: Equatable, Sendable {
    /// Stress (de-risking expected) or calm (de-risking is a false alarm).
    package enum Kind: String, Equatable, Sendable {
        /// De-risking is expected.
        case stress
        /// De-risking would be a false alarm.
        case calm
    }

    /// Display name (the flag text for parsed windows).
    package var name: String
    /// First day, inclusive.
    package var start: TradingDate
    /// Last day, inclusive.
    package var end: TradingDate
    /// Stress or calm.
    package var kind: Kind

    /// A window `[start, end]` (inclusive).
    package init(name: String, start: TradingDate, end: TradingDate, kind: Kind) {
        self.name = name
        self.start = start
        self.end = end
        self.kind = kind
    }

    /// `start ≤ date ≤ end`.
    package func contains(_ date: TradingDate) -> Bool { start <= date && date <= end }

    /// Parses a `--stress-window` / `--calm-window` value `START:END`
    /// (`YYYY-MM-DD:YYYY-MM-DD`, `START ≤ END`); the name is the text itself.
    package init(parsing text: String, kind: Kind) throws(AuditError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalidWindow(text: text, reason: "expected exactly one `:`") }
        guard let s = TradingDate(parts[0]) else { throw .invalidWindow(text: text, reason: "`\(parts[0])` is not a date") }
        guard let e = TradingDate(parts[1]) else { throw .invalidWindow(text: text, reason: "`\(parts[1])` is not a date") }
        guard s <= e else { throw .invalidWindow(text: text, reason: "START is after END") }
        self.init(name: text, start: s, end: e, kind: kind)
    }

    /// Built-in named windows, in date order (all bounds inclusive):
    ///
    /// | name | start | end | kind |
    /// |---|---|---|---|
    /// | 2008 GFC (Lehman to the March 2009 low) | 2008-09-01 | 2009-03-31 | stress |
    /// | 2011 euro crisis / US downgrade | 2011-08-01 | 2011-10-31 | stress |
    /// | 2017 low volatility | 2017-01-01 | 2017-12-31 | calm |
    /// | 2018 Q4 selloff | 2018-10-01 | 2018-12-31 | stress |
    /// | COVID crash | 2020-02-15 | 2020-04-30 | stress |
    /// | 2021 recovery | 2021-01-01 | 2021-12-31 | calm |
    /// | 2022 tightening | 2022-01-01 | 2022-09-30 | stress |
    /// | 2023 post-SVB calm | 2023-04-01 | 2023-12-31 | calm |
    package static let builtIn: [AuditWindow] = [
        window("2008 GFC", "2008-09-01", "2009-03-31", .stress),
        window("2011 euro crisis", "2011-08-01", "2011-10-31", .stress),
        window("2017 low volatility", "2017-01-01", "2017-12-31", .calm),
        window("2018 Q4 selloff", "2018-10-01", "2018-12-31", .stress),
        window("COVID crash", "2020-02-15", "2020-04-30", .stress),
        window("2021 recovery", "2021-01-01", "2021-12-31", .calm),
        window("2022 tightening", "2022-01-01", "2022-09-30", .stress),
        window("2023 post-SVB calm", "2023-04-01", "2023-12-31", .calm),
    ]

    /// The built-in windows a run covers: those lying wholly inside
    /// `[first, last]`, where the caller passes the span over which the run
    /// could de-risk (its first and last rebalance with a used scalar). A
    /// window cut by the span's edge is left out: a miss there would say
    /// nothing about the allocator.
    package static func builtIn(coveredFrom first: TradingDate, to last: TradingDate) -> [AuditWindow] {
        builtIn.filter { first <= $0.start && $0.end <= last }
    }

    private static func window(_ name: String, _ start: String, _ end: String, _ kind: Kind) -> AuditWindow {
        AuditWindow(name: name, start: TradingDate(start)!, end: TradingDate(end)!, kind: kind)
    }
}
