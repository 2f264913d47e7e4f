import Testing
@testable import TimeSeries

/// The one-pass parser of common cells (``DecimalParser/parseCommon(_:_:_:)``)
/// either declines or gives exactly what the general parser gives, and the
/// reader's result does not depend on which of the two read a cell.
@Suite struct CommonCellParsingTests {
    static let shapes = ["0", "-0", "0.0", "-0.0", "5.", ".5", "+5", "-.5", ".", "-", "", "007", "0.000123",
                         "12345678", "123456789", "1234567890123456", "12345678901234567", "1234567890123456789",
                         "12345678901234567890", "0.0063431410011463025", "-0.0037541359124463325",
                         "9007199254740993", "0.9007199254740993", "1e5", "1.5E-3", "nan", "NaN", "inf", "12a",
                         "0.00000000000000000000001", "99999999999999999999", "1.2.3", "00000000000000000000000001.5"]

    @Test func declinesOrAgreesWithTheGeneralParser() {
        for text in Self.shapes {
            var bytes = Array(text.utf8) + [0x2C] + [UInt8](repeating: 0, count: 8)
            bytes.withUnsafeMutableBufferPointer { b in
                let base = UnsafePointer(b.baseAddress!)
                guard let (value, end) = DecimalParser.parseCommon(base, 0) else { return }
                guard case .value(let expected) = DecimalParser.parse(base, 0, end) else {
                    Issue.record("`\(text)`: the common parser accepted what the general parser rejects"); return
                }
                #expect(value.bitPattern == expected.bitPattern, "`\(text)`")
                if end == text.utf8.count, let d = Double(text) { #expect(value.bitPattern == d.bitPattern, "`\(text)`") }
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
