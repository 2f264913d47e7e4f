import CCSVKernels
import Testing
@testable import TimeSeries

/// The common-cell parser of NumberCells.h (scalar and AVX2 forms, one cell and
/// whole rows) either declines or gives exactly what the general parser gives,
/// and the reader's result does not depend on which of them read a cell.
@Suite struct CommonCellParsingTests {
    static let shapes = ["0", "-0", "0.0", "-0.0", "5.", ".5", "+5", "-.5", ".", "-", "", "007", "0.000123",
                         "12345678", "123456789", "1234567890123456", "12345678901234567", "1234567890123456789",
                         "12345678901234567890", "0.0063431410011463025", "-0.0037541359124463325",
                         "9007199254740993", "0.9007199254740993", "1e5", "1.5E-3", "nan", "NaN", "inf", "12a",
                         "0.00000000000000000000001", "99999999999999999999", "1.2.3", "00000000000000000000000001.5",
                         "1.5e-05", "-6.000874755460683e-05", "1.5e+05", "1.5e-5", "1.5e-305", "1.5e05x", "1.5ee05",
                         "0.1234567890123456789", "12.34567890123456789", "1234567.123456789012",
                         "12345678.5", "-1234567.5", "0.000000000000000000001234", "9.999999999999999999",
                         "0.99999999999999999999", "\"0.5\"", "0.5 ", " 0.5", "0,5", "--0.5", "-+0.5", "0.5-",
                         "1.7976931348623157", "4.9406564584124654", "2.2250738585072014", "0.30000000000000004"]

    /// Both forms, after a row start of `lead` bytes (the vector form reads
    /// the 33 bytes before a cell's end when the text has them).
    static func forms(_ text: String, lead: Int) -> [(String, Double?)] {
        var bytes = [UInt8](repeating: UInt8(ascii: "7"), count: lead) + Array(text.utf8) + [0x2C]
            + [UInt8](repeating: 0, count: CSVReader.padding)
        return bytes.withUnsafeMutableBufferPointer { b in
            let base = UnsafePointer(b.baseAddress!)
            let end = base + lead + text.utf8.count
            return [("baseline", numbercells_cell_baseline), ("vector", numbercells_cell_vector)].map { name, cell in
                var value = 0.0
                return (name, cell(base, base + lead, end, PowersOfFive.table, &value) != 0 ? value : nil)
            }
        }
    }

    @Test func declinesOrAgreesWithTheGeneralParser() {
        for text in Self.shapes {
            var bytes = Array(text.utf8) + [0x2C] + [UInt8](repeating: 0, count: CSVReader.padding)
            let general = bytes.withUnsafeMutableBufferPointer { b in
                DecimalParser.parse(UnsafePointer(b.baseAddress!), 0, text.utf8.count)
            }
            for lead in [0, 40] {
                for (name, answer) in Self.forms(text, lead: lead) {
                    guard let value = answer else { continue }
                    switch general {
                    case .value(let expected):
                        #expect(value.bitPattern == expected.bitPattern, "\(name) `\(text)` after \(lead)")
                    case .missing:
                        #expect(value.isNaN, "\(name) `\(text)` after \(lead)")
                    case .infinite, .invalid:
                        Issue.record("\(name) `\(text)` after \(lead): accepted what the general parser rejects")
                    }
                }
            }
        }
    }

    /// The shapes an artifact writes are answered by the vector form, not left to the general parser.
    @Test func answersTheArtifactShapes() {
        for text in ["0.0063431410011463025", "-0.0037541359124463325", "0.5", "-12.25", "0.0", "-0.0", "",
                     "1234567.123456789012", "0.000000000000000000001234"] {
            let answers = Self.forms(text, lead: 40)
            #expect(answers.allSatisfy { $0.1 != nil }, "`\(text)`")
        }
        #expect(Self.forms("-6.000874755460683e-05", lead: 40)[0].1 != nil, "the scalar form reads two-digit exponents")
    }

