#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a decimal number from bytes, correctly rounded.
///
/// Fast path (Clinger): when the significand is an integer ≤ 2^53 (so exact
/// in a `Double`) and the decimal exponent is within ±22, `w · 10^e` (or `w / 10^−e`) is exact in
/// one rounding. Everything else goes through `strtod`, which the caller's
/// buffer supports by ending every field with a non-numeric byte.
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
        if digits <= 19 && exponent < 0 && exponent >= -19, let v = dividedByPowerOfTen(w, -exponent) {
            return .value(negative ? -v : v)
        }
        return slowPath(buf, start, end)
    }

    /// The common cell of an artifact, parsed in one pass from `start` with no
    /// search for its end: `[-]digits[.digits]` with at most 19 significant
    /// digits, eight digits at a time (SWAR). Returns the value and the index of
    /// the first byte after the number, or `nil` for anything else (a sign `+`,
    /// an exponent, `nan`, more digits, a value outside both exact paths), which
    /// the caller hands to ``parse(_:_:_:)``. Where it answers, the value is the
    /// one ``parse(_:_:_:)`` gives for the same text (same `w`, same exponent,
    /// same exact path). At least 8 readable bytes must follow any digit.
    @inline(__always)
    static func parseCommon(_ buf: UnsafePointer<UInt8>, _ start: Int) -> (value: Double, end: Int)? {
        var i = start
        let negative = buf[i] == 0x2D
        if negative { i += 1 }
        let first = i
        while buf[i] == 0x30 { i += 1 }
        var w: UInt64 = 0
        var significant = 0
        var exponent = 0
        var run = digitRun(buf, i, &w)
        significant = run
        i += run
        let integerDigits = i - first
        if buf[i] == 0x2E {
            i += 1
            let fractionStart = i
            if significant == 0 { while buf[i] == 0x30 { i += 1 } }
            run = digitRun(buf, i, &w)
            significant += run
            i += run
            exponent = fractionStart - i
            if integerDigits == 0 && i == fractionStart { return nil }
        } else if integerDigits == 0 {
            return nil
        }
        if significant > 19 { return nil }
        let c = buf[i]
        if c == 0x65 || c == 0x45 || c == 0x2E { return nil }
        if w <= (1 << 53) && exponent >= -22 {
            let v = Double(w) / powersOfTen[-exponent]
            return (negative ? -v : v, i)
        }
        if exponent < 0 && exponent >= -19, let v = dividedByPowerOfTen(w, -exponent) {
            return (negative ? -v : v, i)
        }
        return nil
    }

    /// Appends the decimal digits at `buf[i...]` to `w` (`w·10 + d` per digit,
    /// wrapping) and returns how many there were.
    @inline(__always)
    private static func digitRun(_ buf: UnsafePointer<UInt8>, _ start: Int, _ w: inout UInt64) -> Int {
        var i = start
        while true {
            let chunk = UnsafeRawPointer(buf + i).loadUnaligned(as: UInt64.self)
            guard isEightDigits(chunk) else { break }
            w = w &* 100_000_000 &+ eightDigitValue(chunk)
            i += 8
        }
        while buf[i] &- 0x30 < 10 {
            w = w &* 10 &+ UInt64(buf[i] &- 0x30)
            i += 1
        }
        return i - start
    }

    /// Whether all eight bytes (little-endian) are ASCII digits.
    @inline(__always)
    private static func isEightDigits(_ v: UInt64) -> Bool {
        ((v & 0xF0F0_F0F0_F0F0_F0F0) | (((v &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4))
            == 0x3333_3333_3333_3333
    }

    /// The number written by eight ASCII digits (first byte most significant).
    @inline(__always)
    private static func eightDigitValue(_ chunk: UInt64) -> UInt64 {
        var v = chunk &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8)
        let high = (v & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
        let low = ((v >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))
        return (high &+ low) >> 32
    }

    private static let integerPowersOfTen: [UInt64] = (0...19).map { e in
        var p: UInt64 = 1
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// `w / 10^k` correctly rounded (round half to even), for `w < 2^64`, `1 ≤ k ≤ 19`,
    /// by exact integer division: with `w` normalised to `N = w·2^z ∈ [2^63, 2^64)`
    /// and `D = 10^k < 2^t`, the 64-bit quotient `Q = ⌊N·2^(t−1) / D⌋` has 63–64
    /// significant bits; its top 53 bits, the next bit and a sticky bit (the
    /// rest of `Q` and the remainder) round exactly. `nil` outside the normal range.
    @inline(__always)
    static func dividedByPowerOfTen(_ w: UInt64, _ k: Int) -> Double? {
        if w == 0 { return 0 }
        let z = w.leadingZeroBitCount
        let n = w << UInt64(z)
        let d = integerPowersOfTen[k]
        let t = 64 - d.leadingZeroBitCount
        let s = t - 1
        let high = s == 0 ? 0 : n >> UInt64(64 - s)
        let low = s == 0 ? n : n << UInt64(s)
        let (q, r) = d.dividingFullWidth((high: high, low: low))
        let bits = 64 - q.leadingZeroBitCount
        var shift = bits - 53
        var mantissa = q >> UInt64(shift)
        let roundBit = (q >> UInt64(shift - 1)) & 1
        let sticky = (q & ((1 << UInt64(shift - 1)) - 1)) != 0 || r != 0
        if roundBit == 1 && (sticky || mantissa & 1 == 1) {
            mantissa += 1
            if mantissa == 1 << 53 { mantissa >>= 1; shift += 1 }
        }
        let exponent2 = shift - s - z
        guard exponent2 > -1000 && exponent2 < 900 else { return nil }
        return Double(sign: .plus, exponent: exponent2, significand: Double(mantissa))
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
