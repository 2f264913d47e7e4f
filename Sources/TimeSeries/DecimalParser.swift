#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a decimal number from bytes, correctly rounded.
///
/// Fast path (Clinger): when the significand is an integer ≤ 2^53 (so exact
/// in a `Double`) and the decimal exponent is within ±22, `w · 10^e` (or `w / 10^−e`) is exact in
/// one rounding. Other significands of at most 19 digits are scaled by a
/// 128-bit power of five (``scaled(_:_:_:)``, Eisel–Lemire) where that decides
/// the rounding. Everything else goes through `strtod`, which the caller's
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
        if digits <= 19 && w != 0, let v = scaled(w, exponent) {
            return .value(negative ? -v : v)
        }
        return slowPath(buf, start, end)
    }

    /// The common cell of an artifact, parsed in one pass from `start` with no
    /// search for its end: `[-]digits[.digits][(e|E)[+|-]digits]` with at most 19
    /// significant digits, eight digits at a time (SWAR), and an exponent of at most
    /// four digits; scaled by ``scaled(_:_:_:)`` (Clinger's exact division or
    /// multiplication where that declines). Returns the value and the index of the
    /// first byte after the number, or `nil` for anything else (a sign `+`, `nan`,
    /// more digits, a value no fast path decides), which the caller hands to
    /// ``parse(_:_:_:)``. Where it answers, the value is the one ``parse(_:_:_:)``
    /// gives for the same text (same `w`, same exponent, both correctly rounded).
    /// `powers` is ``PowersOfFive/table`` (a hot loop fetches it once). At least 8
    /// readable bytes must follow any digit.
    @inline(__always)
    static func parseCommon(_ buf: UnsafePointer<UInt8>, _ start: Int,
                            _ powers: UnsafePointer<PowersOfFive.Entry> = PowersOfFive.table) -> (value: Double, end: Int)? {
        var p = buf + start
        let negative = p.pointee == 0x2D
        if negative { p += 1 }
        let first = p
        while p.pointee == 0x30 { p += 1 }
        var w: UInt64 = 0
        let integerStart = p
        p = digitRun(p, &w)
        var significant = p - integerStart
        let integerDigits = p - first
        var exponent = 0
        if p.pointee == 0x2E {
            p += 1
            let fractionStart = p
            if significant == 0 { while p.pointee == 0x30 { p += 1 } }
            let runStart = p
            p = digitRun(p, &w)
            significant &+= p - runStart
            exponent = fractionStart - p
            if integerDigits == 0 && p == fractionStart { return nil }
        } else if integerDigits == 0 {
            return nil
        }
        if significant > 19 { return nil }
        var c = p.pointee
        if c == 0x65 || c == 0x45 {
            p += 1
            let exponentNegative = p.pointee == 0x2D
            if exponentNegative || p.pointee == 0x2B { p += 1 }
            let exponentStart = p
            var e = 0
            while p.pointee &- 0x30 < 10 && p - exponentStart < 4 {
                e = e &* 10 &+ Int(p.pointee &- 0x30)
                p += 1
            }
            if p == exponentStart || p.pointee &- 0x30 < 10 { return nil }
            exponent &+= exponentNegative ? -e : e
            c = p.pointee
        }
        if c == 0x65 || c == 0x45 || c == 0x2E { return nil }
        let end = p - buf
        if w == 0 { return (negative ? -0.0 : 0.0, end) }
        if let v = scaled(w, exponent, powers) { return (negative ? -v : v, end) }
        if w <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            let v = exponent < 0 ? Double(w) / powersOfTen[-exponent] : Double(w) * powersOfTen[exponent]
            return (negative ? -v : v, end)
        }
        return nil
    }

    /// Appends the decimal digits from `start` on to `w` (`w·10 + d` per digit,
    /// wrapping), eight at a time while it can; returns the first non-digit.
    @inline(__always)
    private static func digitRun(_ start: UnsafePointer<UInt8>, _ w: inout UInt64) -> UnsafePointer<UInt8> {
        var p = start
        while true {
            let chunk = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            guard isEightDigits(chunk) else { break }
            w = w &* 100_000_000 &+ eightDigitValue(chunk)
            p += 8
        }
        while p.pointee &- 0x30 < 10 {
            w = w &* 10 &+ UInt64(p.pointee &- 0x30)
            p += 1
        }
        return p
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

    /// `w · 10^q` correctly rounded (Eisel–Lemire), for `w ≠ 0`, or `nil` when the
    /// 128-bit product cannot decide the rounding or the result is not a normal `Double`.
    ///
    /// With `w` normalised to `n = w·2^z ∈ [2^63, 2^64)` and `5^q ≈ T·2^(e−127)`
    /// (``PowersOfFive``, `|T − exact| < 1`), `H = ⌊n·T / 2^64⌋` (two 64×64-bit
    /// products) puts the exact `n·5^q·2^(127−e) / 2^64` in `(H − 1, H + 2)`. Shifted
    /// so its top bit is bit 127 (`H' = H·2^s`, `s ∈ {0, 1}`, the interval widens to
    /// `(H' − 2, H' + 4)`), `H'`'s top 53 bits are the significand and its low 75
    /// bits `m` decide the rounding: below the halfway point `2^74` it rounds down,
    /// above it up, and every real in the interval rounds the same way unless
    /// `|m − 2^74| ≤ 4` (then `nil`: the caller asks `strtod`, as for exact ties).
    /// The value is `significand · 2^(q − z + e − s + 12)`. Transparent: inlined into
    /// the cell loop, where `@inline(__always)` left it a call per cell.
    @_transparent
    static func scaled(_ w: UInt64, _ q: Int, _ powers: UnsafePointer<PowersOfFive.Entry> = PowersOfFive.table) -> Double? {
        guard q >= PowersOfFive.minExponent && q <= PowersOfFive.maxExponent else { return nil }
        let power = powers[q &- PowersOfFive.minExponent]
        let z = w.leadingZeroBitCount
        let n = w << UInt64(z)
        let upper = n.multipliedFullWidth(by: power.high)
        let lower = n.multipliedFullWidth(by: power.low)
        let (sum, carry) = upper.low.addingReportingOverflow(lower.high)
        var high = upper.high &+ (carry ? 1 : 0)
        var low = sum
        let s = Int(1 &- (high >> 63))
        high = high << UInt64(s) | (low >> 63) & UInt64(s)
        low = low << UInt64(s)
        let roundBits = high & 0x7FF
        if (roundBits == 0x400 && low <= 4) || (roundBits == 0x3FF && low >= UInt64.max - 4) { return nil }
        var significand = (high >> 11) &+ (roundBits >= 0x400 ? 1 : 0)
        var biasedExponent = power.exponentBias &- z &- s
        if significand == 1 << 53 {
            significand >>= 1
            biasedExponent += 1
        }
        guard biasedExponent >= 1 && biasedExponent <= 2046 else { return nil }
        return Double(bitPattern: UInt64(biasedExponent) << 52 | (significand & ((1 << 52) - 1)))
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
