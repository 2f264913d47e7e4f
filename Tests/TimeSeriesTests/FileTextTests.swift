import Foundation
import Testing
@testable import TimeSeries
#if canImport(Glibc)
import Glibc
#endif

/// `FileBytes.withText` maps a file of ``FileBytes/mappedTextBytes`` or more
/// from the page cache and reads a smaller one: either way the body sees the
/// file's bytes and then NUL padding, on page boundaries and off them; bytes
/// appended while it is mapped never show; a truncation while it is mapped is
/// an `unreadable` error, not a SIGBUS.
@Suite struct FileTextTests {
    static let padding = 16

    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = NSTemporaryDirectory() + "/file-text-\(name)-\(UUID().uuidString).bin"
        try FileBytes.writeAtomically(bytes, to: path)
        return path
    }

    @Test(arguments: [1, 7, 4095, 4096, 4097, 8192, 65_536, 70_001])
    func textIsTheFileThenPadding(size: Int) throws {
        let bytes = FileReadHalvesTests.content(size)
        let path = try Self.write(bytes, name: "\(size)")
        defer { FileBytes.remove(path) }
        let expected = bytes + [UInt8](repeating: 0, count: Self.padding)
        for threshold in [1, FileBytes.mappedTextBytes, Int.max] {
            let text = try FileBytes.withText(path: path, padding: Self.padding, mappedFrom: threshold) { Array($0) }
            #expect(text == expected, "size \(size), mapped from \(threshold)")
        }
    }

    @Test func bytesAppendedWhileMappedDoNotShow() throws {
        let bytes = FileReadHalvesTests.content(2 * 4096 + 1234)
        let path = try Self.write(bytes, name: "append")
        defer { FileBytes.remove(path) }
        let text = try FileBytes.withText(path: path, padding: Self.padding, mappedFrom: 1) { text in
            let handle = try? FileHandle(forWritingTo: URL(fileURLWithPath: path))
            _ = try? handle?.seekToEnd()
            try? handle?.write(contentsOf: Data(repeating: 0x41, count: 5000))
            try? handle?.close()
            return Array(text)
        }
        #expect(FileBytes.size(path: path) == bytes.count + 5000, "the file did grow")
        #expect(text == bytes + [UInt8](repeating: 0, count: Self.padding))
    }

    #if canImport(Glibc)
    @Test func truncationWhileMappedIsAnErrorNotACrash() throws {
        let bytes = FileReadHalvesTests.content(3 * 4096 + 100)
        let path = try Self.write(bytes, name: "truncate")
        defer { FileBytes.remove(path) }
        var seen: [UInt8] = []
        let error = #expect(throws: CSVError.self) {
            try FileBytes.withText(path: path, padding: Self.padding, mappedFrom: 1) { text in
                #expect(truncate(path, 0) == 0)
                seen = Array(text) // reads every lost page
            }
        }
        #expect(error?.kind == .unreadable && error?.file == path)
        #expect(error?.detail.contains("changed while it was read") == true, "\(String(describing: error))")
        #expect(seen.count == bytes.count + Self.padding)
        #expect(seen[0..<(3 * 4096)].allSatisfy { $0 == 0 }, "the lost whole pages read as NULs")
        #expect(Array(seen[(3 * 4096)...]) == Array(bytes[(3 * 4096)...]) + [UInt8](repeating: 0, count: Self.padding),
                "the partial last page was copied before the truncation")
        // The next mapping of the same file is clean again.
        try FileBytes.writeAtomically(bytes, to: path)
        #expect(try FileBytes.withText(path: path, padding: Self.padding, mappedFrom: 1) { Array($0) }
                == bytes + [UInt8](repeating: 0, count: Self.padding))
    }
    #endif

    @Test func errorsAreThoseOfARead() throws {
        #expect(throws: CSVError.self) { try FileBytes.withText(path: "/nonexistent/x.csv", padding: 8) { $0.count } }
        #expect(throws: CSVError.self) { try FileBytes.withText(path: NSTemporaryDirectory(), padding: 8, mappedFrom: 1) { $0.count } }
    }

    /// A CSV file of exactly 64 KiB (16 pages, mapped) that ends in a digit, no
    /// newline: the parser's look-ahead past the last digit meets the padding's NULs.
    @Test func csvEndingOnAPageBoundaryParsesAsItsBytes() throws {
        let size = FileBytes.mappedTextBytes
        #expect(size % 4096 == 0)
        var text = "date,a,b\n"
        var day = 0
        func row(_ last: String) -> String {
            let date = TradingDate(daysSinceEpoch: TradingDate(year: 2001, month: 1, day: 1)!.daysSinceEpoch + Int32(day))
            return "\(date),0.25,\(last)"
        }
        while text.utf8.count + row("0.5").utf8.count + 1 + 40 < size {
            text += row("0.\(day % 97)") + "\n"
            day += 1
        }
        let rest = size - text.utf8.count - row("").utf8.count
        text += row("0." + String(repeating: "3", count: rest - 2))
        #expect(text.utf8.count == size)
        let path = try Self.write(Array(text.utf8), name: "page.csv")
        defer { FileBytes.remove(path) }
        #expect(FileBytes.size(path: path) == size)
        let expected = try CSVReader.parse(bytes: Array(text.utf8), file: path)
        let read = try CSVReader.read(path: path)
        #expect(read.dates == expected.dates && read.names == expected.names)
        #expect(read.columns.map { $0.map(\.bitPattern) } == expected.columns.map { $0.map(\.bitPattern) })
    }
}
