import CKernels

/// ``AveragePairwiseCorrelation`` for a run of consecutive rows at once, shaped
/// for the cache: the batch path of ``CorrelationSeries``.
///
/// Rows are taken one anchor period at a time — rows `a … a+w−1`, whose pair
/// sums are all rebuilt at the anchor `a` and rolled from there. The period's
/// windows are measured, and the gap-free ones' means computed, column by
/// column by ``PeriodStatistics``.
/// The rows with a gap among their kept columns share the pair sums, held for
/// one tile of pairs at a time (lines `i ∈ I`, columns `j ∈ J`, `j > i`): the
/// tile is rebuilt from the `w` rows up to the anchor and rolled over the
/// period's rows while it stays in cache, and every row that needs it reduces
/// its terms on the way. Memory is one tile, the period's gathered rows and
/// per-row column statistics — not the `K×K` sums of ``PairSums``.
///
/// The bits are those of ``AveragePairwiseCorrelation/value(at:assets:)``:
/// - each pair sees the operations of ``PairSums/update(adding:_:removing:)``
///   in the same order (rebuild from zero: `s += add`, rows `a−w+1 … a`; then
///   `s = (s + add) − remove`, rows `a+1 … r`; a line skipped on a row where
///   neither its added nor its removed value is present). The rebuild adds
///   the rows that lack a line's value too: their terms are ±0, and a sum
///   started at +0 is never −0, so adding them changes no bit;
/// - `scale` is the running `max x²` since the rebuild;
/// - a line's terms go to the two accumulators of
///   ``Kernels/sumClippedCorrelations(_:_:_:_:_:)`` by the parity of their
///   position among the row's kept columns, whichever tile they come from;
/// - the row's total adds, line by line in ascending order, the line's
///   two-pass fallbacks as met (ascending `j`) and then the line's sum.
final class CorrelationBatch {
    let window: Int
    let assetCount: Int
    /// Lines (first pair index) per tile: the kernels' compile-time layout (`PairSumKernels.h`).
    static let tileLines = Int(PAIRSUMS_TILE_LINES)
    /// Columns (second pair index) per tile; the six sums of a full tile take 384 KB.
    static let tileColumns = Int(PAIRSUMS_TILE_COLUMNS)

    private let stats: PeriodStatistics
    /// Rows `a−w+1 …` of the current period, zero-filled, row-major (`t·K + c`).
    private let gatheredValues: UnsafeMutablePointer<Double>
    /// Presence (1/0) of the gathered rows.
    private let gatheredPresence: UnsafeMutablePointer<Double>
    /// Per period row (`p·K + c`): kept flag (1/0), `Σx²` over present rows, `scale`.
    private let keptFlags: UnsafeMutablePointer<Double>
    private let sumSquares: UnsafeMutablePointer<Double>
    private let scales: UnsafeMutablePointer<Double>
    /// `scale` while it runs over the gathered rows.
    private let runningScale: UnsafeMutablePointer<Double>
    /// Per period row: needs the pair sums / running total / defined pairs.
    private let needed: UnsafeMutablePointer<Bool>
    private let totals: UnsafeMutablePointer<Double>
    private let defined: UnsafeMutablePointer<Int>
    /// Per period row and tile line (`p·tileLines + l`): the line's two accumulators
    /// (even and odd kept positions, at `2·(p·tileLines + l)`), the parity of its
    /// next kept position and its defined terms.
    private let lineSums: UnsafeMutablePointer<Double>
    private let lineParity: UnsafeMutablePointer<Int>
    private let lineDefined: UnsafeMutablePointer<Int>
    /// The tile's six sums (sum `k` of pair `(i₀ + l, j)` at `k·tileLines·tileColumns + l·tileColumns + (j − j0)`), see ``PairSums``.
    private let tile: UnsafeMutablePointer<Double>
    /// The fallbacks of one row in the tile, as the kernel lists them: tile line and column.
    private let foundLines: UnsafeMutablePointer<Int>
    private let foundColumns: UnsafeMutablePointer<Int>
    /// The columns of one call's fallback pairs (``PAIRSUMS_TWO_PASS_PAIRS`` of them: the lines' first,
    /// then the others') and their two-pass correlations.
    private let fallbackColumns: UnsafeMutablePointer<UnsafePointer<Double>?>
    private let fallbackValues: UnsafeMutablePointer<Double>
    /// The two-pass correlation of each of ``fallbacks``, in its order.
    private var fallbackResults: [Double] = []
    /// Pairs of the current line block to recompute with the two-pass formula: (period row, line, column).
    private var fallbacks: [(row: Int, line: Int, column: Int)] = []
    /// ``fallbacks`` in (row, line, column) order, and the counts per (row, line) that order them
    /// (`row·tileLines + line`, one more slot for the running sum).
    private var orderedFallbacks: [(row: Int, line: Int, column: Int)] = []
    private let fallbackCounts: UnsafeMutablePointer<Int>

