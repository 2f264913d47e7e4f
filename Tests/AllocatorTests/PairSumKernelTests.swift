import Backtest
import Foundation
import CKernels
import Testing

/// The C inner loops of the batch correlation kernel (`CKernels`): the
/// dispatched version (AVX2 on a CPU that has it) and the baseline version
/// give the same bits, and both give the formula as written here, scalar,
/// pair by pair, and the terms' accumulation by kept position — on runs of every length and alignment (a run of
/// four or more ends in a vector that overlaps the one before; shorter runs go column by column),
/// with counts from 0 to the window, columns not kept, variances at and
/// below the conditioning limits, huge values and negative zeros.
@Suite struct PairSumKernelTests {
    static let window = 60
    static let width = 40

    /// Six planes of line sums, a row and a removed row, per-column statistics.
    struct Case {
        var planes: [[Double]]
        var x: [Double], m: [Double], bx: [Double], bm: [Double]
        var kept: [Double], q: [Double], scale: [Double]

        init(seed: UInt64) {
            var rng = RandomSource(seed: seed)
            let w = PairSumKernelTests.window, n = PairSumKernelTests.width
            // Sums whose centring cancels about half their digits, as real windows' do,
            // so every rounding step of the formula shows in the result.
            let counts = (0..<n).map { _ in Double(rng.integer(below: w + 1)) }
            let sx = (0..<n).map { _ in 0.05 * rng.normal() }, sy = (0..<n).map { _ in 0.05 * rng.normal() }
            let h = counts.map { 1 / $0 }
            let qx = (0..<n).map { j in rng.chance(0.05) ? 0.0 : sx[j] * sx[j] * h[j] * (1.5 + rng.uniform()) }
            let qy = (0..<n).map { j in rng.chance(0.05) ? -0.0 : sy[j] * sy[j] * h[j] * (1.5 + rng.uniform()) }
            let cross = (0..<n).map { j in rng.chance(0.03) ? 1e300 : sx[j] * sy[j] * h[j] * (1 + 0.5 * rng.normal()) }
            planes = [counts, sx, qx, sy, qy, cross]
            func row(_ missing: Double) -> ([Double], [Double]) {
                let present = (0..<n).map { _ in rng.chance(missing) ? 0.0 : 1.0 }
                return (present.map { $0 == 0 ? 0 : (rng.chance(0.05) ? -0.0 : 0.02 * rng.normal()) }, present)
            }
            (x, m) = row(0.1)
            (bx, bm) = row(0.1)
            kept = (0..<n).map { _ in rng.chance(0.15) ? 0 : 1 }
            q = (0..<n).map { j in rng.chance(0.05) ? 1e6 : qy[j] * (0.2 + 0.8 * rng.uniform()) }
            scale = (0..<n).map { j in rng.chance(0.05) ? 1e9 : abs(qy[j]) * rng.uniform() }
        }
    }

    /// Runs `body` on a copy of `planes` laid out as the kernel's six pointers; returns the result and the planes after.
    static func withLine<R>(_ planes: inout [[Double]], _ body: (PairSumLine) -> R) -> R {
        let n = width
        var flat = planes.flatMap { $0 }
        let result = flat.withUnsafeMutableBufferPointer { b in
            let p = b.baseAddress!
            return body(PairSumLine(n: p, sx: p + n, qx: p + 2 * n, sy: p + 3 * n, qy: p + 4 * n, cross: p + 5 * n))
        }
        planes = (0..<6).map { Array(flat[($0 * n)..<($0 * n + n)]) }
        return result
    }

    static func bits(_ planes: [[Double]]) -> [[UInt64]] { planes.map { $0.map(\.bitPattern) } }

    static let ranges: [Range<Int>] = (0...13).flatMap { length in [0, 1, 3].map { $0..<($0 + length) } } + [0..<width]

    /// The comparisons below exercise the AVX2 versions only where the CPU has
    /// AVX2: the dispatch must pick them there (and must not elsewhere).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/cpuinfo")))
    func dispatchPicksAVX2WhereTheCPUHasIt() throws {
        let flags = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let hasAVX2 = flags.split(separator: " ").contains("avx2")
        #expect((pairsums_uses_avx2() != 0) == hasAVX2)
    }

