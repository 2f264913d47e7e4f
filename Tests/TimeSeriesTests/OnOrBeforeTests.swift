import Testing
@testable import TimeSeries

/// "The last date on or before": the forward cursor and the two Alignment forms.
@Suite struct OnOrBeforeTests {
    static func d(_ day: Int) -> TradingDate { TradingDate("2024-01-\(day < 10 ? "0" : "")\(day)")! }
    static let source = [d(2), d(5), d(9)]

    @Test func cursorWalksForward() {
        var cursor = OnOrBeforeCursor(dates: Self.source)
        #expect(cursor.row(onOrBefore: Self.d(1)) == nil)
        #expect(cursor.row(onOrBefore: Self.d(2)) == 0)
        #expect(cursor.row(onOrBefore: Self.d(4)) == 0)
        #expect(cursor.row(onOrBefore: Self.d(4)) == 0)
        #expect(cursor.row(onOrBefore: Self.d(9)) == 2)
        #expect(cursor.row(onOrBefore: Self.d(31)) == 2)
        var empty = OnOrBeforeCursor(dates: [])
        #expect(empty.row(onOrBefore: Self.d(3)) == nil)
    }

    @Test func alignmentForms() {
        #expect(Alignment.lastOnOrBefore([Self.d(1), Self.d(5), Self.d(6), Self.d(10)], in: Self.source) == [-1, 1, 1, 2])
        #expect(Alignment.lastOnOrBefore(date: Self.d(1), in: Self.source) == nil)
        #expect(Alignment.lastOnOrBefore(date: Self.d(5), in: Self.source) == 1)
        #expect(Alignment.lastOnOrBefore(date: Self.d(8), in: Self.source) == 1)
        #expect(Alignment.lastOnOrBefore(date: Self.d(20), in: Self.source) == 2)
    }
}