    init(window w: Int, assetCount k: Int) {
        window = w
        assetCount = k
        stats = PeriodStatistics(window: w, assetCount: k)
        let tl = Self.tileLines, tc = Self.tileColumns
        gatheredValues = .allocate(capacity: 2 * w * k)
        gatheredPresence = .allocate(capacity: 2 * w * k)
        keptFlags = .allocate(capacity: w * k)
        keptFlags.initialize(repeating: 0, count: w * k)
        sumSquares = .allocate(capacity: w * k)
        sumSquares.initialize(repeating: 0, count: w * k)
        scales = .allocate(capacity: w * k)
        scales.initialize(repeating: 0, count: w * k)
        runningScale = .allocate(capacity: k)
        needed = .allocate(capacity: w)
        totals = .allocate(capacity: w)
        defined = .allocate(capacity: w)
        lineSums = .allocate(capacity: 2 * w * tl)
        lineParity = .allocate(capacity: w * tl)
        lineDefined = .allocate(capacity: w * tl)
        tile = .allocate(capacity: 6 * tl * tc)
        foundLines = .allocate(capacity: tl * tc)
        foundColumns = .allocate(capacity: tl * tc)
        let pairs = Int(PAIRSUMS_TWO_PASS_PAIRS)
        fallbackColumns = .allocate(capacity: 2 * pairs)
        fallbackColumns.initialize(repeating: nil, count: 2 * pairs)
        fallbackValues = .allocate(capacity: pairs)
        fallbackValues.initialize(repeating: 0, count: pairs)
        fallbackCounts = .allocate(capacity: w * tl + 1)
    }

    deinit {
        for p in [gatheredValues, gatheredPresence, keptFlags, sumSquares, scales, runningScale, totals, tile] {
            p.deallocate()
        }
        foundLines.deallocate()
        foundColumns.deallocate()
        needed.deallocate()
        defined.deallocate()
        lineSums.deallocate()
        lineParity.deallocate()
        lineDefined.deallocate()
        fallbackColumns.deallocate()
        fallbackValues.deallocate()
        fallbackCounts.deallocate()
    }

    /// The anchor at or before `row`: the latest `a ≤ row` with `a ≡ w−1 (mod w)`.
    func anchor(_ row: Int) -> Int { (window - 1) + ((row - (window - 1)) / window) * window }

    /// Writes the feature at each absolute row of `rows` to `out[row − rows.lowerBound]`.
    func values(rows: Range<Int>, assets: SlidingColumns, into out: UnsafeMutablePointer<Double>) {
        var r = rows.lowerBound
        while r < rows.upperBound {
            if r + 1 < window || assetCount < 2 {
                out[r - rows.lowerBound] = .nan
                r += 1
                continue
            }
            let end = min(rows.upperBound, anchor(r) + window)
            period(rows: r..<end, assets: assets, into: out + (r - rows.lowerBound))
            r = end
        }
    }