    @Test func rowStepsAreTheFormulaInBothVersions() {
        for seed in 0..<20 {
            let c = Case(seed: UInt64(seed))
            let xi = 0.013 * Double(seed % 5) - 0.02, mi = seed % 4 == 0 ? 0.0 : 1.0
            let bi = -0.007 * Double(seed % 3), ni = seed % 3 == 0 ? 0.0 : 1.0
            for range in Self.ranges {
                var expected = c.planes
                for j in range {
                    expected[0][j] += mi * c.m[j]; expected[1][j] += xi * c.m[j]; expected[2][j] += (xi * xi) * c.m[j]
                    expected[3][j] += mi * c.x[j]; expected[4][j] += mi * (c.x[j] * c.x[j]); expected[5][j] += xi * c.x[j]
                }
                for add in [pairsums_add_row, pairsums_add_row_baseline] {
                    var planes = c.planes
                    Self.withLine(&planes) { add(range.lowerBound, range.upperBound, $0, c.x, c.m, xi, mi) }
                    #expect(Self.bits(planes) == Self.bits(expected), "add, seed \(seed), \(range)")
                }
                var rolled = c.planes
                for j in range {
                    let added: [Double] = [mi * c.m[j], xi * c.m[j], (xi * xi) * c.m[j], mi * c.x[j],
                                           mi * (c.x[j] * c.x[j]), xi * c.x[j]]
                    let removed: [Double] = [ni * c.bm[j], bi * c.bm[j], (bi * bi) * c.bm[j], ni * c.bx[j],
                                             ni * (c.bx[j] * c.bx[j]), bi * c.bx[j]]
                    for s in 0..<6 { rolled[s][j] = (rolled[s][j] + added[s]) - removed[s] }
                }
                for roll in [pairsums_roll_row, pairsums_roll_row_baseline] {
                    var planes = c.planes
                    Self.withLine(&planes) {
                        roll(range.lowerBound, range.upperBound, $0, c.x, c.m, c.bx, c.bm, xi, mi, bi, ni)
                    }
                    #expect(Self.bits(planes) == Self.bits(rolled), "roll, seed \(seed), \(range)")
                }
            }
        }
    }

