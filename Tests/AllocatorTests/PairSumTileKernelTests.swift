import Backtest
import CKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// The tile kernels (`pairsums_tile_add_rows`, `pairsums_tile_row`), both
/// versions, do what `PairSumKernels.h` says: the per-line kernels (checked
/// against the formula in ``PairSumKernelTests``) called line by line over
/// each line's columns, skipping lines with none, rolling only where the
/// line's added or removed value is present, taking terms only on kept lines,
/// listing fallbacks by tile line and column — and nothing else in the
/// buffers changes. Tiles on and off the diagonal, anchor rows, rows that
/// take no terms.
@Suite struct PairSumTileKernelTests {
    /// Tiles as (first line, end line, first column, end column), in a matrix of up to 40 columns.
    static let tiles = [(0, 6, 1, 17), (3, 9, 5, 21), (10, 14, 16, 23), (0, 4, 1, 3), (30, 39, 31, 40), (2, 5, 20, 37)]
    /// Columns of each line that hold random sums (the tiles span at most 17).
    static let filledColumns = 20
    /// The kernels' fixed layout (`PairSumKernels.h`): line stride and plane.
    static let lineStride = Int(PAIRSUMS_TILE_COLUMNS)
    static let plane = Int(PAIRSUMS_TILE_LINES) * lineStride
    static let conditioning = 0.5
    static let roll = 1e-13 / (120 * Double.ulpOfOne)

    /// A tile's six planes (plane `k` at `k·plane`) and its lines' running terms.
    struct Buffers {
        var sums: [Double]
        var lineSums: [Double]
        var parity: [Int]
        var defined: [Int]
        var fallbacks: [[Int]] = []

        /// The first place where these differ from `other` bit for bit, or `nil`.
        func difference(from other: Buffers) -> String? {
            func first(_ name: String, _ a: [Double], _ b: [Double]) -> String? {
                // The bytes compared at once (the tile is 49,152 slots); the slot found only when they differ.
                let same = a.count == b.count
                    && a.withUnsafeBytes { x in b.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
                if same { return nil }
                return zip(a, b).enumerated().first { $0.element.0.bitPattern != $0.element.1.bitPattern }
                    .map { "\(name)[\($0.offset)]: \($0.element.0) expected \($0.element.1)" }
            }
            return first("sums", sums, other.sums) ?? first("lineSums", lineSums, other.lineSums)
                ?? (parity == other.parity ? nil : "parity \(parity) expected \(other.parity)")
                ?? (defined == other.defined ? nil : "defined \(defined) expected \(other.defined)")
                ?? (fallbacks == other.fallbacks ? nil : "fallbacks \(fallbacks) expected \(other.fallbacks)")
        }
    }

    /// Random sums for every slot of the tile (lines' own columns and the rest).
    static func buffers(lines: Int, seed: UInt64) -> Buffers {
        var sums = [Double](repeating: 0, count: 6 * plane)
        for l in 0..<lines {
            let line = PairSumKernelTests.Case(seed: seed &* 31 &+ UInt64(l)).planes
            for k in 0..<6 {
                for c in 0..<filledColumns { sums[k * plane + l * lineStride + c] = line[k][c] }
            }
        }
        return Buffers(sums: sums, lineSums: (0..<(2 * lines)).map { $0 % 3 == 0 ? 0 : 0.125 * Double($0) },
                       parity: (0..<lines).map { $0 % 2 }, defined: (0..<lines).map { 3 * $0 })
    }

    /// Runs `body` with `sums` as the tile of lines `fl ..< el` and columns `fc ..< ec`.
    static func withTile<R>(_ sums: inout [Double], _ fl: Int, _ el: Int, _ fc: Int, _ ec: Int,
                            _ body: (PairSumTile) -> R) -> R {
        sums.withUnsafeMutableBufferPointer { buffer in
            body(PairSumTile(sums: buffer.baseAddress!, firstLine: fl, endLine: el, firstColumn: fc, endColumn: ec))
        }
    }

    /// Calls `body` for each line `i` of the tile in ascending order that has
    /// columns, with its tile line, its first column and its six sums indexed
    /// by absolute column (where the tile kernels place them).
    static func forEachLine(of tile: PairSumTile,
                            _ body: (_ i: Int, _ l: Int, _ from: Int, _ sums: PairSumLine) -> Void) {
        for i in tile.firstLine..<tile.endLine {
            let from = max(tile.firstColumn, i + 1)
            guard from < tile.endColumn else { continue }
            let b = tile.sums + (i - tile.firstLine) * lineStride - tile.firstColumn
            let p = plane
            body(i, i - tile.firstLine, from,
                 PairSumLine(n: b, sx: b + p, qx: b + 2 * p, sy: b + 3 * p, qy: b + 4 * p, cross: b + 5 * p))
        }
    }

