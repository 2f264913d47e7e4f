import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints `[Component] message` lines to stderr (the component is the logger's label).
struct ConsoleLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix: String
        switch event.level {
        case .error, .critical: prefix = "ERROR: "
        default: prefix = ""
        }
        let line = "[\(label)] \(prefix)\(event.message)\n"
        writeStandardError(line)
    }

    /// Installs the handler once per process; `quiet` shows warnings and errors only.
    static func bootstrap(quiet: Bool) {
        LoggingSystem.bootstrap { label in
            var h = ConsoleLogHandler(label: label)
            h.logLevel = quiet ? .warning : .info
            return h
        }
    }
}

/// Writes a message to stderr.
func printError(_ message: String) {
    writeStandardError(message + "\n")
}

/// Unbuffered write to file descriptor 2.
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(2, raw.baseAddress! + offset, raw.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}
