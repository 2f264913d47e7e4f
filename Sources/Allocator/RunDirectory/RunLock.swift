#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock(2)` on a run directory's `.allocator.lock` (SPEC §12).
///
/// Writers take it exclusive: a second writer polls every 20 ms until the
/// first releases it or `timeout` seconds pass, then fails with "run directory
/// busy". The lock belongs to the open file description, so the kernel
/// releases it when the holder exits for any reason, `kill -9` included — a
/// lock file left on disk never blocks anyone. Readers take it shared where
/// the lock file already exists (so they never read while a writer is
/// between its first artifact and its manifest); a directory a reader cannot
/// write to (the read-only fixtures) simply has no lock file.
package final class RunLock: @unchecked Sendable {
    package static let fileName = ".allocator.lock"

    private var fd: Int32
    private let exclusivePath: String?
    /// The directory this lock created, removed again on release when the command wrote nothing into it.
    private let createdDirectory: RunDirectory?

    private init(fd: Int32, exclusivePath: String? = nil, createdDirectory: RunDirectory? = nil) {
        self.fd = fd
        self.exclusivePath = exclusivePath
        self.createdDirectory = createdDirectory
    }

    deinit { release() }

    /// Releases the lock (also done when the lock is deallocated or the process ends).
    ///
    /// A directory the lock itself created and that holds nothing but the lock
    /// file is removed again, so a failed command (a mistyped run id) leaves nothing behind.
    package func release() {
        guard fd >= 0 else { return }
        if let dir = createdDirectory, dir.entryNames() == [Self.fileName] {
            unlink(dir.file(Self.fileName))
            rmdir(dir.path)
        }
        close(fd)
        fd = -1
        if let exclusivePath { Self.held.withLock { $0.removeAll { $0 == exclusivePath } } }
    }

    /// Directories this process holds exclusively (a reader in the same process does not wait for itself).
    /// Lock files this process holds exclusively (an array: a handful at most,
    /// and `Set<String>` would cost a conformance lookup at the first lock).
    private static let held = Locked<[String]>([])

    /// The exclusive lock of `directory` (created with the lock file when absent).
    package static func exclusive(_ directory: RunDirectory, timeout: Double) throws(AllocatorError) -> RunLock {
        let created = !directory.exists
        try directory.create()
        let path = directory.file(fileName)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw .writeFailed("\(path): cannot open lock file: \(String(cString: strerror(errno)))") }
        guard acquire(fd, LOCK_EX, timeout: timeout) else {
            close(fd)
            throw .runDirectoryBusy(directory: directory.path, timeout: timeout)
        }
        held.withLock { $0.append(path) }
        return RunLock(fd: fd, exclusivePath: path, createdDirectory: created ? directory : nil)
    }

    /// A shared lock of `directory` when it has a lock file; `nil` when it has none
    /// (never written under a lock) or the file cannot be opened.
    package static func shared(_ directory: RunDirectory, timeout: Double) throws(AllocatorError) -> RunLock? {
        let path = directory.file(fileName)
        if held.withLock({ $0.contains(path) }) { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return nil }
        guard acquire(fd, LOCK_SH, timeout: timeout) else {
            close(fd)
            throw .runDirectoryBusy(directory: directory.path, timeout: timeout)
        }
        return RunLock(fd: fd)
    }

    private static func acquire(_ fd: Int32, _ operation: Int32, timeout: Double) -> Bool {
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        while true {
            if flock(fd, operation | LOCK_NB) == 0 { return true }
            if errno != EWOULDBLOCK && errno != EINTR { return false }
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let elapsed = Double(now.tv_sec - start.tv_sec) + Double(now.tv_nsec - start.tv_nsec) / 1e9
            if elapsed >= timeout { return false }
            usleep(20_000)
        }
    }
}
