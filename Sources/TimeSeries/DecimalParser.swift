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
