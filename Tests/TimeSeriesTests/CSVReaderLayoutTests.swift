import Testing
@testable import TimeSeries

/// SPEC §1 reading of the layouts real files come in.
@Suite struct CSVReaderLayoutTests {
    func parse(_ text: String) throws -> Panel {
        try CSVReader.parse(bytes: Array(text.utf8), file: "t.csv")
    }

    let expectedDates = ["2020-01-06", "2020-01-07"]

    func expectTwoRows(_ p: Panel, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(p.names == ["a", "b"], sourceLocation: sourceLocation)
        #expect(p.dates.map(\.description) == expectedDates, sourceLocation: sourceLocation)
        #expect(p.columns[0] == [1.5, -2.0], sourceLocation: sourceLocation)
        #expect(p.columns[1][0] == 0.25 && p.columns[1][1].isNaN, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        "date,a,b\n2020-01-06,1.5,0.25\n2020-01-07,-2,\n",
        "\u{FEFF}date,a,b\r\n2020-01-06,1.5,0.25\r\n2020-01-07,-2,\r\n",      // BOM + CRLF
        "date,a,b\n2020-01-06,1.5,0.25\n2020-01-07,-2,",                         // no trailing newline
        "date,a,b\r\n2020-01-06,1.5,0.25\r\n2020-01-07,-2,NaN",                  // CRLF, no trailing newline
        "date,a,b\n2020-01-06,1.5,0.25\n2020-01-07,-2,nan\n\n\n",                // blank trailing lines
        "date,a,b\r\n2020-01-06,1.5,0.25\r\n2020-01-07,-2,\r\n\r\n",
        ",a,b\n2020-01-06 00:00:00,1.5,0.25\n2020-01-07 00:00:00,-2,\n",        // pandas index, timestamps
        "\"date\",\"a\",\"b\"\n2020-01-06,\"1.5\",0.25\n\"2020-01-07\",-2,\"\"\n", // quoted cells
    ])
    func acceptedLayouts(text: String) throws {
        expectTwoRows(try parse(text))
    }

    @Test func quotedHeaderCellsKeepCommasAndQuotes() throws {
        let p = try parse("date,\"x,y\",\"he said \"\"up\"\"\"\n2020-01-06,1,2\n")
        #expect(p.names == ["x,y", "he said \"up\""])
        #expect(p.columns == [[1], [2]])
    }

    @Test func unclosedQuoteInHeaderIsAnError() {
        #expect(throws: CSVError.self) { try parse("date,\"a\n2020-01-06,1\n") }
    }

    @Test func nonMidnightTimestampsAndNonDatesAreRejected() {
        for bad in ["2020-01-06 09:30:00", "2020-1-6", "06/01/2020", "2020-01-06T00:00:01", ""] {
            #expect(throws: CSVError.self, "\(bad)") { try parse("date,a\n\(bad),1\n") }
        }
    }
}
