#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Allocator
import Dispatch

/// A one-line progress indicator on stderr, shown only when stderr is a
/// terminal (so logs and pipes stay clean), and only for work still going
/// after ``quietStart`` (a quick run prints nothing). Redraws at most every 2 %.
///
/// Calls must not overlap: ExecSim reports from its one thread, and the state
/// computation reports its correlation blocks one at a time
/// (``StateProgress``); hence the unchecked `Sendable`.
final class TerminalProgress: @unchecked Sendable {
    /// Seconds of work before the line first appears.
    static let quietStart = 0.5
    private let label: String
    private let unit: String
    private let enabled: Bool
    private let started = DispatchTime.now().uptimeNanoseconds
    private var shown = false
    private var lastPercent = -1

    init(label: String, unit: String = "days") {
        self.label = label
        self.unit = unit
        self.enabled = isatty(2) == 1
    }

    /// Reports `done` of `total` units.
    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        if !shown {
            guard Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 >= Self.quietStart, done < total else { return }
            shown = true
        }
        let percent = done * 100 / total
        guard percent >= lastPercent + 2 || done == total else { return }
        lastPercent = percent
        writeStandardError("\r\u{1B}[2K[\(label)] \(percent)% (\(done)/\(total) \(unit))" + (done == total ? "\n" : ""))
    }

    /// A callback for ``Backtest/ExecSim`` and for the state computation's
    /// correlation blocks (``StateProgress``); nil when nothing is drawn.
    var callback: StateProgress? {
        guard enabled else { return nil }
        return { [self] in self.update($0, $1) }
    }
}
