#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress indicator on stderr, shown only when stderr is a
/// terminal (so logs and pipes stay clean). Redraws at most every 2 %.
final class TerminalProgress {
    private let label: String
    private let unit: String
    private let enabled: Bool
    private var lastPercent = -1

    init(label: String, unit: String = "days") {
        self.label = label
        self.unit = unit
        self.enabled = isatty(2) == 1
    }

    /// Reports `done` of `total` units.
    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent >= lastPercent + 2 || done == total else { return }
        lastPercent = percent
        writeStandardError("\r\u{1B}[2K[\(label)] \(percent)% (\(done)/\(total) \(unit))" + (done == total ? "\n" : ""))
    }

    /// A callback for ``Backtest/ExecSim``.
    var callback: ((Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { [self] in self.update($0, $1) }
    }
}
