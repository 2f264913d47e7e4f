import AllocatorTestSupport
import Backtest
import Testing
@testable import Allocator

/// Many small random panels mixing every awkward column shape (zero runs,
/// constant levels, large means, outliers, sparse and blocked gaps), both
/// windows, every row, against the naive reference.
@Suite struct CorrelationFuzzTests {
    static func panel(seed: UInt64) -> [[Double]] {
        var rng = RandomSource(seed: seed)
        let rows = 61 + rng.integer(below: 100)
        let assets = 2 + rng.integer(below: 8)
        let rate = [0.0, 0.02, 0.1, 0.3, 0.6][rng.integer(below: 5)]
        return (0..<assets).map { _ -> [Double] in
            var column = (0..<rows).map { _ in 0.01 * rng.normal() }
            switch rng.integer(below: 9) {
            case 0: column = column.map { rng.chance(0.85) ? 0 : $0 }                      // mostly zero
            case 1: column = Array(repeating: [0.0, 0.003, -1.5][rng.integer(below: 3)], count: rows)
            case 2: column = column.map { 100 + $0 * 1e-2 }                                 // large mean
            case 3: column[rng.integer(below: rows)] = 5e3 * (rng.chance(0.5) ? 1 : -1)   // outlier
            case 4: let s = rng.integer(below: rows); for r in s..<min(rows, s + 25) { column[r] = 0 }
            case 5: let s = rng.integer(below: rows); for r in 0..<s { column[r] = .nan }
            case 6: let s = rng.integer(below: rows); for r in s..<min(rows, s + 30) { column[r] = .nan }
            case 7: column = column.map { rng.chance(0.8) ? .nan : $0 }                   // sparse
            default: break
            }
            return column.map { rng.chance(rate) ? .nan : $0 }
        }
    }

    @Test(arguments: 0..<80)
    func randomPanels(seed: Int) {
        let assets = Self.panel(seed: UInt64(1000 + seed))
        for w in [20, 60] { expectCorrelationsMatchReference(assets, window: w, "seed \(seed)") }
    }
}