    @Test func termsAreTheFormulaInBothVersions() {
        let w = Self.window
        let reciprocals = (0...w).map { 1 / Double($0) }
        let roll = 1e-13 / (Double(2 * w) * Double.ulpOfOne)
        var seen = (terms: 0, fallbacks: 0, neither: 0)
        defer {
            #expect(seen.terms > 500 && seen.fallbacks > 100 && seen.neither > 100, "cases cover every outcome: \(seen)")
        }
        for seed in 0..<40 {
            let c = Case(seed: 1000 + UInt64(seed))
            let line = PairTermLimits(q: seed % 7 == 0 ? 1e6 : 1e-7, scale: seed % 5 == 0 ? 1e9 : 1e-9,
                                      conditioning: 0.5, roll: roll)
            // Every column kept is also passed as no flags at all (NULL), the kernels' faster accumulation.
            for (range, allKept) in Self.ranges.flatMap({ r in [(r, false), (r, true)] }) {
                let kept = allKept ? [Double](repeating: 1, count: Self.width) : c.kept
                func withKept<R>(_ body: (UnsafePointer<Double>?) -> R) -> R {
                    allKept ? body(nil) : c.kept.withUnsafeBufferPointer { body($0.baseAddress) }
                }
                let start: [Double] = seed % 2 == 0 ? [0, 0] : [0.25, -1.5]
                let startParity = seed % 3 == 0 ? 1 : 0
                var expectedSums = start, expectedParity = startParity
                var expectedFallbacks: [Int] = []
                var expectedDefined = 0
                for j in range {
                    let n = c.planes[0][j], x = c.planes[1][j], y = c.planes[3][j]
                    let h = reciprocals[Int(n)]
                    let vx = c.planes[2][j] - x * x * h, vy = c.planes[4][j] - y * y * h
                    let cov = c.planes[5][j] - x * y * h
                    let counted = kept[j] == 1 && n >= 2
                    let conditioned = vx > 0.5 * line.q && vy > 0.5 * c.q[j] && line.scale <= roll * vx
                        && c.scale[j] <= roll * vy
                    let r = cov / (vx * vy).squareRoot()
                    let defined = counted && conditioned && !r.isNaN
                    if kept[j] == 1 {
                        expectedSums[expectedParity] += defined ? min(1, max(-1, r)) : 0
                        expectedParity ^= 1
                    }
                    if defined { expectedDefined += 1 }
                    if counted && !conditioned { expectedFallbacks.append(j) }
                    if range == 0..<Self.width && !allKept {
                        if defined { seen.terms += 1 } else if counted && !conditioned { seen.fallbacks += 1 } else {
                            seen.neither += 1
                        }
                    }
                }
                for kernel in [pairsums_terms, pairsums_terms_baseline] {
                    var planes = c.planes
                    var sums = start, parity = startParity
                    var fallbackColumns = [Int](repeating: -7, count: Self.width + 1)
                    var fallbacks = 0
                    let defined = Self.withLine(&planes) { line_ in
                        withKept { kept in
                            kernel(range.lowerBound, range.upperBound, line_, kept, c.q, c.scale, line,
                                   &sums, &parity, &fallbackColumns, &fallbacks)
                        }
                    }
                    #expect(sums.map(\.bitPattern) == expectedSums.map(\.bitPattern) && parity == expectedParity,
                            "sums, seed \(seed), \(range): \(sums) \(parity) expected \(expectedSums) \(expectedParity)")
                    #expect(defined == expectedDefined && fallbacks == expectedFallbacks.count, "seed \(seed), \(range)")
                    #expect(Array(fallbackColumns.prefix(fallbacks)) == expectedFallbacks, "seed \(seed), \(range)")
                    #expect(fallbackColumns[fallbacks...].allSatisfy { $0 == -7 }, "nothing written after the list")
                }
                // Rolled and then taken in one pass: the same as the two steps above.
                let xi = 0.011 * Double(seed % 5 - 2), mi = seed % 4 == 1 ? 0.0 : 1.0
                let bi = -0.009 * Double(seed % 3), ni = seed % 5 == 3 ? 0.0 : 1.0
                var stepPlanes = c.planes, stepSums = start, stepParity = startParity, stepFallbacks = 0
                var stepFallback = [Int](repeating: -7, count: Self.width)
                Self.withLine(&stepPlanes) { pairsums_roll_row(range.lowerBound, range.upperBound, $0, c.x, c.m, c.bx, c.bm, xi, mi, bi, ni) }
                let stepDefined = Self.withLine(&stepPlanes) { line_ in
                    pairsums_terms(range.lowerBound, range.upperBound, line_, kept, c.q, c.scale, line,
                                   &stepSums, &stepParity, &stepFallback, &stepFallbacks)
                }
                for kernel in [pairsums_roll_and_terms, pairsums_roll_and_terms_baseline] {
                    var planes = c.planes, sums = start, parity = startParity, fallbacks = 0
                    var fallback = [Int](repeating: -7, count: Self.width)
                    let defined = Self.withLine(&planes) { line_ in
                        withKept { kept in
                            kernel(range.lowerBound, range.upperBound, line_, c.x, c.m, c.bx, c.bm, xi, mi, bi, ni,
                                   kept, c.q, c.scale, line, &sums, &parity, &fallback, &fallbacks)
                        }
                    }
                    #expect(Self.bits(planes) == Self.bits(stepPlanes), "rolled sums, seed \(seed), \(range)")
                    #expect(sums.map(\.bitPattern) == stepSums.map(\.bitPattern) && parity == stepParity,
                            "rolled terms, seed \(seed), \(range)")
                    #expect(fallback == stepFallback && defined == stepDefined && fallbacks == stepFallbacks)
                }
            }
        }
    }

    /// The centred two-pass formula, written out as SPEC §2 states it.
    static func twoPass(_ x: [Double], _ y: [Double]) -> Double {
        let rows = x.indices.filter { !x[$0].isNaN && !y[$0].isNaN }
        guard rows.count >= 2 else { return .nan }
        var sx = 0.0, sy = 0.0
        for t in rows { sx += x[t]; sy += y[t] }
        let ax = sx / Double(rows.count), ay = sy / Double(rows.count)
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for t in rows {
            let dx = x[t] - ax, dy = y[t] - ay
            sxx += dx * dx; syy += dy * dy; sxy += dx * dy
        }
        let d = (sxx * syy).squareRoot()
        return d == 0 ? .nan : sxy / d
    }

    @Test func twoPassCorrelationsAreTheFormulaInEveryLane() {
        var checked = (defined: 0, undefined: 0)
        for seed in 0..<30 {
            // Windows of whole groups of four rows and with one to three left over.
            let w = [60, 61, 22, 3, 20][seed % 5]
            var rng = RandomSource(seed: 5000 + UInt64(seed))
            let gaps = [0.0, 0.05, 0.5, 0.97][seed % 4]
            func column(_ kind: Int) -> [Double] {
                (0..<w).map { t in
                    if rng.chance(gaps) { return .nan }
                    switch kind {
                    case 0: return 0.5                                      // constant (exact mean): zero denominator
                    case 1: return t % 13 == 0 ? -0.0 : 0.02 * rng.normal() + 0.05
                    case 2: return t == 17 ? 1e150 : 0.01 * rng.normal()
                    default: return 0.01 * rng.normal()
                    }
                }
            }
            // Every lane its own pair; on even seeds the lanes share one x (the per-row engine's use).
            let shared = column(3 - seed % 3)
            let pairs = Int(PAIRSUMS_TWO_PASS_PAIRS)
            let xs = seed.isMultiple(of: 2) ? Array(repeating: shared, count: pairs) : (0..<pairs).map { l in column(3 - (seed + l) % 3) }
            let ys = (0..<pairs).map { column(($0 + seed) % 4) }
            let expected = zip(xs, ys).map { Self.twoPass($0, $1) }
            let flat = xs.flatMap { $0 } + ys.flatMap { $0 }
            for kernel in [pairsums_two_pass_correlations, pairsums_two_pass_correlations_baseline] {
                var out = [Double](repeating: 7, count: pairs)
                flat.withUnsafeBufferPointer { b in
                    let columns: [UnsafePointer<Double>?] = (0..<(2 * pairs)).map { b.baseAddress! + $0 * w }
                    columns.withUnsafeBufferPointer { c in kernel(c.baseAddress!, c.baseAddress! + pairs, w, &out) }
                }
                #expect(out.map(\.bitPattern) == expected.map(\.bitPattern) || zip(out, expected).allSatisfy {
                    $0.0.isNaN && $0.1.isNaN || $0.0.bitPattern == $0.1.bitPattern
                }, "seed \(seed): \(out) expected \(expected)")
            }
            for value in expected { if value.isNaN { checked.undefined += 1 } else { checked.defined += 1 } }
        }
        #expect(checked.defined > 40 && checked.undefined > 20, "cases cover defined and undefined: \(checked)")
    }
}
