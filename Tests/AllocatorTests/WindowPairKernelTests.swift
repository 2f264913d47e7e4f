import Backtest
import Testing
@testable import Allocator

/// The two-window kernels the batch measures with (``Kernels/windowPairSums(_:_:)``
/// and its siblings) against the one-window kernels of the per-row engine: each
/// lane has the bits of the scalar kernel on its own window, for every length
/// (tails of 1–3), with negative zeros, huge and tiny values, and — for the
/// accumulation — inactive lanes that must leave their accumulator alone.
@Suite struct WindowPairKernelTests {
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

    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern }

    @Test(arguments: 1...14)
    func sumsAndDeviationsMatchTheScalarKernels(length n: Int) {
        let x = Self.values(seed: UInt64(n), count: n + 1)
        x.withUnsafeBufferPointer { b in
            let p = b.baseAddress!
            let sums = Kernels.windowPairSums(p, n)
            #expect(Self.same(sums.x, Kernels.sum(p, n)))
            #expect(Self.same(sums.y, Kernels.sum(p + 1, n)))
            let mean = Kernels.Pair(0.3, -0.002)
            let deviations = Kernels.windowPairSquaredDeviations(p, n, mean: mean)
            #expect(Self.same(deviations.x, Kernels.squaredDeviations(p, n, mean: mean.x)))
            #expect(Self.same(deviations.y, Kernels.squaredDeviations(p + 1, n, mean: mean.y)))
        }
    }

    @Test(arguments: 1...14)
    func accumulationMatchesTheScalarKernelLaneByLane(length n: Int) {
        let x = Self.values(seed: 100 + UInt64(n), count: n + 1)
        let start = Self.values(seed: 200 + UInt64(n), count: 2 * n).map { abs($0) }
        for active in [(true, true), (true, false), (false, true)] {
            var interleaved = start
            var first = (0..<n).map { start[2 * $0] }, second = (0..<n).map { start[2 * $0 + 1] }
            let mask = SIMD2<Int64>(active.0 ? 1 : 0, active.1 ? 1 : 0) .== 1
            let mean = Kernels.Pair(0.001, -0.0004), scale = Kernels.Pair(37.5, 1 / 0.07)
            let dots = x.withUnsafeBufferPointer { b in
                interleaved.withUnsafeMutableBufferPointer { acc in
                    Kernels.accumulateStandardisedPair(b.baseAddress!, n, mean: mean, scale: scale, active: mask,
                                                       into: acc.baseAddress!)
                }
            }
            let scalarFirst = x.withUnsafeBufferPointer { b in
                first.withUnsafeMutableBufferPointer {
                    Kernels.accumulateStandardised(b.baseAddress!, n, mean: mean.x, scale: scale.x, into: $0.baseAddress!)
                }
            }
            let scalarSecond = x.withUnsafeBufferPointer { b in
                second.withUnsafeMutableBufferPointer {
                    Kernels.accumulateStandardised(b.baseAddress! + 1, n, mean: mean.y, scale: scale.y, into: $0.baseAddress!)
                }
            }
            for t in 0..<n {
                #expect(Self.same(interleaved[2 * t], active.0 ? first[t] : start[2 * t]), "n=\(n) t=\(t) \(active)")
                #expect(Self.same(interleaved[2 * t + 1], active.1 ? second[t] : start[2 * t + 1]), "n=\(n) t=\(t) \(active)")
            }
            #expect(Self.same(dots.x, active.0 ? scalarFirst : 0))
            #expect(Self.same(dots.y, active.1 ? scalarSecond : 0))
            let squares = interleaved.withUnsafeBufferPointer { Kernels.interleavedSumsOfSquares($0.baseAddress!, n) }
            let firstAfter = (0..<n).map { interleaved[2 * $0] }, secondAfter = (0..<n).map { interleaved[2 * $0 + 1] }
            #expect(Self.same(squares.x, firstAfter.withUnsafeBufferPointer { Kernels.sumOfSquares($0.baseAddress!, n) }))
            #expect(Self.same(squares.y, secondAfter.withUnsafeBufferPointer { Kernels.sumOfSquares($0.baseAddress!, n) }))
        }
    }
}
