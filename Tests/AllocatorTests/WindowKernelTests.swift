import Backtest
import CKernels
import Testing
@testable import Allocator

/// The four-window C kernels the batch measures with (`WindowKernels.h`),
/// dispatched (AVX2 where the CPU has it) and baseline, against the
/// one-window Swift kernels of the per-row engine: each lane has the bits of
/// the scalar kernel on its own window, for every length (tails of 1–3), with
/// negative zeros, huge and tiny values, and — for the accumulation —
/// inactive lanes that must leave their accumulators alone.
@Suite struct WindowKernelTests {
    static func values(seed: UInt64, count: Int) -> [Double] {
        var rng = RandomSource(seed: seed)
        return (0..<count).map { t in
            switch t % 11 {
            case 3: return -0.0
            case 7: return 1e150 * rng.normal()
            case 9: return 1e-300 * rng.normal()
            default: return 0.01 * rng.normal() + 0.001
            }
        }
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool { a.map(\.bitPattern) == b.map(\.bitPattern) }

    @Test(arguments: 1...14)
    func sumsAndDeviationsMatchTheScalarKernels(length n: Int) {
        let x = Self.values(seed: UInt64(n), count: n + 3)
        let mean = [0.3, -0.002, 0.0, 1e149]
        x.withUnsafeBufferPointer { b in
            let p = b.baseAddress!
            let sums = (0..<4).map { Kernels.sum(p + $0, n) }
            let deviations = (0..<4).map { Kernels.squaredDeviations(p + $0, n, mean: mean[$0]) }
            for (sum, deviation) in [(kernels_window_sums, kernels_window_squared_deviations),
                                     (kernels_window_sums_baseline, kernels_window_squared_deviations_baseline)] {
                var out = [Double](repeating: 7, count: 4)
                sum(p, n, &out)
                #expect(Self.same(out, sums), "n=\(n)")
                deviation(p, n, mean, &out)
                #expect(Self.same(out, deviations), "n=\(n)")
            }
        }
    }

    @Test(arguments: 1...14)
    func accumulationMatchesTheScalarKernelLaneByLane(length n: Int) {
        let x = Self.values(seed: 100 + UInt64(n), count: n + 3)
        let start = Self.values(seed: 200 + UInt64(n), count: 4 * n).map { abs($0) }
        let mean = [0.001, -0.0004, 0.02, 0.0], scale = [37.5, 1 / 0.07, -3.0, 1e-150]
        for active: [Double] in [[1, 1, 1, 1], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]] {
            var expected = start
            var expectedDots = [Double](repeating: 0, count: 4)
            for l in 0..<4 where active[l] == 1 {
                var lane = (0..<n).map { start[4 * $0 + l] }
                expectedDots[l] = x.withUnsafeBufferPointer { b in
                    lane.withUnsafeMutableBufferPointer {
                        Kernels.accumulateStandardised(b.baseAddress! + l, n, mean: mean[l], scale: scale[l],
                                                       into: $0.baseAddress!)
                    }
                }
                for t in 0..<n { expected[4 * t + l] = lane[t] }
            }
            let lanes = (0..<4).map { l in (0..<n).map { expected[4 * $0 + l] } }
            let expectedSquares = lanes.map { lane in lane.withUnsafeBufferPointer { Kernels.sumOfSquares($0.baseAddress!, n) } }
            for (accumulate, squares) in [(kernels_window_accumulate_standardised, kernels_interleaved_sums_of_squares),
                                          (kernels_window_accumulate_standardised_baseline,
                                           kernels_interleaved_sums_of_squares_baseline)] {
                var acc = start
                var dots = [Double](repeating: 7, count: 4)
                accumulate(x, n, mean, scale, active, &acc, &dots)
                #expect(Self.same(acc, expected), "n=\(n) active \(active)")
                #expect(Self.same(dots, expectedDots), "n=\(n) active \(active)")
                var totals = [Double](repeating: 7, count: 4)
                squares(acc, n, &totals)
                #expect(Self.same(totals, expectedSquares), "n=\(n)")
            }
        }
    }

    /// `kernels_window_statistics` against ``ColumnWindow/measure(_:_:)`` lane by lane:
    /// mean, norm, kept and `1/norm` bit for bit, on ordinary windows, a constant
    /// one (not kept), tiny values near the minimum deviation, and with a NaN in
    /// one lane (returns 0).
    @Test(arguments: 2...14)
    func statisticsMatchColumnWindow(length n: Int) {
        let minimum = AveragePairwiseCorrelation.minimumStandardDeviation
        let ordinary = Self.values(seed: 300 + UInt64(n), count: n + 3)
        let constant = [Double](repeating: 0.0125, count: n + 3)
        let threshold = (0..<(n + 3)).map { $0 % 2 == 0 ? minimum : -minimum }
        var gapped = ordinary
        gapped[n - 1] = .nan
        for (label, x) in [("ordinary", ordinary), ("constant", constant), ("threshold", threshold), ("gap", gapped)] {
            x.withUnsafeBufferPointer { b in
                let p = b.baseAddress!
                let expected = (0..<4).map { ColumnWindow.measure(p + $0, n) }
                let anyGap = expected.contains { $0.gapped }
                for statistics in [kernels_window_statistics, kernels_window_statistics_baseline] {
                    var sums = [Double](repeating: 7, count: 4), means = sums, norms = sums, scales = sums, kept = sums
                    let done = statistics(p, n, minimum, &sums, &means, &norms, &scales, &kept)
                    #expect(Self.same(sums, (0..<4).map { Kernels.sum(p + $0, n) }), "\(label) n=\(n)")
                    if anyGap {
                        #expect(done == 0 && means == [7, 7, 7, 7], "\(label) n=\(n)")
                        continue
                    }
                    #expect(done == 1, "\(label) n=\(n)")
                    #expect(Self.same(means, expected.map(\.mean)), "\(label) n=\(n)")
                    #expect(Self.same(norms, expected.map(\.norm)), "\(label) n=\(n)")
                    #expect(Self.same(scales, expected.map { 1 / $0.norm }), "\(label) n=\(n)")
                    #expect(kept == expected.map { $0.kept ? 1 : 0 }, "\(label) n=\(n)")
                }
            }
        }
    }

