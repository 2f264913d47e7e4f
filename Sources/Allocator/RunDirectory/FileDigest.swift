#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import TimeSeries

/// SHA-256 of files and byte ranges, streamed in 64 KiB chunks (constant
/// memory; swift-crypto uses the CPU's SHA extensions where present).
package enum FileDigest {
    /// Size and digest of a file's first `length` bytes (all of it when `nil`);
    /// `nil` when the file cannot be read or is shorter than `length`.
    package static func sha256(path: String, length: Int? = nil) -> (size: Int, hex: String)? {
        guard let (total, hasher) = hashing(path: path, length: length) else { return nil }
        return (total, hex(hasher.finalize()))
    }

    /// The bytes read and the SHA-256 state after them (not finalised, so it can go on).
    static func hashing(path: String, length: Int? = nil) -> (size: Int, hasher: SHA256)? {
        var hasher = SHA256()
        let total = stream(path: path, length: length ?? Int.max) { hasher.update(bufferPointer: $0) }
        guard let total, length == nil || total == length else { return nil }
        return (total, hasher)
    }

    /// Reads up to `length` bytes of `path` from its start in 64 KiB chunks (a
    /// buffer malloc keeps in its heap, not fresh pages mapped for every file),
    /// handing each to `body`; the number of bytes read, `nil` when unreadable.
    static func stream(path: String, length: Int, into body: (UnsafeRawBufferPointer) -> Void) -> Int? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var remaining = length
        var total = 0
        let chunkSize = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while remaining > 0 {
            let got = FileBytes.systemRead(fd, buffer.baseAddress, min(chunkSize, remaining))
            if got < 0 { if errno == EINTR { continue }; return nil }
            if got == 0 { break }
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
            total += got
            remaining -= got
        }
        return total
    }

    /// The bytes of `path` from `offset` to its end (`nil` when unreadable).
    static func read(path: String, from offset: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let count = max(0, Int(st.st_size) - offset)
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 { if errno == EINTR { continue }; return nil }
            if got == 0 { break }
            done += got
        }
        return Array(out[0..<done])
    }

    /// The first line of `path` including its `\n` (`nil` when unreadable or without a line end).
    /// Reads 64 KiB blocks only until the line end.
    static func firstLine(path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var line: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = block.withUnsafeMutableBytes { FileBytes.systemRead(fd, $0.baseAddress, $0.count) }
            if got < 0 { if errno == EINTR { continue }; return nil }
            if got == 0 { return nil }
            if let nl = block[..<got].firstIndex(of: UInt8(ascii: "\n")) { return line + block[...nl] }
            line += block[..<got]
        }
    }

    /// SHA-256 of `bytes`, as lower-case hexadecimal.
    package static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
                for (i, b) in bytes.enumerated() {
                    out[2 * i] = hexDigit(b >> 4)
                    out[2 * i + 1] = hexDigit(b & 0xF)
                }
                return 2 * bytes.count
            }
        }
    }

    /// The ASCII lower-case hexadecimal digit of `v` (0–15).
    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10 }
}
