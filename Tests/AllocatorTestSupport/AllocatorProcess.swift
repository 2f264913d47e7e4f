import Foundation

/// Runs the built `allocator` executable, found beside the test bundle in
/// the build folder (`/proc/self/exe`'s directory, or the bundle's on macOS).
/// Tests that need it are declared with `.enabled(if: AllocatorProcess.available)`.
package enum AllocatorProcess {
    /// What one run printed and how it ended.
    package struct Outcome: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
        package var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Raised when the executable has not been built.
    package struct NotBuilt: Error, CustomStringConvertible {
        package var description: String { "no built `allocator` beside the test bundle (run `swift build --build-tests`)" }
    }

    /// The path of the built executable, or nil.
    package static let executable: String? = {
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("allocator").path)
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().appendingPathComponent("allocator").path)
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether the executable was built (the condition of `.enabled(if:)`).
    package static var available: Bool { executable != nil }

    /// The reason shown beside a skipped command-line test.
    package static let unavailableReason = "needs the built `allocator` executable beside the test bundle"

    /// Runs `allocator arguments…` (in `directory` when given) and waits for it.
    package static func run(_ arguments: [String], in directory: String? = nil) throws -> Outcome {
        guard let executable else { throw NotBuilt() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let errData = ReadAll(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// Reads a pipe to its end on another thread.
    private final class ReadAll: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }
        func wait() -> Data { done.wait(); return data }
    }
}
