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
