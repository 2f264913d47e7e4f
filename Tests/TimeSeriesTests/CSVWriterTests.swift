import Testing
@testable import TimeSeries

/// SPEC §1 writing: header `date,<columns>`, `YYYY-MM-DD`, shortest
/// round-trip numbers (Python `repr` digits), missing = empty cell, `\n`.
@Suite struct CSVWriterTests {
    let dates = ["2020-01-06", "2020-01-07", "2020-01-08", "2020-01-09", "2020-01-10", "2020-01-13", "2020-01-14", "2020-01-15"]
        .map { TradingDate($0)! }

    func text(_ panel: Panel, indexHeader: String = "date") -> String {
        String(decoding: CSVWriter.encode(panel, indexHeader: indexHeader), as: UTF8.self)
    }

    @Test func numbersInShortestRoundTripForm() {
        let values = [0.11166839890478626, 1.0, -0.0, 1e-05, 1e+16, .nan, 0.1 + 0.2, 123456789.0]
        let panel = Panel(dates: dates, names: ["x"], columns: [values])
        #expect(text(panel) == """
        date,x
        2020-01-06,0.11166839890478626
        2020-01-07,1.0
        2020-01-08,-0.0
        2020-01-09,1e-05
        2020-01-10,1e+16
        2020-01-13,
        2020-01-14,0.30000000000000004
        2020-01-15,123456789.0

        """)
    }

    /// Python writes integers below 1e16 in full; Swift's `description` turns to
    /// exponent notation above 2^53 already. Expected texts are Python's `repr`.
    @Test func largeIntegersAsPythonWritesThem() {
        let cases: [(Double, String)] = [
            (9007199254740992, "9007199254740992.0"), (9007199254740994, "9007199254740994.0"),
            (9525525263004610, "9525525263004610.0"), (-9525525263004610, "-9525525263004610.0"),
            (9999999999999998, "9999999999999998.0"), (9199749710050654, "9199749710050654.0"),
            (1e16, "1e+16"), (-1e16, "-1e+16"), (1.2345678901234567e15, "1234567890123456.8"),
        ]
        for (value, python) in cases {
            var out: [UInt8] = []
            CSVWriter.appendNumber(&out, value)
            #expect(String(decoding: out, as: UTF8.self) == python)
            #expect(JSONValue.double(value).serialized().split(separator: "\n").first.map(String.init) == python)
        }
    }

    @Test func roundTripIsBitExact() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func draw() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let bits = state >> 11
            switch bits % 4 {
            case 0: return Double(bitPattern: 0x3F00_0000_0000_0000 | (state & 0x000F_FFFF_FFFF_FFFF)) * (bits % 8 < 4 ? 1 : -1)
            case 1: return Double(Int64(bitPattern: state) >> 20) * 1e-9
            case 2: return Double(bitPattern: state & 0x7FEF_FFFF_FFFF_FFFF)   // any finite magnitude
            default: return bits % 5 == 0 ? .nan : [0.0, -0.0, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 1e-05, 1e+16][Int(bits % 6)]
            }
        }
        let columns = (0..<5).map { _ in dates.map { _ in draw() } }
        let panel = Panel(dates: dates, names: ["a", "b", "c", "d", "e"], columns: columns)
        let back = try CSVReader.parse(bytes: CSVWriter.encode(panel), file: "round.csv")
        #expect(back.dates == panel.dates)
        #expect(back.names == panel.names)
        for c in 0..<5 {
            for r in dates.indices {
                let a = panel.columns[c][r], b = back.columns[c][r]
                #expect(a.isNaN ? b.isNaN : a.bitPattern == b.bitPattern, "\(a) read back as \(b)")
            }
        }
    }

    @Test func headerCellsAreQuotedWhenNeeded() throws {
        let panel = Panel(dates: [dates[0]], names: ["plain", "a,b", "say \"hi\""], columns: [[1], [2], [3]])
        let csv = text(panel, indexHeader: "")
        #expect(csv == ",plain,\"a,b\",\"say \"\"hi\"\"\"\n2020-01-06,1.0,2.0,3.0\n")
        let back = try CSVReader.parse(bytes: Array(csv.utf8), file: "q.csv")
        #expect(back.names == panel.names)
        #expect(back.columns == panel.columns)
    }

    @Test func writesAtomicallyAndOverwrites() throws {
        let path = "/tmp/allocator-csvwriter-\(getpid()).csv"
        defer { FileBytes.remove(path) }
        try CSVWriter.write(Panel(dates: [dates[0]], names: ["x"], columns: [[1]]), to: path)
        try CSVWriter.write(Panel(dates: [dates[1]], names: ["y"], columns: [[2]]), to: path)
        #expect(try FileBytes.read(path: path) == Array("date,y\n2020-01-07,2.0\n".utf8))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
