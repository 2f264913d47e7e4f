import Foundation
import Testing
@testable import TimeSeries
#if canImport(Glibc)
import Glibc
#endif

/// `FileBytes.withText` maps a file of ``FileBytes/mappedTextBytes`` or more
/// from the page cache and reads a smaller one: either way the body sees the
/// file's bytes and then NUL padding, on page boundaries and off them. A file
/// that changes while it is mapped — appended to, truncated (within a page or
/// by whole pages) or rewritten in place — is an `unreadable` error, never a
/// SIGBUS, and the body never sees bytes the file did not have when it was mapped.
@Suite struct FileTextTests {
    static let padding = 16
    #if canImport(Glibc)
    static let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    #else
    static let page = 4096
    #endif

    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = NSTemporaryDirectory() + "/file-text-\(name)-\(UUID().uuidString).bin"
        try FileBytes.writeAtomically(bytes, to: path)
        return path
    }

    static func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: padding) }

    /// A few bytes, and whole pages ± 1 (16 pages: the mapping threshold).
    static let sizes: [Int] = {
        var sizes = [1, 7]
        for pages in [1, 2, 16] {
            let size: Int = pages * page
            sizes += [size - 1, size, size + 1]
        }
        return sizes
    }()

    @Test(arguments: sizes)
    func textIsTheFileThenPadding(size: Int) throws {
        let bytes = FileReadHalvesTests.content(size)
        let path = try Self.write(bytes, name: "\(size)")
        defer { FileBytes.remove(path) }
        for threshold in [1, FileBytes.mappedTextBytes, Int.max] {
            let text = try FileBytes.withText(path: path, padding: Self.padding, mappedFrom: threshold) { Array($0) }
            #expect(text == Self.padded(bytes), "size \(size), mapped from \(threshold)")
        }
    }

    #if canImport(Glibc)
    /// Runs `change` on the file inside the body of a mapped `withText`; the
    /// error it throws, and what the body saw after the change.
    static func changeWhileMapped(_ bytes: [UInt8], _ change: (String) -> Void) throws -> (CSVError?, [UInt8]) {
        let path = try write(bytes, name: "change")
        defer { FileBytes.remove(path) }
        var seen: [UInt8] = []
        var thrown: CSVError?
        do {
            _ = try FileBytes.withText(path: path, padding: padding, mappedFrom: 1) { text in
                change(path)
                seen = Array(text) // reads every page, lost ones included
            }
        } catch {
            thrown = error
        }
        return (thrown, seen)
    }

    static func isChangedError(_ error: CSVError?) -> Bool {
        error?.kind == .unreadable && error?.detail.contains("changed while it was read") == true
    }

    @Test func appendingWhileMappedIsAnErrorAndTheBytesDoNotShow() throws {
        let bytes = FileReadHalvesTests.content(2 * Self.page + 1234)
        let (error, seen) = try Self.changeWhileMapped(bytes) { path in
            let handle = FileHandle(forWritingAtPath: path)
            _ = try? handle?.seekToEnd()
            try? handle?.write(contentsOf: Data(repeating: 0x41, count: 5000))
            try? handle?.close()
        }
        #expect(Self.isChangedError(error), "\(String(describing: error))")
        #expect(seen == Self.padded(bytes))
    }

    @Test func truncatingWholePagesWhileMappedIsAnErrorNotACrash() throws {
        let bytes = FileReadHalvesTests.content(3 * Self.page + 100)
        let (error, seen) = try Self.changeWhileMapped(bytes) { #expect(truncate($0, 0) == 0) }
        #expect(Self.isChangedError(error), "\(String(describing: error))")
        #expect(seen.count == bytes.count + Self.padding)
        #expect(seen[0..<(3 * Self.page)].allSatisfy { $0 == 0 }, "the lost whole pages read as NULs")
        #expect(Array(seen[(3 * Self.page)...]) == Array(Self.padded(bytes)[(3 * Self.page)...]),
                "the partial last page was copied before the truncation")
    }

    @Test func truncatingWithinAPageWhileMappedIsAnError() throws {
        let bytes = FileReadHalvesTests.content(3 * Self.page + 100)
        let (error, _) = try Self.changeWhileMapped(bytes) { #expect(truncate($0, off_t(2 * Self.page + 10)) == 0) }
        #expect(Self.isChangedError(error), "\(String(describing: error))")
    }

    @Test func rewritingInPlaceWhileMappedIsAnError() throws {
        let bytes = FileReadHalvesTests.content(3 * Self.page + 100)
        let (error, _) = try Self.changeWhileMapped(bytes) { path in
            let fd = open(path, O_WRONLY)
            #expect(fd >= 0)
            var replacement = [UInt8](repeating: 0x42, count: 10)
            #expect(pwrite(fd, &replacement, replacement.count, 5) == replacement.count)
            close(fd)
        }
        #expect(Self.isChangedError(error), "\(String(describing: error))")
    }

    @Test func anUnchangedFileMapsAgainAfterAChange() throws {
        let bytes = FileReadHalvesTests.content(3 * Self.page + 100)
        _ = try Self.changeWhileMapped(bytes) { #expect(truncate($0, 0) == 0) }
        let path = try Self.write(bytes, name: "again")
        defer { FileBytes.remove(path) }
        #expect(try FileBytes.withText(path: path, padding: Self.padding, mappedFrom: 1) { Array($0) } == Self.padded(bytes))
    }
    #endif

    @Test func errorsAreThoseOfARead() throws {
        for (path, threshold) in [("/nonexistent/x.csv", FileBytes.mappedTextBytes), (NSTemporaryDirectory(), 1)] {
            let error = #expect(throws: CSVError.self) {
                try FileBytes.withText(path: path, padding: 8, mappedFrom: threshold) { $0.count }
            }
            #expect(error?.kind == .unreadable && error?.file == path)
        }
    }

    /// A CSV file of exactly 64 KiB (whole pages, mapped) that ends in a digit,
    /// no newline: the parser's look-ahead past the last digit meets the padding's NULs.
    @Test func csvEndingOnAPageBoundaryParsesAsItsBytes() throws {
        let size = FileBytes.mappedTextBytes
        #expect(size % Self.page == 0)
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

    /// An optional input of nothing but line ends and spaces is no table, mapped or read.
    @Test(arguments: [100, FileBytes.mappedTextBytes + 3])
    func blankFileIsNoTable(size: Int) throws {
        let path = try Self.write((0..<size).map { [0x0A, 0x20, 0x0D][$0 % 3] }, name: "blank.csv")
        defer { FileBytes.remove(path) }
        #expect(try CSVReader.readUnlessBlank(path: path) == nil)
        #expect(throws: CSVError.self) { try CSVReader.read(path: path) }
    }
}
