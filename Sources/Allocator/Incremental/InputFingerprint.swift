/// FNV-1a (64-bit) fingerprint of the aligned inputs an engine has consumed,
/// so an update can tell whether the past it built on is still the past.
package struct InputFingerprint: Sendable, Equatable {
    package private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    package init() {}

    @inline(__always)
    mutating func mix(word: UInt64) {
        var w = word
        for _ in 0..<8 {
            value ^= w & 0xFF
            value = value &* 0x0000_0100_0000_01B3
            w >>= 8
        }
    }

    /// Mixes a text (column names).
    package mutating func mix(_ text: String) {
        for b in text.utf8 { mix(word: UInt64(b)) }
        mix(word: 0xFF)
    }

    /// Mixes one value by its bit pattern (every NaN alike).
    @inline(__always)
    package mutating func mix(_ x: Double) {
        mix(word: x.isNaN ? Double.nan.bitPattern : x.bitPattern)
    }

    /// Hexadecimal text, as stored in a snapshot.
    package var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
