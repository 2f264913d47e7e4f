import CPlatform
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file byte I/O with POSIX calls; writes are atomic (temp file + rename).
package enum FileBytes {
    /// True when a regular file exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// The size in bytes of the regular file at `path`, `nil` when there is none.
    public static func size(path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    /// True when a directory exists at `path`.
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Reads the whole file.
    public static func read(path: String) throws(CSVError) -> [UInt8] {
        try read(path: path, parallelFrom: parallelReadBytes)
    }

    /// ``read(path:)`` with the two halves read on two threads from `threshold`
    /// bytes on (`Int.max`: on one thread).
    package static func read(path: String, parallelFrom threshold: Int) throws(CSVError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            throw CSVError(.unreadable, file: path, "cannot open file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw CSVError(.unreadable, file: path, "cannot stat file: \(String(cString: strerror(errno)))")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw CSVError(.unreadable, file: path, "is a directory, expected a file")
        }
        // Read straight into an array sized from `fstat`, with room for the parser's
        // padding (``CSVReader`` appends a few NUL bytes), so the text is neither
        // copied nor reallocated; a file that grew meanwhile continues in chunks.
        let size = Int(st.st_size)
        var failure: Int32 = 0
        var out = [UInt8](unsafeUninitializedCapacity: size + readSlack) { buffer, initialized in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            initialized = 0
            if size >= threshold {
                // Two halves on two threads: the copies out of the page cache and the
                // first touch of the array's fresh pages (most of the time) are split.
                let halves = TwoHalves(fd: fd, base: base, size: size)
                DispatchQueue.concurrentPerform(iterations: 2) { halves.read($0) }
                let outcome = halves.outcome
                if outcome.error != 0 { failure = outcome.error; return }
                initialized = outcome.bytes
                if lseek(fd, off_t(initialized), SEEK_SET) < 0 { failure = errno; return }
                if initialized < size { return }
            }
            while initialized < size {
                let got = systemRead(fd, base + initialized, size - initialized)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { break }
                initialized += got
            }
        }
        if failure != 0 {
            throw CSVError(.unreadable, file: path, "read failed: \(String(cString: strerror(failure)))")
        }
        if out.count < size { return out }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw CSVError(.unreadable, file: path, "read failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            out.append(contentsOf: chunk[0..<got])
        }
        return out
    }

    /// File size from which ``read(path:)`` reads the two halves on two threads.
    package static let parallelReadBytes = 8 << 20

    /// The two halves of a file read into one buffer by `pread(2)` on two threads.
    private final class TwoHalves: @unchecked Sendable {
        let fd: Int32
        let base: UnsafeMutableRawPointer
        let size: Int
        /// Per half: bytes read, or `-errno` (each thread writes only its own).
        private let results: UnsafeMutablePointer<Int>

        init(fd: Int32, base: UnsafeMutableRawPointer, size: Int) {
            self.fd = fd
            self.base = base
            self.size = size
            results = .allocate(capacity: 2)
            results.initialize(repeating: 0, count: 2)
        }

        deinit { results.deallocate() }

        /// Reads half `k` (`0`: `[0, size/2)`, `1`: `[size/2, size)`) until it is whole or the file ends.
        func read(_ k: Int) {
            let start = k == 0 ? 0 : size / 2, end = k == 0 ? size / 2 : size
            var at = start
            while at < end {
                let got = pread(fd, base + at, end - at, off_t(at))
                if got < 0 {
                    if errno == EINTR { continue }
                    results[k] = -Int(errno)
                    return
                }
                if got == 0 { break }
                at += got
            }
            results[k] = at - start
        }

        /// The bytes read from the start without a hole (a short first half
        /// ends them: the file shrank), and the first error (`errno`, 0 for none).
        var outcome: (bytes: Int, error: Int32) {
            if let error = [results[0], results[1]].first(where: { $0 < 0 }) { return (0, Int32(-error)) }
            return (results[0] < size / 2 ? results[0] : size / 2 + results[1], 0)
        }
    }

    /// Spare capacity of ``read(path:)``'s array beyond the file's size.
    static let readSlack = 16

    /// POSIX `read(2)` of the platform's C library (`FileBytes.read(path:)`
    /// shadows the unqualified name).
    package static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #elseif canImport(Darwin)
        Darwin.read(fd, buffer, count)
        #endif
    }

    /// Error raised when an artifact cannot be written.
    public struct WriteError: Error, CustomStringConvertible {
        /// The file.
        public var path: String
        /// Why it could not be written.
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same
    /// directory is written and put in the target's place in one step
    /// (`cplatform_replace_file`), so readers see either the old file or the
    /// complete new one. It is not `fsync`ed: a crash of the machine may lose
    /// it, which the run directory's manifest detects (SPEC §12).
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let dir = directory(of: path)
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let tmp = (dir.isEmpty ? "" : dir + "/") + ".\(name).tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        let ok = writeAll(fd, bytes)
        let reason = ok ? "" : String(cString: strerror(errno))
        close(fd)
        guard ok else { unlink(tmp); throw WriteError(path: path, reason: reason) }
        if cplatform_replace_file(tmp, path) != 0 {
            let r = String(cString: strerror(errno))
            unlink(tmp)
            throw WriteError(path: path, reason: r)
        }
    }

    /// Appends `bytes` to the existing file at `path` (`O_APPEND`; not atomic —
    /// callers that need all-or-nothing detect a torn append themselves).
    public static func append(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND)
        if fd < 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let ok = writeAll(fd, bytes)
        if !ok { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Writes every byte to `fd` (retrying short writes and `EINTR`); `false` on an error (see `errno`).
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        return bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let w = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if w < 0 { if errno == EINTR { continue }; return false }
                offset += w
            }
            return true
        }
    }

    /// Writes UTF-8 text atomically.
    public static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Array(text.utf8), to: path)
    }

    /// Removes the file if it exists.
    public static func remove(_ path: String) {
        unlink(path)
    }

    /// Creates the directory and its parents.
    public static func makeDirectories(_ path: String) throws {
        // The common case (every writing command locks an existing run directory) in one `stat`.
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += String(part)
            if !isDirectory(prefix) && mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw WriteError(path: prefix, reason: String(cString: strerror(errno)))
            }
            prefix += "/"
        }
    }

    /// The directory part of a path ("" when none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