    /// Rows sharing one anchor; `out[0]` is the first row's value.
    private func period(rows: Range<Int>, assets: SlidingColumns, into out: UnsafeMutablePointer<Double>) {
        let w = window, k = assetCount
        let first = rows.lowerBound
        var lastNeeded = -1
        stats.measure(rows: rows, assets: assets)
        stats.gapFreeMeans(rows: rows, assets: assets, into: out)
        for r in rows {
            let p = r - first
            needed[p] = false
            if stats.keptCount(p) < 2 {
                out[p] = .nan
            } else if stats.hasGap(p) {
                stats.exportKept(row: p, rows: rows, assets: assets, flags: keptFlags + p * k,
                                 sumSquares: sumSquares + p * k)
                needed[p] = true
                totals[p] = 0
                defined[p] = 0
                lastNeeded = r
            }
        }
        guard lastNeeded >= 0 else { return }
        let a = anchor(first)
        let g0 = a - w + 1
        gather(rows: g0...lastNeeded, assets: assets)
        // scale: running max x² since the rebuild, kept at each row that needs it
        let current = runningScale
        current.update(repeating: 0, count: k)
        for t in g0...lastNeeded {
            let x = gatheredValues + (t - g0) * k
            for c in 0..<k { current[c] = max(current[c], x[c] * x[c]) }
            if t >= first && needed[t - first] { (scales + (t - first) * k).update(from: current, count: k) }
        }
        var i0 = 0
        while i0 < k - 1 {
            let i1 = min(i0 + Self.tileLines, k - 1)
            for r in first...lastNeeded where needed[r - first] {
                let p = r - first
                for l in 0..<(i1 - i0) {
                    (lineSums + 2 * (p * Self.tileLines + l)).update(repeating: 0, count: 2)
                    lineParity[p * Self.tileLines + l] = 0
                    lineDefined[p * Self.tileLines + l] = 0
                }
            }
            fallbacks.removeAll(keepingCapacity: true)
            var j0 = i0 + 1
            while j0 < k {
                let j1 = min(j0 + Self.tileColumns, k)
                runTile(lines: i0..<i1, columns: j0..<j1, anchor: a, rows: first...lastNeeded)
                j0 = j1
            }
            finishLines(i0..<i1, rows: first...lastNeeded, assets: assets)
            i0 = i1
        }
        for r in first...lastNeeded where needed[r - first] {
            let p = r - first
            out[p] = defined[p] > 0 ? totals[p] / Double(defined[p]) : .nan
        }
    }

    /// Copies rows `rows` zero-filled with their presence into the gathered buffers.
    private func gather(rows: ClosedRange<Int>, assets: SlidingColumns) {
        let k = assetCount
        let n = rows.count
        assets.withStorage(row: rows.lowerBound) { base, stride, offset in
            for c in 0..<k {
                let src = base + c * stride + offset
                for t in 0..<n {
                    let v = src[t]
                    gatheredValues[t * k + c] = v.isNaN ? 0 : v
                    gatheredPresence[t * k + c] = v.isNaN ? 0 : 1
                }
            }
        }
    }

    /// Rebuilds the tile at anchor `a`, rolls it to `rows.upperBound` and adds
    /// the terms of every row that needs them, a row at a time over the whole
    /// tile: `pairsums_tile_add_rows` (four rebuild rows per call, fewer in
    /// the last when `w` is not a multiple of 4), then
    /// `pairsums_tile_row` (C, see `PairSumKernels.h`): per pair the
    /// operations of ``PairSums/update(adding:_:removing:)``, row after row.
    private func runTile(lines: Range<Int>, columns: Range<Int>, anchor a: Int, rows: ClosedRange<Int>) {
        let w = window, k = assetCount
        let tc = Self.tileColumns
        let plane = Self.tileLines * tc
        let g0 = a - w + 1
        for l in 0..<lines.count {
            for s in 0..<6 { (tile + s * plane + l * tc).update(repeating: 0, count: columns.count) }
        }
        let tileSums = PairSumTile(sums: tile, firstLine: lines.lowerBound, endLine: lines.upperBound,
                                   firstColumn: columns.lowerBound, endColumn: columns.upperBound)
        // Rows four at a time, the remainder last (a row where line i is missing adds ±0 to it).
        var t = g0
        while t <= a {
            let count = min(4, a - t + 1)
            pairsums_tile_add_rows(tileSums, gatheredValues + (t - g0) * k, gatheredPresence + (t - g0) * k, k,
                                   Int32(count))
            t += count
        }
        let roll = 1e-13 / (Double(2 * w) * Double.ulpOfOne)
        for t in a...rows.upperBound {
            let p = t - rows.lowerBound
            let takesTerms = t >= rows.lowerBound && needed[p]
            if t == a && !takesTerms { continue }
            let x = UnsafePointer(gatheredValues + (t - g0) * k), m = UnsafePointer(gatheredPresence + (t - g0) * k)
            // The anchor row only takes terms: nothing rolls out of it.
            let bx = t > a ? UnsafePointer(gatheredValues + (t - w - g0) * k) : nil
            let bm = t > a ? UnsafePointer(gatheredPresence + (t - w - g0) * k) : nil
            let row = takesTerms ? p : 0 // a row that takes no terms reads none of these
            let line = row * Self.tileLines
            let totals = PairLineTotals(sums: lineSums + 2 * line, parity: lineParity + line,
                                        defined: lineDefined + line)
            let found = pairsums_tile_row(tileSums, x, m, bx, bm, takesTerms ? 1 : 0, keptFlags + row * k,
                                          sumSquares + row * k, scales + row * k,
                                          AveragePairwiseCorrelation.conditioningLimit, roll, totals,
                                          foundLines, foundColumns)
            for f in 0..<found { fallbacks.append((p, foundLines[f], foundColumns[f])) }
        }
    }

