import Testing
@testable import Allocator

/// ``WindowStatistics`` (pandas `rolling(w)` semantics) on hand-made windows,
/// including the awkward ones: all missing, constant, one value, gaps, ±∞.
@Suite struct WindowStatisticsTests {
    static func std(_ x: [Double]) -> Double {
        (x.isEmpty ? [0] : x).withUnsafeBufferPointer { WindowStatistics.sampleStandardDeviation($0.baseAddress!, count: x.count) }
    }

    static func sum(_ x: [Double]) -> Double {
        (x.isEmpty ? [0] : x).withUnsafeBufferPointer { WindowStatistics.sum($0.baseAddress!, count: x.count) }
    }

    @Test func sampleStandardDeviationUsesDdofOne() {
        // 1, 2, 3, 4: mean 2.5, Σ(x − x̄)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, var = 5/3.
        #expect(Self.std([1, 2, 3, 4]) == (5.0 / 3).squareRoot())
        // 0.01, −0.01: mean 0, Σ = 2e-4, var = 2e-4 / 1 → std = √2 · 0.01.
        #expect(abs(Self.std([0.01, -0.01]) - 0.014142135623730951) < 1e-15)
    }

    @Test func constantWindowHasExactlyZeroStd() {
        // pandas reports 0 for a run of identical values (not a rounding residue).
        #expect(Self.std(Array(repeating: 0.1, count: 20)) == 0)
        #expect(Self.std(Array(repeating: -3e-7, count: 60)) == 0)
    }

    @Test func tooFewValuesOrAnyMissingValueGivesMissingStd() {
        #expect(Self.std([]).isNaN)
        #expect(Self.std([0.5]).isNaN, "one value: ddof 1 is undefined")
        #expect(Self.std([.nan, .nan, .nan]).isNaN, "all missing")
        #expect(Self.std([0.01, .nan, 0.02, 0.03]).isNaN, "a gap")
        #expect(Self.std([.nan, 0.01, 0.01]).isNaN, "a gap in an otherwise constant window")
    }

    @Test func infiniteValueMakesStdMissing() {
        // x̄ = ∞ and ∞ − ∞ = NaN in the squared deviations.
        #expect(Self.std([1, .infinity, 2]).isNaN)
        #expect(Self.std([1, -.infinity, 2]).isNaN)
        #expect(Self.std([.infinity, -.infinity]).isNaN)
    }

    @Test func windowSum() {
        // 0.25 + 0.5 − 0.125 = 0.625 (all exact in binary).
        #expect(Self.sum([0.25, 0.5, -0.125]) == 0.625)
        #expect(Self.sum([]) == 0, "empty sum")
        #expect(Self.sum([0.1, .nan, 0.2]).isNaN, "a gap")
        #expect(Self.sum([.nan, .nan]).isNaN, "all missing")
        #expect(Self.sum([1, .infinity]) == .infinity)
        #expect(Self.sum([1, -.infinity]) == -.infinity)
        #expect(Self.sum([.infinity, -.infinity]).isNaN)
    }
}
