import Testing
@testable import Allocator

/// `SlidingColumns(columns:)` copies whole columns into its storage, by two
/// threads from 1 MB on: every value is readable at its column and row, and
/// an empty panel gives an empty buffer.
@Suite struct SlidingColumnsCopyTests {
    /// Row `r` of column `c`: missing every 17th row, else `c/1000 + r`.
    static func value(_ c: Int, _ r: Int) -> Double {
        if r % 17 == 5 { return .nan }
        return Double(c) / 1000 + Double(r)
    }

    @Test(arguments: [(2, 3), (45, 300), (300, 500), (1001, 131)])
    func everyValueAtItsColumnAndRow(columns: Int, rows: Int) {
        let data: [[Double]] = (0..<columns).map { c in (0..<rows).map { r in Self.value(c, r) } }
        let buffer = SlidingColumns(columns: data)
        #expect(buffer.columnCount == columns)
        #expect(buffer.rowCount == rows)
        var wrong: [Int] = []
        for c in 0..<columns {
            for r in 0..<rows where buffer.value(c, r).bitPattern != Self.value(c, r).bitPattern {
                wrong.append(c)
                break
            }
        }
        #expect(wrong.isEmpty, "columns \(wrong.prefix(5))")
        let stride: Int = buffer.withStorage(row: 0) { _, stride, _ in stride }
        #expect(stride == rows)
    }

    @Test func emptyColumns() {
        let buffer = SlidingColumns(columns: [[], [], []])
        #expect(buffer.columnCount == 3)
        #expect(buffer.rowCount == 0)
    }
}
