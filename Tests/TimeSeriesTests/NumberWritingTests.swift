#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import TimeSeries

/// The writer's in-place number text (``CSVWriter/writeNumber(_:_:_:)``, also
/// ``Swift/Double/pythonRepr``) is byte for byte Python's `repr` as derived here
/// from Swift's `description` (its digits, and Python's integers below 1e16) on
/// random bit patterns and on every formatting boundary.
/// `ALLOCATOR_EXACTNESS_SCALE=k` multiplies the random sample count (default 1).
@Suite struct NumberWritingTests {
    static func written(_ value: Double) -> String {
        var out: [UInt8] = []
        CSVWriter.appendNumber(&out, value)
        return String(decoding: out, as: UTF8.self)
    }

    /// Python's `repr` of a non-NaN value from `description`: Swift's shortest
    /// round-trip digits, except between 2^53 and 1e16, where Swift already
    /// switches to exponent notation and Python still writes the number in full
    /// (`9999999999999998.0`); every double there is an integer, and its shortest
    /// round-trip digits are exactly that integer.
    static func descriptionRepr(_ value: Double) -> String {
        let m = value.magnitude
        if m > 9_007_199_254_740_992 && m < 1e16 { return String(Int64(value)) + ".0" }
        return value.description
    }

    static func expectSame(_ value: Double) {
        let expected = value.isNaN ? "" : descriptionRepr(value)
        let got = written(value)
        if got != expected { Issue.record("\(value.bitPattern): wrote `\(got)`, pythonRepr `\(expected)`") }
        if !value.isNaN && value.pythonRepr != expected {
            Issue.record("\(value.bitPattern): pythonRepr `\(value.pythonRepr)`, expected `\(expected)`")
        }
    }

    @Test func randomBitPatterns() {
        var draws = DecimalExactnessTests.Draws(state: 0xA5A5_5A5A_0F0F_F0F0)
        for k in 0..<(1_000_000 * DecimalExactnessTests.scale) {
            let bits = draws.next()
            switch k % 3 {
            case 0: Self.expectSame(Double(bitPattern: bits)) // anything, NaN and infinities included
            case 1: Self.expectSame(Double(Int64(bitPattern: bits) >> 11) * 0x1p-60) // return-sized
            default: Self.expectSame(Double(bitPattern: (bits & 0x800F_FFFF_FFFF_FFFF) | UInt64(1023 - 60 + Int(bits >> 52 & 127)) << 52))
            }
        }
    }

    /// Subnormals, the extremes, powers of ten and their neighbours (the 1e-5 / 1e-4
    /// and 1e16 switches between fixed and exponent notation), 2^53 and integers.
    @Test func boundaries() {
        var values: [Double] = [0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                                .infinity, -.infinity, .nan, 1, -1, 0.1, 0.5, 1.5, 2, 10, 100, 123456789,
                                9_007_199_254_740_992, 9_007_199_254_740_993, 9_007_199_254_740_994,
                                9_999_999_999_999_998, 1e16, 1.0000000000000002e16, 0x1p-1074 * 3]
        for e in -324...308 {
            guard let p = Double("1e\(e)") else { continue }
            values += [p, p.nextUp, p.nextDown, 5 * p, 9.999999999999999 * p]
        }
        for e in -1074...1023 {
            let p = Double(sign: .plus, exponent: e, significand: 1)
            values += [p, p.nextUp, p.nextDown]
        }
        for v in values { Self.expectSame(v); Self.expectSame(-v) }
    }

    /// Short dyadic values `n · 2^k`, whose decimal expansions end exactly
    /// (ties and trailing zeros in the shortest-digit search), and large
    /// integers `n · 10^k`.
    @Test func exactValues() {
        for n in stride(from: 1, through: 4001, by: 2) {
            for k in -80...80 { Self.expectSame(Double(n) * Double(sign: .plus, exponent: k, significand: 1)) }
            for k in 0...22 { Self.expectSame(Double(n) * pow(10, Double(k))) }
        }
    }

    /// Whole panels: the encoded text is the header, `YYYY-MM-DD` dates and
    /// each cell's repr (``descriptionRepr(_:)``, empty for NaN), joined as
    /// before. The larger panels are encoded in two halves on two threads
    /// (``CSVWriter/parallelCells``): an odd row count, and one row.
    @Test(arguments: [(300, 7), (3_001, 7), (1, 12_000)])
    func encodedPanelMatchesCellTexts(rows: Int, width: Int) {
        var draws = DecimalExactnessTests.Draws(state: 77)
        let dates = (0..<rows).map { TradingDate(daysSinceEpoch: Int32(-25_000 + $0 * 7)) }
        let columns = (0..<width).map { c in
            dates.indices.map { _ -> Double in
                let bits = draws.next()
                if c == 0 { return bits % 5 == 0 ? .nan : Double(Int64(bitPattern: bits) >> 11) * 0x1p-60 }
                return Double(bitPattern: bits)
            }
        }
        let panel = Panel(dates: dates, names: (0..<width).map { "c\($0)" }, columns: columns)
        #expect((rows * width >= CSVWriter.parallelCells) == (rows != 300), "the cases cover both ways of encoding")
        var expected = "date," + panel.names.joined(separator: ",") + "\n"
        for r in dates.indices {
            expected += dates[r].description
            for c in columns.indices { expected += "," + (columns[c][r].isNaN ? "" : Self.descriptionRepr(columns[c][r])) }
            expected += "\n"
        }
        let got = CSVWriter.encode(panel), want = Array(expected.utf8)
        if got != want {
            let at = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
            Issue.record("\(rows) × \(width): \(got.count) bytes, expected \(want.count); first difference at byte \(at)")
        }
    }
}
