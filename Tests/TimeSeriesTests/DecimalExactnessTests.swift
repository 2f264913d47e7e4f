#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCSVKernels
import Testing
@testable import TimeSeries

/// The number parsers (the general ``DecimalParser/parse(_:_:_:)`` and both
/// forms of the common-cell parser of NumberCells.h) and the 128-bit scaling
/// ``DecimalParser/scaled(_:_:_:)`` give exactly `strtod`'s double, bit for bit,
/// on random texts of every shape an artifact holds and many it does not.
/// `ALLOCATOR_EXACTNESS_SCALE=k` multiplies the sample counts (default 1).
@Suite struct DecimalExactnessTests {
    static let scale = Int(String(cString: getenv("ALLOCATOR_EXACTNESS_SCALE") ?? strdup("1"))) ?? 1

    /// A 64-bit linear congruential generator (top bits drawn).
    struct Draws {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let high = state >> 32
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return high << 32 | state >> 32
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// `strtod` of `text`, the reference.
    static func reference(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    /// Parses `text` as a cell with the general parser and with both forms of
    /// the common-cell parser (`numbercells_cell_baseline`, `numbercells_cell_vector`),
    /// the cell placed after a 40-byte row start (so the vector form reads its
    /// 33 bytes before the end) and at the very start of the text (where it
    /// hands the cell to the scalar form), followed by a comma and padding;
    /// records any difference from `strtod`. Returns whether the vector form
    /// answered after the row start.
    @discardableResult
    static func check(_ text: String) -> Bool {
        let expected = reference(text)
        let count = text.utf8.count
        let rowStart = [UInt8](repeating: UInt8(ascii: "7"), count: 39) + [0x2C]
        var answered = false
        for offset in [rowStart.count, 0] {
            var bytes = (offset == 0 ? [] : rowStart) + Array(text.utf8) + [0x2C]
                + [UInt8](repeating: 0, count: CSVReader.padding)
            bytes.withUnsafeMutableBufferPointer { b in
                let base = UnsafePointer(b.baseAddress!)
                if offset == 0 {
                    switch DecimalParser.parse(base, 0, count) {
                    case .value(let v):
                        if v.bitPattern != expected.bitPattern { Issue.record("parse `\(text)` → \(v), strtod \(expected)") }
                    case .infinite:
                        if !expected.isInfinite { Issue.record("parse `\(text)` → infinite, strtod \(expected)") }
                    case .missing, .invalid:
                        Issue.record("parse `\(text)` rejected, strtod \(expected)")
                    }
                }
                let forms = [("baseline", numbercells_cell_baseline), ("vector", numbercells_cell_vector)]
                for (name, cell) in forms {
                    var value = 0.0
                    guard cell(base, base + offset, base + offset + count, PowersOfFive.table, &value) != 0 else { continue }
                    if value.bitPattern != expected.bitPattern {
                        Issue.record("\(name) cell `\(text)` at \(offset) → \(value), strtod \(expected)")
                    }
                    if name == "vector" && offset > 0 { answered = true }
                }
            }
        }
        return answered
    }

    /// Shortest round-trip texts (`description`, as the writer prints) of
    /// random bit patterns, all magnitudes, and of typical returns.
    @Test func shortestRoundTripTextsOfRandomDoubles() {
        var draws = Draws(state: 0x0123_4567_89AB_CDEF)
        var common = 0
        let count = 400_000 * Self.scale
        for k in 0..<count {
            let value: Double
            switch k % 4 {
            case 0: value = Double(bitPattern: draws.next() & 0x7FEF_FFFF_FFFF_FFFF) // any finite magnitude
            case 1: value = Double(bitPattern: draws.next() & 0x000F_FFFF_FFFF_FFFF) // subnormal
            case 2: value = Double(Int64(bitPattern: draws.next()) >> 11) * 0x1p-60 // a return-sized value
            default: value = Double(Int64(bitPattern: draws.next()) >> 11) * 0x1p-52 * 1e-4 // near the exponent-form boundary
            }
            let text = (draws.below(2) == 0 ? -value : value).description
            if Self.check(text) { common += 1 }
        }
        #expect(common > count / 2, "the vector common-cell parser should answer most shortest texts")
    }

    /// 15–20 random significant digits, the decimal point anywhere, random exponents
    /// across the whole range (including halfway cases' neighbourhoods by chance).
    @Test func randomDigitStringsWithRandomExponents() {
        var draws = Draws(state: 0xFEED_FACE_CAFE_BEEF)
        for _ in 0..<(400_000 * Self.scale) {
            let digitCount = 15 + draws.below(6)
            var digits = (0..<digitCount).map { _ in Character(String(draws.below(10))) }
            if digits[0] == "0" { digits[0] = "1" }
            let point = draws.below(digitCount + 1)
            var text = draws.below(2) == 0 ? "-" : ""
            text += point == 0 ? "0" : String(digits[..<point])
            if point < digitCount { text += "." + String(digits[point...]) }
            if draws.below(3) != 0 { text += "e" + String(draws.below(660) - 345) }
            Self.check(text)
        }
    }

    /// `scaled(w, q)` against `strtod("<w>e<q>")` for random 1–19-digit `w` and every `q`
    /// of the power table (nil = declined, allowed only for ties and non-normal results).
    @Test func scaledAgreesOverTheWholeTable() {
        var draws = Draws(state: 0x5EED)
        var declined = 0
        for q in PowersOfFive.minExponent...PowersOfFive.maxExponent {
            for _ in 0..<(200 * Self.scale) {
                let digits = 1 + draws.below(19)
                var w: UInt64 = 0
                for _ in 0..<digits { w = w &* 10 &+ UInt64(draws.below(10)) }
                if w == 0 { w = 1 }
                let expected = Self.reference("\(w)e\(q)")
                guard let v = DecimalParser.scaled(w, q) else {
                    declined += 1
                    Self.check("\(w)e\(q)") // the general parser still answers exactly
                    continue
                }
                if v.bitPattern != expected.bitPattern { Issue.record("scaled(\(w), \(q)) → \(v), strtod \(expected)") }
            }
        }
        // Declines are the subnormal/overflow ends of the table (and exact ties, never drawn here).
        #expect(declined < 651 * 200 * Self.scale / 5)
    }

    /// Exact halfway cases and their neighbours: strtod decides ties (to even).
    @Test func halfwayCasesAndBoundaries() {
        let texts = ["9007199254740993", "9007199254740993.0000000001", "9007199254740992.9999999999",
                     "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
                     "4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                     "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
                     "0.1", "0.2", "0.3", "1e23", "8.98846567431158e307", "123456789012345678e-5",
                     "1.00000000000000011102230246251565404236316680908203125",
                     "1.0000000000000001110223024625156540423631668090820312", "7.3177701707893310e15",
                     "1e-342", "1e-343", "1e308", "1e-22", "1e22", "1e-23", "1e23", "4503599627370496.5",
                     "4503599627370497.5", "9223372036854775807", "9223372036854775808", "18446744073709551615",
                     "0.000000000000000000000000000000000000001", "1E-5", "1e+05", "-0.0", "0e-400", "0e400"]
        for text in texts { Self.check(text) }
    }

    /// For `0 ≤ q ≤ 55` the table holds `5^q` exactly, shifted to 128 bits.
    @Test func exactPowersOfFive() {
        var power: UInt128 = 1
        for q in 0...55 {
            let entry = PowersOfFive.entries[q - PowersOfFive.minExponent]
            let shifted = power << UInt128(power.leadingZeroBitCount)
            #expect(UInt64(truncatingIfNeeded: shifted >> 64) == entry.high && UInt64(truncatingIfNeeded: shifted) == entry.low, "5^\(q)")
            if q < 55 { power *= 5 }
        }
    }
}
