import ArgumentParser
import Allocator

/// `--lock-timeout` of the commands that write a run directory (SPEC §12).
struct LockOptions: ParsableArguments {
    static let defaultTimeout = 30.0

    @Option(name: .customLong("lock-timeout"),
            help: ArgumentHelp("Seconds to wait while another allocator command writes the same run directory; then exit 1 \"run directory busy\".",
                               valueName: "seconds"))
    var lockTimeout: Double = LockOptions.defaultTimeout

    func validate() throws {
        if let problem = LiveRunSettings.lockTimeoutProblem(lockTimeout) { throw ValidationError(problem) }
    }

    /// The exclusive lock of `directory`, held until released (or the process ends).
    func writer(_ directory: RunDirectory) throws(AllocatorError) -> RunLock {
        try RunLock.exclusive(directory, timeout: lockTimeout)
    }

    /// The exclusive lock of the directory `run` writes into; `nil` when that
    /// is the run directory itself and it does not exist (the command fails
    /// on its missing inputs, and a mistyped run is not created just to be locked).
    func writer(for run: RunOptions) throws(AllocatorError) -> RunLock? {
        try LiveRunSettings.writerLock(outputDirectory: run.resolvedOutputDirectory, runDirectory: run.resolvedRunDirectory,
                                       timeout: lockTimeout)
    }
}

/// Waits until no command is writing `directory` (a shared lock, where the
/// directory has a lock file) and checks its artifacts against the manifest:
/// a torn set is refused with "incomplete write of generation N; run allocator
/// update"; a directory without manifest (older runs, the reference fixtures)
/// is read as it is. Hold the returned lock while reading.
func readerLock(_ directory: RunDirectory, timeout: Double = 30) throws(AllocatorError) -> RunLock? {
    let lock = try RunLock.shared(directory, timeout: timeout)
    try directory.verifyGeneration()
    return lock
}