    /// `kernels_window_gapped`: per lane, the present values' count, `Σx`,
    /// `Σx²` in row order and then `Σ(x − x̄)²` — written out here as scalar
    /// loops that skip the missing values — for windows with a few, most and
    /// all values missing, one present, and the rest of ``values(seed:count:)``;
    /// and the windows built from them are ``ColumnWindow/gapped(_:_:_:)``'s.
    @Test(arguments: [2, 3, 7, 20, 60])
    func gappedSumsAreTheFormula(length n: Int) {
        var rng = RandomSource(seed: 500 + UInt64(n))
        let base = Self.values(seed: 600 + UInt64(n), count: n + 3)
        let cases: [(String, [Double])] = [
            ("few missing", base.map { rng.chance(0.1) ? .nan : $0 }),
            ("most missing", base.map { rng.chance(0.8) ? .nan : $0 }),
            ("all missing", [Double](repeating: .nan, count: n + 3)),
            ("one present", (0..<(n + 3)).map { $0 == 2 ? 0.02 : .nan }),
            ("constant with a gap", (0..<(n + 3)).map { $0 == 1 ? .nan : 0.0125 }),
        ]
        func bitsEqual(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
        for (label, x) in cases {
            x.withUnsafeBufferPointer { b in
                let p = b.baseAddress!
                for gapped in [kernels_window_gapped, kernels_window_gapped_baseline] {
                    var counts = [Double](repeating: 7, count: 4), sums = counts, squares = counts, deviations = counts
                    gapped(p, n, &counts, &sums, &squares, &deviations)
                    for l in 0..<4 {
                        var c = 0.0, s = 0.0, q = 0.0
                        for t in 0..<n where !x[l + t].isNaN {
                            c += 1
                            s += x[l + t]
                            q += x[l + t] * x[l + t]
                        }
                        let mean = s / c
                        var ss = 0.0
                        for t in 0..<n where !x[l + t].isNaN {
                            let d = x[l + t] - mean
                            ss += d * d
                        }
                        #expect(bitsEqual(counts[l], c) && bitsEqual(sums[l], s) && bitsEqual(squares[l], q)
                                && bitsEqual(deviations[l], ss), "\(label) n=\(n) lane \(l)")
                        let built = ColumnWindow.gapped(count: counts[l], sum: sums[l], squares: squares[l],
                                                        squaredDeviations: deviations[l])
                        let reference = ColumnWindow.gapped(p + l, p + l, n).0
                        #expect(built.kept == reference.kept && built.gapped && bitsEqual(built.mean, reference.mean)
                                && bitsEqual(built.norm, reference.norm)
                                && bitsEqual(built.gappedSquares, reference.gappedSquares), "\(label) n=\(n) lane \(l)")
                    }
                }
            }
        }
    }

    /// The kept test is `√(Σ(x − x̄)²/(n − 1)) > minimum`, strictly: with the
    /// minimum set to a window's own deviation it is not kept, one ulp below it is.
    @Test(arguments: 2...14)
    func keptThresholdIsStrict(length n: Int) {
        let x = Self.values(seed: 400 + UInt64(n), count: n + 3).map { $0.magnitude < 1e100 && $0.magnitude > 1e-100 ? $0 : 0.003 }
        x.withUnsafeBufferPointer { b in
            let p = b.baseAddress!
            let deviations = (0..<4).map { l -> Double in
                let mean = Kernels.sum(p + l, n) / Double(n)
                return (Kernels.squaredDeviations(p + l, n, mean: mean) / Double(n - 1)).squareRoot()
            }
            for statistics in [kernels_window_statistics, kernels_window_statistics_baseline] {
                for l in 0..<4 {
                    for (minimum, expected) in [(deviations[l], 0.0), (deviations[l].nextDown, 1.0)] {
                        var sums = [Double](repeating: 7, count: 4), means = sums, norms = sums, scales = sums, kept = sums
                        #expect(statistics(p, n, minimum, &sums, &means, &norms, &scales, &kept) == 1)
                        #expect(kept[l] == expected, "n=\(n) lane \(l) minimum \(minimum)")
                    }
                }
            }
        }
    }
}
