import CCSVKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a decimal number from bytes, correctly rounded.
///
/// The general parser, for the cells the reader's common-cell parser
/// (`numbercells_row`, NumberCells.h) declines. Fast path (Clinger): when the
/// significand is an integer ≤ 2^53 (so exact in a `Double`) and the decimal
/// exponent is within ±22, `w · 10^e` (or `w / 10^−e`) is exact in one rounding.
/// Other significands of at most 19 digits are scaled by a 128-bit power of
/// five (``scaled(_:_:_:)``, Eisel–Lemire) where that decides the rounding.
/// Everything else goes through `strtod`, which the caller's buffer supports by
/// ending every field with a non-numeric byte.
enum DecimalParser {
    private static let powersOfTen: [Double] = (0...22).map { e in
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    enum Outcome {
        case value(Double)
        case missing
        case infinite
        case invalid
    }

    /// Parses `buf[start..<end]`; `buf[end]` must be readable (a delimiter or NUL).
    @inline(__always)
    static func parse(_ buf: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
        var i = start
        if i == end { return .missing }
        var negative = false
        let c0 = buf[i]
        if c0 == 0x2D { negative = true; i += 1 } else if c0 == 0x2B { i += 1 }
        var w: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < end, buf[i] &- 0x30 < 10 {
            sawDigit = true
            if digits < 19 {
                w = w &* 10 &+ UInt64(buf[i] &- 0x30)
                if w != 0 { digits += 1 }
            } else {
                exponent += 1
                digits += 1
            }
            i += 1
        }
        if i < end, buf[i] == 0x2E {
            i += 1
            while i < end, buf[i] &- 0x30 < 10 {
                sawDigit = true
                if digits < 19 {
                    w = w &* 10 &+ UInt64(buf[i] &- 0x30)
                    if w != 0 { digits += 1 }
                    exponent -= 1
                } else {
                    digits += 1
                }
                i += 1
            }
        }
        if !sawDigit { return special(buf, start, end) }
        if i < end, buf[i] == 0x65 || buf[i] == 0x45 {
            i += 1
            var expNegative = false
            if i < end, buf[i] == 0x2D { expNegative = true; i += 1 } else if i < end, buf[i] == 0x2B { i += 1 }
            var e = 0
            var sawExp = false
            while i < end, buf[i] &- 0x30 < 10 {
                sawExp = true
                if e < 100_000 { e = e * 10 + Int(buf[i] &- 0x30) }
                i += 1
            }
            if !sawExp { return .invalid }
            exponent += expNegative ? -e : e
        }
        if i != end { return .invalid }
        if digits <= 19 && w <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            var v = Double(w)
            if exponent < 0 { v /= powersOfTen[-exponent] } else { v *= powersOfTen[exponent] }
            return .value(negative ? -v : v)
        }
        if digits <= 19 && w != 0, let v = scaled(w, exponent) {
            return .value(negative ? -v : v)
        }
        return slowPath(buf, start, end)
    }

    /// `w · 10^q` correctly rounded (Eisel–Lemire), for `w ≠ 0`, or `nil` when the
    /// 128-bit product cannot decide the rounding or the result is not a normal
    /// `Double`: `numbercells_scaled` (NumberCells.h states the bounds), the one
    /// implementation, which the reader's common-cell parser inlines.
    static func scaled(_ w: UInt64, _ q: Int, _ powers: UnsafePointer<PowersOfFive.Entry> = PowersOfFive.table) -> Double? {
        var value = 0.0
        return numbercells_scaled(w, q, powers, &value) != 0 ? value : nil
    }

    private static func slowPath(_ buf: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
        var endPtr: UnsafeMutablePointer<CChar>? = nil
        let p = UnsafeRawPointer(buf + start).assumingMemoryBound(to: CChar.self)
        let v = strtod(p, &endPtr)
        let consumed = endPtr.map { UnsafeRawPointer($0) - UnsafeRawPointer(p) } ?? -1
        guard consumed == end - start else { return .invalid }
        if v.isInfinite { return .infinite }
        return .value(v)
    }

    /// `nan`/`NaN`/`NAN` (optionally signed) are missing; `inf`/`infinity` in any case are rejected.
    private static func special(_ buf: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
        var s = start
        if s < end, buf[s] == 0x2D || buf[s] == 0x2B { s += 1 }
        let word = String(decoding: UnsafeBufferPointer<UInt8>(start: buf + s, count: end - s), as: UTF8.self).lowercased()
        switch word {
        case "nan": return .missing
        case "inf", "infinity": return .infinite
        default: return .invalid
        }
    }
}
