import Foundation

/// Finds and runs a headless Chromium for the browser test.
enum Chromium {
    /// Binary names tried on `PATH`, Debian's first.
    static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first executable found on `PATH`, or `nil`.
    static let binary: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in names {
                let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }()

    /// `true` when the environment says this is CI (`CI=true`).
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Run the browser test when Chromium is there, and always in CI (where its absence must fail).
    static var shouldRun: Bool { binary != nil || isCI }

    /// Runs Chromium headless with `arguments` and returns its stdout; throws after `timeout` seconds.
    static func run(_ binary: URL, arguments: [String], timeout: TimeInterval = 120) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage"] + arguments
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            throw TimeoutError(seconds: timeout)
        }
        process.waitUntilExit()
        let data = try Data(contentsOf: outputURL)
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    struct TimeoutError: Error, CustomStringConvertible {
        var seconds: TimeInterval
        var description: String { "chromium did not finish within \(Int(seconds)) s" }
    }
}
