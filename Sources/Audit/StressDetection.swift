import TimeSeries

/// Whether de-risk events start where they should (SPEC §9, check 4; also
/// the hit rate and false alarms against a synthetic market's crisis spells,
/// passed in as plain stress windows).
///
/// - a stress window is hit when some event starts inside it (bounds inclusive);
///   `hitRate = hit stress windows / stress windows` (NaN without one);
/// - `falseAlarms`: events starting outside every stress window;
/// - `calmEvents`: events starting inside some calm window.
package struct StressDetection: Equatable, Sendable {
    /// A window and the first event that started in it, if any.
    package struct WindowResult: Equatable, Sendable {
        /// The window.
        package var window: AuditWindow
        /// Earliest event start inside it.
        package var firstEventStart: TradingDate?
        /// For a stress window: hit; for a calm window: an event started in it.
        package var hasEvent: Bool { firstEventStart != nil }
    }

    /// Every window given, in the order given.
    package var windows: [WindowResult]
    /// Starts of events outside every stress window.
    package var falseAlarms: [TradingDate]
    /// Starts of events inside some calm window.
    package var calmEvents: [TradingDate]
    /// All events considered.
    package var eventCount: Int

    /// Matches `events` (all of them, not only the deepest) against `windows`.
    package init(events: [DeRiskEvent], windows: [AuditWindow]) {
        let starts = events.map(\.start).sorted()
        self.windows = windows.map { w in WindowResult(window: w, firstEventStart: starts.first { w.contains($0) }) }
        let stress = windows.filter { $0.kind == .stress }, calm = windows.filter { $0.kind == .calm }
        falseAlarms = starts.filter { s in !stress.contains { $0.contains(s) } }
        calmEvents = starts.filter { s in calm.contains { $0.contains(s) } }
        eventCount = events.count
    }

    /// Results of the stress windows.
    package var stressWindows: [WindowResult] { windows.filter { $0.window.kind == .stress } }
    /// Results of the calm windows.
    package var calmWindows: [WindowResult] { windows.filter { $0.window.kind == .calm } }

    /// Hit stress windows / stress windows; NaN without stress windows.
    package var hitRate: Double {
        let s = stressWindows
        return s.isEmpty ? .nan : Double(s.filter(\.hasEvent).count) / Double(s.count)
    }
}
