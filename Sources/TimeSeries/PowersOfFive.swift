import CCSVKernels

/// 128-bit approximations of the powers of five `5^q`, `q ∈ −342…325` (every
/// decimal exponent a finite, nonzero `Double` can need, `−342…308`, and the
/// powers up to 5^325 the number writer reads for subnormals), computed once
/// at first use with exact multi-word integer arithmetic:
///
/// `5^q ≈ T · 2^(e − 127)`, `T = high · 2^64 + low ∈ [2^127, 2^128)`, `e = ⌊log₂ 5^q⌋`,
/// with `|T − 5^q · 2^(127 − e)| < 1` (T is the truncation of the exact value;
/// exact for `0 ≤ q ≤ 55`). For `q < 0`, `T = ⌊⌊2^B / 5^−q⌋ / 2^k⌋ = ⌊2^(B−k) / 5^−q⌋`
/// (nested floor divisions by integers equal one floor division by their product).
struct PowersOfFive {
    /// One power: its 128 bits and the biased binary exponent of `1 · 10^q` scaled as
    /// ``DecimalParser/scaled(_:_:_:)`` uses it (`e + q + 1087`); the C type, which
    /// the cell parser of `CCSVKernels` reads.
    typealias Entry = NumberCellsPower

    static let minExponent = Int(NUMBERCELLS_MIN_EXPONENT)
    /// The highest decimal exponent a parsed number can have.
    static let maxExponent = Int(NUMBERCELLS_MAX_EXPONENT)
    /// The highest power in the table (`NUMBERTEXT_MAXIMUM_POWER`, NumberText.h).
    static let tableMaxExponent = max(maxExponent, Int(NUMBERTEXT_MAXIMUM_POWER))

    /// ``entries`` in memory that lives as long as the process, for hot loops that
    /// fetch it once (`table[q − minExponent]`) instead of at every use (never
    /// written after its initialisation, so shared freely).
    nonisolated(unsafe) static let table: UnsafePointer<Entry> = {
        let memory = UnsafeMutablePointer<Entry>.allocate(capacity: entries.count)
        memory.initialize(from: entries, count: entries.count)
        return UnsafePointer(memory)
    }()

    /// `entries[q − minExponent]` approximates `5^q`.
    static let entries: [Entry] = {
        var entries = [Entry](repeating: Entry(high: 0, low: 0, exponent_bias: 0), count: tableMaxExponent - minExponent + 1)
        // q ≥ 0: 5^q exactly, multiplied up one factor of five at a time.
        var power: [UInt64] = [1]
        for q in 0...tableMaxExponent {
            let (high, low, bits) = top128(power)
            entries[q - minExponent] = Entry(high: high, low: low, exponent_bias: Int64((bits - 1) + q + 1087))
            multiply(&power, by: 5)
        }
        // q < 0: ⌊2^B / 5^−q⌋ by repeated exact floor division by five; B keeps ≥ 128 bits at q = −342.
        let b = 1152
        var quotient = [UInt64](repeating: 0, count: b / 64 + 1)
        quotient[b / 64] = 1
        for p in 1...(-minExponent) {
            divideByFive(&quotient)
            let (high, low, bits) = top128(quotient)
            let q = -p
            entries[q - minExponent] = Entry(high: high, low: low, exponent_bias: Int64((bits - 1 - b) + q + 1087))
        }
        return entries
    }()

    /// The 128 most significant bits of the little-endian word array `x` (shifted up
    /// when it has fewer), and its bit length.
    private static func top128(_ x: [UInt64]) -> (high: UInt64, low: UInt64, bits: Int) {
        var top = x.count - 1
        while top > 0 && x[top] == 0 { top -= 1 }
        let bits = 64 * top + (64 - x[top].leadingZeroBitCount)
        func word(_ i: Int) -> UInt64 { i >= 0 && i < x.count ? x[i] : 0 }
        let shift = bits - 128
        if shift < 0 { // at most two words: shift the whole value up
            let s = UInt64(-shift)
            let value = (high: word(1), low: word(0))
            if s >= 64 { return (value.low << (s - 64), 0, bits) }
            return (value.high << s | value.low >> (64 - s), value.low << s, bits)
        }
        let index = shift / 64, offset = UInt64(shift % 64)
        if offset == 0 { return (word(index + 1), word(index), bits) }
        let low = word(index) >> offset | word(index + 1) << (64 - offset)
        let high = word(index + 1) >> offset | word(index + 2) << (64 - offset)
        return (high, low, bits)
    }

    private static func multiply(_ x: inout [UInt64], by m: UInt64) {
        var carry: UInt64 = 0
        for i in x.indices {
            let (high, low) = x[i].multipliedFullWidth(by: m)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            x[i] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { x.append(carry) }
    }

    /// `x = ⌊x / 5⌋`, 32 bits at a time (each step's dividend stays below 5 · 2^32).
    private static func divideByFive(_ x: inout [UInt64]) {
        var remainder: UInt64 = 0
        for i in x.indices.reversed() {
            let upper = remainder << 32 | x[i] >> 32
            let lower = (upper % 5) << 32 | (x[i] & 0xFFFF_FFFF)
            x[i] = (upper / 5) << 32 | lower / 5
            remainder = lower % 5
        }
        if x.count > 1 && x[x.count - 1] == 0 { x.removeLast() }
    }
}