    /// Adds the finished lines to their rows' totals in ascending order, each
    /// line's two-pass fallbacks (ascending column) before its sum. The
    /// fallbacks' correlations are computed first, eight pairs per call
    /// whatever their lines and rows (the lanes are independent), then added
    /// in that order.
    private func finishLines(_ lines: Range<Int>, rows: ClosedRange<Int>, assets: SlidingColumns) {
        let k = assetCount
        orderFallbacks()
        computeFallbacks(lines: lines, rows: rows, assets: assets)
        var next = 0
        for r in rows where needed[r - rows.lowerBound] {
            let p = r - rows.lowerBound
            let kept = keptFlags + p * k
            var total = totals[p]
            var count = defined[p]
            for i in lines where kept[i] == 1 {
                let l = i - lines.lowerBound
                while next < fallbacks.count && fallbacks[next].row == p && fallbacks[next].line == l {
                    let value = fallbackResults[next]
                    if !value.isNaN {
                        total += min(1, max(-1, value))
                        count += 1
                    }
                    next += 1
                }
                let line = p * Self.tileLines + l
                total += lineSums[2 * line] + lineSums[2 * line + 1]
                count += lineDefined[line]
            }
            totals[p] = total
            defined[p] = count
        }
    }

    /// Puts ``fallbacks`` in (row, line, column) order: a stable counting sort
    /// by (row, line). Within one row and line the kernel lists the columns of
    /// a tile in ascending order, and the tiles come in ascending column order,
    /// so keeping the listed order within each (row, line) orders the columns.
    /// With one tile of columns (at most 257 assets) the rows and lines come in
    /// order already, and the sort, which would not move them, is skipped.
    private func orderFallbacks() {
        guard fallbacks.count > 1 else { return }
        if fallbacks.withUnsafeBufferPointer({ listed in
            (1..<listed.count).allSatisfy { f in
                (listed[f - 1].row, listed[f - 1].line) <= (listed[f].row, listed[f].line)
            }
        }) { return }
        let keys = window * Self.tileLines // period rows are below w
        let counts = fallbackCounts
        counts.update(repeating: 0, count: keys + 1)
        for f in fallbacks { counts[f.row * Self.tileLines + f.line + 1] += 1 }
        for key in 0..<keys { counts[key + 1] += counts[key] }
        orderedFallbacks.removeAll(keepingCapacity: true)
        orderedFallbacks.append(contentsOf: fallbacks) // every slot is overwritten below
        for f in fallbacks {
            let key = f.row * Self.tileLines + f.line
            orderedFallbacks[counts[key]] = f
            counts[key] += 1
        }
        swap(&fallbacks, &orderedFallbacks)
    }

    /// ``fallbackResults``: each fallback's two-pass correlation over its row's
    /// window (`pairsums_two_pass_correlations`, eight pairs per call; a short
    /// last group repeats its first pair).
    private func computeFallbacks(lines: Range<Int>, rows: ClosedRange<Int>, assets: SlidingColumns) {
        let w = window, pairs = Int(PAIRSUMS_TWO_PASS_PAIRS)
        fallbackResults.removeAll(keepingCapacity: true)
        guard !fallbacks.isEmpty else { return }
        // Period row p's window starts `p` rows after that of the first row.
        assets.withStorage(row: rows.lowerBound - w + 1) { base, stride, offset in
            var f = 0
            while f < fallbacks.count {
                let group = min(pairs, fallbacks.count - f)
                for g in 0..<pairs {
                    let pair = fallbacks[f + (g < group ? g : 0)]
                    fallbackColumns[g] = base + (lines.lowerBound + pair.line) * stride + offset + pair.row
                    fallbackColumns[pairs + g] = base + pair.column * stride + offset + pair.row
                }
                pairsums_two_pass_correlations(fallbackColumns, fallbackColumns + pairs, w, fallbackValues)
                for g in 0..<group { fallbackResults.append(fallbackValues[g]) }
                f += group
            }
        }
    }
}