    @Test func tileRowIsTheLineKernelsLineByLine() {
        var seen = (fallbacks: 0, rolledLines: 0, termLines: 0)
        defer {
            #expect(seen.fallbacks > 20 && seen.rolledLines > 100 && seen.termLines > 100, "cases cover every step: \(seen)")
        }
        for seed in 0..<24 {
            var c = PairSumKernelTests.Case(seed: 7000 + UInt64(seed))
            // Every fourth case keeps every column (the kernel's faster accumulation).
            if seed % 4 == 3 { c.kept = c.kept.map { _ in 1 } }
            for (fl, el, fc, ec) in Self.tiles {
                for (takesTerms, anchor) in [(true, false), (false, false), (true, true)] {
                    let lines = el - fl
                    let start = Self.buffers(lines: lines, seed: UInt64(seed))
                    var expected = start
                    Self.withTile(&expected.sums, fl, el, fc, ec) { tile in
                        Self.forEachLine(of: tile) { i, l, from, s in
                            let rolls = !anchor && (c.m[i] != 0 || c.bm[i] != 0)
                            if takesTerms && c.kept[i] == 1 {
                                let limits = PairTermLimits(q: c.q[i], scale: c.scale[i],
                                                            conditioning: Self.conditioning, roll: Self.roll)
                                var accumulators = [expected.lineSums[2 * l], expected.lineSums[2 * l + 1]]
                                var parity = expected.parity[l], found = 0
                                var columns = [Int](repeating: -1, count: ec - from)
                                let defined = rolls
                                    ? pairsums_roll_and_terms(from, ec, s, c.x, c.m, c.bx, c.bm, c.x[i], c.m[i], c.bx[i],
                                                              c.bm[i], c.kept, c.q, c.scale, limits, &accumulators,
                                                              &parity, &columns, &found)
                                    : pairsums_terms(from, ec, s, c.kept, c.q, c.scale, limits, &accumulators, &parity,
                                                     &columns, &found)
                                expected.lineSums[2 * l] = accumulators[0]
                                expected.lineSums[2 * l + 1] = accumulators[1]
                                expected.parity[l] = parity
                                expected.defined[l] += defined
                                expected.fallbacks += columns.prefix(found).map { [l, $0] }
                                seen.termLines += 1
                            } else if rolls {
                                pairsums_roll_row(from, ec, s, c.x, c.m, c.bx, c.bm, c.x[i], c.m[i], c.bx[i], c.bm[i])
                                seen.rolledLines += 1
                            }
                        }
                    }
                    seen.fallbacks += expected.fallbacks.count
                    for kernel in [pairsums_tile_row, pairsums_tile_row_baseline] {
                        var got = start
                        var foundLines = [Int](repeating: -1, count: lines * Self.lineStride)
                        var foundColumns = foundLines
                        let found = Self.withTile(&got.sums, fl, el, fc, ec) { tile in
                            got.lineSums.withUnsafeMutableBufferPointer { lineSums in
                                got.parity.withUnsafeMutableBufferPointer { parity in
                                    got.defined.withUnsafeMutableBufferPointer { defined in
                                        let totals = PairLineTotals(sums: lineSums.baseAddress!, parity: parity.baseAddress!,
                                                                    defined: defined.baseAddress!)
                                        return c.bx.withUnsafeBufferPointer { bx in
                                            c.bm.withUnsafeBufferPointer { bm in
                                                kernel(tile, c.x, c.m, anchor ? nil : bx.baseAddress,
                                                       anchor ? nil : bm.baseAddress, takesTerms ? 1 : 0, c.kept, c.q,
                                                       c.scale, Self.conditioning, Self.roll, totals, &foundLines,
                                                       &foundColumns)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        got.fallbacks = (0..<found).map { [foundLines[$0], foundColumns[$0]] }
                        let difference = got.difference(from: expected)
                        #expect(difference == nil,
                                "seed \(seed), tile \((fl, el, fc, ec)), terms \(takesTerms), anchor \(anchor): \(difference ?? "")")
                    }
                }
            }
        }
    }

    /// Up to four rows added in one call are `pairsums_add_row` on each line
    /// row by row, skipping the rows that lack the line's own value (as the
    /// per-row engine does): the kernel adds those too, and their ±0 terms
    /// change nothing, since no sum here is −0 (the contract's condition).
    @Test func tileAddRowsIsTheLineKernelsLineByLine() {
        let width = PairSumKernelTests.width
        for seed in 0..<24 {
            let c = PairSumKernelTests.Case(seed: 9000 + UInt64(seed))
            let other = PairSumKernelTests.Case(seed: 9500 + UInt64(seed))
            let x = c.x + c.bx + other.x + other.bx, m = c.m + c.bm + other.m + other.bm
            for (fl, el, fc, ec) in Self.tiles {
                for count in 1...4 {
                    var start = Self.buffers(lines: el - fl, seed: UInt64(seed))
                    for k in 0..<6 { // −0 becomes +0 (the other slots are +0)
                        for l in 0..<(el - fl) {
                            for c in 0..<Self.filledColumns where start.sums[k * Self.plane + l * Self.lineStride + c] == 0 {
                                start.sums[k * Self.plane + l * Self.lineStride + c] = 0
                            }
                        }
                    }
                    var expected = start
                    Self.withTile(&expected.sums, fl, el, fc, ec) { tile in
                        x.withUnsafeBufferPointer { x in
                            m.withUnsafeBufferPointer { m in
                                for r in 0..<count {
                                    let xr = x.baseAddress! + r * width, mr = m.baseAddress! + r * width
                                    Self.forEachLine(of: tile) { i, _, from, s in
                                        if mr[i] != 0 { pairsums_add_row(from, ec, s, xr, mr, xr[i], mr[i]) }
                                    }
                                }
                            }
                        }
                    }
                    for kernel in [pairsums_tile_add_rows, pairsums_tile_add_rows_baseline] {
                        var got = start
                        Self.withTile(&got.sums, fl, el, fc, ec) { tile in kernel(tile, x, m, width, Int32(count)) }
                        let difference = got.difference(from: expected)
                        #expect(difference == nil, "seed \(seed), tile \((fl, el, fc, ec)), \(count) rows: \(difference ?? "")")
                    }
                }
            }
        }
    }
}