    /// Random rows of common, empty and other cells: the AVX2 and scalar row
    /// loops stop at the same comma with the same cells stored, and each stored
    /// cell is `strtod`'s value (NaN for an empty cell); a row of more cells
    /// than `width` stops after `width`.
    @Test func rowLoopsAgree() {
        var draws = DecimalExactnessTests.Draws(state: 0xC0FFEE)
        // Declined cells, and ties whose rounding the 128-bit product cannot decide (the row stops there too).
        let others = ["nan", "1e5", "\"0.5\"", "12a", "1.5e-305", "0.12345678901234567890123456789",
                      "9007199254740993.0", "4503599627370496.5"]
        for trial in 0..<3000 {
            let count = 1 + draws.below(70)
            var cells: [String] = []
            for _ in 0..<count {
                switch draws.below(20) {
                case 0: cells.append("")
                case 1: cells.append(others[draws.below(others.count)])
                case 2: cells.append(String(Double(Int64(bitPattern: draws.next()) >> 11) * 0x1p-52 * 1e-4))
                default: cells.append(String(Double(Int64(bitPattern: draws.next()) >> 11) * 0x1p-60))
                }
            }
            let row = "2024-01-0\(1 + trial % 9)," + cells.joined(separator: ",")
            let width = draws.below(4) == 0 ? max(0, count - 1 - draws.below(3)) : count
            let tail = draws.below(2) == 0 ? "\r\n" : "\n"
            var bytes = Array((row + tail + "2024-02-01,0.5").utf8) + [UInt8](repeating: 0, count: CSVReader.padding)
            let end = row.utf8.count
            let dateEnd = 10
            bytes.withUnsafeMutableBufferPointer { b in
                let base = UnsafePointer(b.baseAddress!)
                var stops: [(Int, Int, [UInt64])] = []
                for loop in [numbercells_row, numbercells_row_baseline] {
                    var stored = [Double](repeating: -1, count: max(width, 1))
                    var column = 0
                    let stop = stored.withUnsafeMutableBufferPointer { out in
                        loop(base, dateEnd, end, width, &column, out.baseAddress!, 1, PowersOfFive.table)
                    }
                    stops.append((stop, column, stored.prefix(column).map(\.bitPattern)))
                    for k in 0..<column {
                        let expected = cells[k].isEmpty ? Double.nan : DecimalExactnessTests.reference(cells[k])
                        #expect(stored[k].bitPattern == expected.bitPattern || (expected.isNaN && stored[k].isNaN),
                                "trial \(trial) cell \(k) `\(cells[k])`")
                    }
                    #expect(stop == end || base[stop] == 0x2C, "trial \(trial): stopped inside a cell")
                    #expect(column <= width, "trial \(trial)")
                }
                #expect(stops[0].0 == stops[1].0 && stops[0].1 == stops[1].1 && stops[0].2 == stops[1].2,
                        "trial \(trial): the two loops differ")
            }
        }
    }

    /// Cells at every position of a row (first, middle, last, before CR LF and
    /// at the very end of the text without a newline) read as `Double(text)`.
    @Test func cellsAtEveryPositionOfARow() throws {
        let numeric = Self.shapes.filter { Double($0) != nil && !$0.contains("n") && !$0.contains("i") }
        var lines = ["date," + numeric.indices.map { "c\($0)" }.joined(separator: ",")]
        for k in 0..<numeric.count {
            let row = (0..<numeric.count).map { numeric[($0 + k) % numeric.count] }
            lines.append(TradingDate(daysSinceEpoch: Int32(18000 + k)).description + "," + row.joined(separator: ","))
        }
        let panel = try CSVReader.parse(bytes: Array(lines.joined(separator: "\r\n").utf8), file: "shapes.csv")
        for k in 0..<numeric.count {
            for c in 0..<numeric.count {
                let expected = Double(numeric[(c + k) % numeric.count])!
                #expect(panel.columns[c][k].bitPattern == expected.bitPattern, "row \(k) column \(c)")
            }
        }
    }
}
