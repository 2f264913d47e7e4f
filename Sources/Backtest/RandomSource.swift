#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small deterministic pseudo-random source: xoshiro256** seeded through
/// SplitMix64, with Box–Muller normals. The same seed gives the same stream
/// on every platform (no Foundation or system randomness).
///
/// - SplitMix64: `z = (s += 0x9E3779B97F4A7C15)`, then
///   `z = (z ^ z>>30)·0xBF58476D1CE4E5B9`, `z = (z ^ z>>27)·0x94D049BB133111EB`, `z ^ z>>31`.
/// - xoshiro256**: output `rotl(s1·5, 7)·9`, then the xor-shift state update.
/// - Uniform in [0, 1): the top 53 bits · 2⁻⁵³.
/// - Normal: Box–Muller, `√(−2 ln u₁)·cos(2π u₂)` and its `sin` twin (cached).
package struct RandomSource: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var spareNormal: Double?

    /// A stream determined entirely by `seed`.
    package init(seed: UInt64) {
        var sm = seed
        func splitMix(_ state: inout UInt64) -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&sm); s1 = splitMix(&sm); s2 = splitMix(&sm); s3 = splitMix(&sm)
    }

    /// The next 64 random bits.
    @inline(__always)
    package mutating func next() -> UInt64 {
        let x = s1 &* 5
        let result = (x << 7 | x >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    @inline(__always)
    package mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// An integer uniform in `0..<bound` (bound > 0), by multiply-shift.
    package mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Standard normal N(0, 1) by Box–Muller.
    package mutating func normal() -> Double {
        if let spare = spareNormal { spareNormal = nil; return spare }
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        let radius = (-2.0 * log(u1)).squareRoot()
        let angle = 2.0 * Double.pi * u2
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }
}
