import Foundation
import Testing
@testable import TimeSeries

/// A file whose cells fill 1 MB or more has its panel's columns copied out of
/// the parsed cells by two threads (half the columns each), or by one in the
/// one-thread read: every value lands in its own column and row, checked
/// against the formula that wrote it.
@Suite struct WidePanelReadTests {
    /// `value(r, c) = (r·1000 + c)/1024`, exact in binary and in its decimal text.
    static func value(_ r: Int, _ c: Int) -> Double { Double(r * 1000 + c) / 1024 }

    @Test(arguments: [(1000, 200), (700, 301), (3, 50_000)])
    func everyValueInItsColumnAndRow(rows: Int, columns: Int) throws {
        #expect(rows * columns * 8 >= CSVReader.parallelBytes, "the cells take the two-thread copy")
        var text = "date," + (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        var day = TradingDate(year: 1990, month: 1, day: 1)!
        for r in 0..<rows {
            text += day.description + "," + (0..<columns).map { "\(Self.value(r, $0))" }.joined(separator: ",") + "\n"
            day = day.adding(days: 1)
        }
        let path = NSTemporaryDirectory() + "/wide-panel-\(rows)x\(columns)-\(UUID().uuidString).csv"
        defer { FileBytes.remove(path) }
        try FileBytes.writeAtomically(Array(text.utf8), to: path)
        for concurrently in [true, false] {
            let panel = try CSVReader.read(path: path, concurrently: concurrently)
            #expect(panel.rowCount == rows && panel.columnCount == columns)
            #expect(panel.names.first == "c0" && panel.names.last == "c\(columns - 1)")
            let wrong = (0..<columns).first { c in (0..<rows).contains { r in panel.columns[c][r] != Self.value(r, c) } }
            #expect(wrong == nil, "column \(wrong ?? -1), concurrently \(concurrently)")
        }
    }
}
