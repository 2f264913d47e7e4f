import Testing
@testable import TimeSeries

@Suite struct CSVReaderTests {
    func parse(_ text: String) throws -> Panel {
        try CSVReader.parse(bytes: Array(text.utf8), file: "t.csv")
    }

    func error(_ text: String) -> CSVError? {
        do { _ = try CSVReader.parse(bytes: Array(text.utf8), file: "t.csv"); return nil } catch { return error }
    }

    @Test func readsEmptyIndexHeaderMissingCellsAndTimestamps() throws {
        let p = try parse("\u{FEFF},a,b\r\n2020-01-06 00:00:00,0.5,\r\n2020-01-07,nan,-1e-05\r\n")
        #expect(p.names == ["a", "b"])
        #expect(p.dates.map(\.description) == ["2020-01-06", "2020-01-07"])
        #expect(p.columns[0][0] == 0.5)
        #expect(p.columns[0][1].isNaN)
        #expect(p.columns[1][0].isNaN)
        #expect(p.columns[1][1] == -1e-05)
    }

    @Test func parsesNumbersExactly() throws {
        let samples = ["0.11166839890478626", "0.006343141001146302", "-0.0", "1.0", "123456789012345678901234",
                       "4.9e-324", "1.7976931348623157e308", "0.1", "2.2250738585072014E-308", "+3.5", ".5", "5."]
        let p = try parse("date,x\n" + samples.enumerated().map { "2020-01-\($0.offset + 10),\($0.element)" }.joined(separator: "\n"))
        for (k, s) in samples.enumerated() {
            #expect(p.columns[0][k].bitPattern == Double(s)!.bitPattern, "\(s)")
        }
    }

    @Test func rejectsBadInputWithLine() {
        #expect(error("")?.kind == .emptyFile)
        #expect(error("date,a\n2020-01-01,1\n2020-01-01,2\n")?.line == 3)
        #expect(error("date,a\n2020-01-02,1\n2020-01-01,2\n")?.kind == .datesNotIncreasing)
        #expect(error("date,a\n2020-01-02,1,3\n")?.kind == .raggedRow)
        #expect(error("date,a,b\n2020-01-02,1\n")?.kind == .raggedRow)
        #expect(error("date,a\n2020-01-02,inf\n")?.kind == .infiniteNumber)
        #expect(error("date,a\n2020-01-02,-Infinity\n")?.kind == .infiniteNumber)
        #expect(error("date,a\n2020-01-02,1e999\n")?.kind == .infiniteNumber)
        #expect(error("date,a\n2020-01-02,abc\n")?.line == 2)
        #expect(error("date,a\n2020-01-02,0x10\n")?.kind == .badNumber)
        #expect(error("date,a\n2020-02-30,1\n")?.kind == .badDate)
        #expect(error("date,a\n2020-02-03 10:00:00,1\n")?.kind == .badDate)
        #expect(error("date,a\n\u{0}\u{1}junk")?.kind == .notText)
    }

    @Test func headerOnlyHasNoRows() throws {
        let p = try parse("date,a,b\n")
        #expect(p.rowCount == 0)
        #expect(p.names == ["a", "b"])
    }
}

@Suite struct DecimalParserTests {
    /// Random decimals of 1–19 significant digits and exponents around the
    /// returns' range, parsed by the reader and by the C library: same bits.
    @Test func agreesWithStrtodOnRandomDecimals() throws {
        var state: UInt64 = 0x1234_5678_9ABC_DEF0
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var lines = ["date,x"]
        var texts: [String] = []
        var day = TradingDate(year: 1900, month: 1, day: 1)!
        for _ in 0..<60_000 {
            let digits = Int(next() % 19) + 1
            var mantissa = ""
            for k in 0..<digits { mantissa += String((next() % 10) + (k == 0 ? 0 : 0)) }
            let point = Int(next() % UInt64(digits + 1))
            var text = String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point))
            if next() % 3 == 0 { text = "0." + String(repeating: "0", count: Int(next() % 6)) + mantissa }
            if next() % 2 == 0 { text = "-" + text }
            texts.append(text)
            lines.append("\(day),\(text)")
            day = day.adding(days: 1)
        }
        let panel = try CSVReader.parse(bytes: Array(lines.joined(separator: "\n").utf8), file: "random.csv")
        var mismatches = 0
        for (k, text) in texts.enumerated() where panel.columns[0][k].bitPattern != Double(text)!.bitPattern {
            mismatches += 1
            if mismatches < 5 { Issue.record("\(text): \(panel.columns[0][k]) vs \(Double(text)!)") }
        }
        #expect(mismatches == 0)
    }

    @Test func halfwayCasesRoundToEven() throws {
        // 2^53 + 1 and + 3 scaled by 10^-k sit exactly between two doubles before scaling.
        let samples = ["0.9007199254740993", "0.9007199254740995", "9.007199254740993e-3", "0.00090071992547409930",
                       "1.0000000000000001110223024625156540423631668090820312", "0.30000000000000004", "0.1000000000000000055511151231257827"]
        let p = try CSVReader.parse(bytes: Array(("date,x\n" + samples.enumerated()
            .map { "2020-01-\($0.offset + 10),\($0.element)" }.joined(separator: "\n")).utf8), file: "t.csv")
        for (k, s) in samples.enumerated() { #expect(p.columns[0][k].bitPattern == Double(s)!.bitPattern, "\(s)") }
    }
}
