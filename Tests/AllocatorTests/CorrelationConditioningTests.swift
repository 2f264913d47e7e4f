import Testing
@testable import Allocator

/// Values whose mean is large relative to their spread, and magnitudes that
/// change by orders of magnitude: one-pass sums lose digits there, so the
/// engine must still match the centred two-pass reference within 1e-12.
@Suite struct CorrelationConditioningTests {
    func gappedAssets(seed: UInt64, rows: Int, assets: Int) -> [[Double]] {
        var gen = GeneratedInputs(seed: seed)
        var columns = gen.assetReturns(rows: rows, assets: assets)
        gen.punchHoles(&columns, rate: 0.08)
        return columns
    }

    @Test(arguments: [(1.0, 1e-4), (100.0, 0.01), (-5.0, 1e-3), (1e-3, 1e-9)])
    func largeMeanRelativeToSpread(level: Double, spread: Double) {
        var assets = gappedAssets(seed: 101, rows: 200, assets: 8)
        for c in 0..<3 {
            assets[c] = assets[c].map { level + $0 * spread / 0.01 }   // mean/std about level/spread
        }
        for w in [20, 60] { expectCorrelationsMatchReference(assets, window: w, "level \(level) spread \(spread)") }
    }

    /// Both members of a pair far from zero, with a shared factor.
    @Test func illConditionedPairsGapFree() {
        var gen = GeneratedInputs(seed: 102)
        var assets = gen.assetReturns(rows: 150, assets: 6)
        for c in 0..<6 { assets[c] = assets[c].map { 10 + $0 * 1e-3 } }
        for w in [20, 60] { expectCorrelationsMatchReference(assets, window: w, "gap-free ill-conditioned") }
    }

    /// A column of price-like levels that becomes a column of returns (and a
    /// one-day bad tick): once the large values leave the window, the result
    /// must not carry their rounding.
    @Test(arguments: [3000.0, 1e6])
    func largeValuesThatLeaveTheWindow(magnitude: Double) {
        var assets = gappedAssets(seed: 103, rows: 260, assets: 7)
        for r in 0..<70 where !assets[0][r].isNaN { assets[0][r] = magnitude * (1 + assets[0][r]) }
        assets[1][130] = magnitude
        for w in [20, 60] { expectCorrelationsMatchReference(assets, window: w, "magnitude \(magnitude)") }
    }
}
