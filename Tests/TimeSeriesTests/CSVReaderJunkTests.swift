import Testing
@testable import TimeSeries

/// Binary junk is rejected with a short, printable message naming file and line.
@Suite struct CSVReaderJunkTests {
    func error(_ bytes: [UInt8]) -> CSVError? {
        do { _ = try CSVReader.parse(bytes: bytes, file: "junk.csv"); return nil } catch { return error }
    }

    func expectPrintable(_ e: CSVError?, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let e else { Issue.record("junk was accepted", sourceLocation: sourceLocation); return }
        #expect(e.description.hasPrefix("junk.csv"), sourceLocation: sourceLocation)
        #expect(e.description.unicodeScalars.count < 200, "\(e.description)", sourceLocation: sourceLocation)
        #expect(!e.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0xFFFD },
                "\(e.description)", sourceLocation: sourceLocation)
    }

    @Test func undecodableHeaderCell() {
        let header: [UInt8] = Array("date,ok,".utf8) + (0..<300).map { UInt8(0x80 + $0 % 100) } + [0x1B, 0x5B, 0x32, 0x4A]
        let e = error(header + Array("\n2020-01-02,1,2\n".utf8))
        #expect(e?.kind == .notText)
        #expect(e?.line == 1)
        expectPrintable(e)
    }

    @Test func junkInDataCells() {
        let e = error(Array("date,a\n2020-01-02,".utf8) + [0x1B, 0x5B, 0x32, 0x4A, 0xC3, 0x28] + Array(repeating: 0x41, count: 200))
        #expect(e?.kind == .badNumber)
        #expect(e?.line == 2)
        expectPrintable(e)
    }

    /// Random bytes, with and without NUL, never crash the reader.
    @Test func randomBytesAreRejectedOrReadWithoutCrashing() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for trial in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<(50 + trial * 7) {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                let b = UInt8(truncatingIfNeeded: state)
                bytes.append(trial % 2 == 0 ? b : [0x2C, 0x0A, 0x31, 0x2E, 0x2D, 0x30, 0x22][Int(b) % 7])
            }
            if let e = error(bytes) { #expect(!e.description.isEmpty) }
        }
    }
}

/// Memory is sized by what the file can hold, not by header width × line count.
@Suite struct CSVReaderSizingTests {
    /// 300 kB: a 100 000-column header and 100 000 blank lines (once an 80 GB reservation and an abort).
    @Test func wideHeaderWithManyBlankLines() throws {
        let text = "date" + String(repeating: ",a", count: 100_000) + "\n" + String(repeating: "\n", count: 100_000)
        let panel = try CSVReader.parse(bytes: Array(text.utf8), file: "wide.csv")
        #expect(panel.columnCount == 100_000)
        #expect(panel.rowCount == 0)
    }
}
