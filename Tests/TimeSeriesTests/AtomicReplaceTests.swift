#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import TimeSeries

/// `FileBytes.writeAtomically` puts a complete file in the target's place in
/// one step (on Linux by exchanging names), and leaves nothing else behind.
@Suite struct AtomicReplaceTests {
    /// A fresh, empty directory.
    static func scratch(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "/atomic-replace-\(label)-\(UUID().uuidString)"
        try FileBytes.makeDirectories(path)
        return path
    }

    static func names(in dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    @Test func createsThenReplacesAndLeavesNoTemporaryFile() throws {
        let dir = try Self.scratch("replace")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.csv"
        try FileBytes.writeAtomically("first\n", to: path)
        #expect(try FileBytes.read(path: path) == Array("first\n".utf8))
        var before = stat()
        #expect(stat(path, &before) == 0)
        try FileBytes.writeAtomically("second, longer\n", to: path)
        #expect(try FileBytes.read(path: path) == Array("second, longer\n".utf8))
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_ino != before.st_ino, "a new file takes the name; the old one is not rewritten in place")
        #expect(try Self.names(in: dir) == ["a.csv"])
    }

    /// A reader holding the old file keeps reading the old bytes.
    @Test func anOpenReaderKeepsTheOldContent() throws {
        let dir = try Self.scratch("reader")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/b.json"
        try FileBytes.writeAtomically("{\"v\": 1}\n", to: path)
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        try FileBytes.writeAtomically("{\"v\": 2}\n", to: path)
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(fd, &buffer, buffer.count)
        #expect(Array(buffer[0..<max(n, 0)]) == Array("{\"v\": 1}\n".utf8))
        #expect(try FileBytes.read(path: path) == Array("{\"v\": 2}\n".utf8))
    }

    /// A directory in the target's place is an error, as `rename` makes it:
    /// the directory stays and no temporary file is left.
    @Test func aDirectoryInTheWayIsAnErrorAndStays() throws {
        let dir = try Self.scratch("directory")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileBytes.makeDirectories(dir + "/c.csv")
        #expect(throws: FileBytes.WriteError.self) { try FileBytes.writeAtomically("x\n", to: dir + "/c.csv") }
        #expect(FileBytes.isDirectory(dir + "/c.csv"))
        #expect(try Self.names(in: dir) == ["c.csv"])
    }
}
