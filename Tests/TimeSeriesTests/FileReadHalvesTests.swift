import Foundation
import Testing
@testable import TimeSeries

/// `FileBytes.read` reads a file from ``FileBytes/parallelReadBytes`` on in
/// two halves on two threads (`pread`); the bytes are those of one `read`
/// loop whatever the size and wherever the halves meet.
@Suite struct FileReadHalvesTests {
    /// Deterministic bytes that differ at every position within a period longer than any file here.
    static func content(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    @Test(arguments: [0, 1, 2, 3, 7, 4096, 4097, 65_537, 1_000_003])
    func halvesEqualTheFile(size: Int) throws {
        let path = NSTemporaryDirectory() + "/read-halves-\(size)-\(UUID().uuidString).bin"
        defer { FileBytes.remove(path) }
        let bytes = Self.content(size)
        try FileBytes.writeAtomically(bytes, to: path)
        #expect(try FileBytes.read(path: path, parallelFrom: 0) == bytes)
        #expect(try FileBytes.read(path: path, parallelFrom: 1) == bytes)
        #expect(try FileBytes.read(path: path, parallelFrom: .max) == bytes)
        #expect(try FileBytes.read(path: path) == bytes)
    }

    @Test func largeFileReadAsAllocatorReadsIt() throws {
        let size = FileBytes.parallelReadBytes + 12_345
        let path = NSTemporaryDirectory() + "/read-halves-large-\(UUID().uuidString).bin"
        defer { FileBytes.remove(path) }
        let bytes = Self.content(size)
        try FileBytes.writeAtomically(bytes, to: path)
        #expect(try FileBytes.read(path: path) == bytes)
    }

    @Test func missingFileAndDirectoryAreErrors() throws {
        #expect(throws: CSVError.self) { try FileBytes.read(path: "/nonexistent/x.bin", parallelFrom: 0) }
        #expect(throws: CSVError.self) { try FileBytes.read(path: NSTemporaryDirectory(), parallelFrom: 0) }
    }
}
