#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// The SHA-256 state of run-directory files this process has just hashed,
/// written or appended to, so that sealing a generation (SPEC §12) need not
/// read back what it has just verified or written.
///
/// An entry is keyed by the file's path and describes the file as it was:
/// size, modification time and inode. It is used only while the file still
/// has exactly those (any other writer changes at least the modification
/// time), so a stale entry is never trusted: the file is hashed from disk
/// instead. The SHA-256 state is kept unfinalised, so an appended file's
/// digest continues from its previous content plus the appended bytes.
enum DigestLedger {
    /// What identifies one version of a file.
    struct Version: Equatable {
        var size: Int
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var inode: UInt64

        /// The version of the file at `path` now, `nil` when it cannot be stat'ed.
        init?(path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            size = Int(st.st_size)
            #if canImport(Darwin)
            modifiedSeconds = Int(st.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(st.st_mtimespec.tv_nsec)
            #else
            modifiedSeconds = Int(st.st_mtim.tv_sec)
            modifiedNanoseconds = Int(st.st_mtim.tv_nsec)
            #endif
            inode = UInt64(st.st_ino)
        }
    }

    private struct Entry {
        var version: Version
        var hasher: SHA256
    }

    private static let entries = Locked<[String: Entry]>([:])

    /// Records that `hasher` has consumed exactly the current content of `path`.
    static func record(_ path: String, hasher: SHA256) {
        guard let version = Version(path: path) else { return forget(path) }
        entries.withLock { $0[path] = Entry(version: version, hasher: hasher) }
    }

    /// Records the file just written at `path` with content `bytes`.
    static func recordWritten(_ path: String, bytes: [UInt8]) {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        guard let version = Version(path: path), version.size == bytes.count else { return forget(path) }
        entries.withLock { $0[path] = Entry(version: version, hasher: hasher) }
    }

    /// The SHA-256 state of `path`'s current content, when recorded for this version of the file.
    static func hasher(for path: String) -> SHA256? {
        recorded(path)?.hasher
    }

    /// The entry of `path` when it describes the file as it is now.
    private static func recorded(_ path: String) -> Entry? {
        guard let version = Version(path: path) else { return nil }
        return entries.withLock { all in all[path].flatMap { $0.version == version ? $0 : nil } }
    }

    /// Forgets `path` (its content changed in a way the ledger did not follow).
    static func forget(_ path: String) {
        _ = entries.withLock { $0.removeValue(forKey: path) }
    }

    /// Size and SHA-256 of `path`: from the ledger when it holds this version, else read from disk (and recorded).
    static func digest(of path: String) -> (size: Int, hex: String)? {
        if let entry = recorded(path) { return (entry.version.size, FileDigest.hex(entry.hasher.finalize())) }
        let before = Version(path: path)
        guard let (size, hasher) = FileDigest.hashing(path: path) else { return nil }
        // Recorded only when nothing changed the file while it was read.
        if let before, before.size == size, Version(path: path) == before { record(path, hasher: hasher) }
        return (size, FileDigest.hex(hasher.finalize()))
    }
}
