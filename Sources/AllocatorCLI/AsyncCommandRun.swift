import ArgumentParser
import Dispatch

/// An asynchronous command run to its end from synchronous code: its `run()`
/// as a detached task, the calling thread blocked until the task finishes.
/// The command is handed over whole (the caller only waits), so it crosses
/// to the task unchecked.
final class AsyncCommandRun: @unchecked Sendable {
    private var command: any AsyncParsableCommand
    private var failure: (any Error)?
    private let finished = DispatchSemaphore(value: 0)

    init(_ command: any AsyncParsableCommand) {
        self.command = command
    }

    /// Runs the command; rethrows what its `run()` threw.
    func wait() throws {
        Task.detached { [self] in
            do { try await command.run() } catch { failure = error }
            finished.signal()
        }
        finished.wait() // orders the task's writes before the read below
        if let failure { throw failure }
    }
}
