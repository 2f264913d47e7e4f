/// The pairwise-complete path of ``AveragePairwiseCorrelation`` for a run of
/// rows at once, shaped for the cache: the pair sums are advanced one block of
/// lines (`i` fixed, every `j > i`) at a time over every row of the run, so a
/// block stays in cache while it rolls, instead of every row streaming all six
/// `K×K` matrices through memory.
///
/// Each pair's sums see exactly the operations the row-at-a-time roll applied
/// (rebuild from zero at the anchor, then add row `t`, remove row `t−w`, in row
/// order; every element is independent of the others), and each row's mean
/// adds its lines' terms in ascending `i` exactly as
/// ``PairLine/accumulateMean(_:_:_:_:_:)`` does for one row, so the bits do not
/// depend on the blocking.
struct PairRunKernel {
    /// Elements of pair sums per line block (six doubles each): ~200 KB, inside L2.
    static let blockElements = 4096
    /// Most lines in one block (the short lines near the end of the triangle).
    static let blockLines = 128

    /// One row of the run that needs the pair sums: its kept columns, their `Σx²`
    /// over present rows and the sums' `scale` at that row.
    struct PlannedRow {
        var row: Int
        var keptCount: Int
        /// How the sums get from the previous planned row to this one.
        var step: Step
    }

    /// The operations that bring the sums to a planned row: rebuild at `anchor`
    /// (when set), then roll rows `rollFrom … rollTo`.
    struct Step {
        var anchor: Int?
        var rollFrom: Int
        var rollTo: Int
    }

    let window: Int
    let assetCount: Int
    var planned: [PlannedRow] = []
    /// Per planned row (`p·K …`): kept column indices, in ascending order.
    var kept: [Int] = []
    /// Per planned row (`p·K …`): `Σx²` over present rows by column.
    var sumSquares: [Double] = []
    /// Per planned row (`p·K …`): largest `x²` added since the rebuild, by column.
    var scales: [Double] = []

    init(window: Int, assetCount: Int) {
        self.window = window
        self.assetCount = assetCount
    }

    /// Adds `row`, whose window the workspace has just loaded (with a gap among its kept columns).
    mutating func plan(row: Int, workspace: CorrelationWorkspace, base: UnsafePointer<Double>, stride: Int, offset: Int) {
        let k = assetCount
        let p = planned.count
        kept.append(contentsOf: repeatElement(0, count: k))
        sumSquares.append(contentsOf: repeatElement(0, count: k))
        let count = workspace.copyKept(into: &kept, at: p * k, sumSquares: &sumSquares, base: base, stride: stride, offset: offset)
        planned.append(PlannedRow(row: row, keptCount: count, step: Step(anchor: nil, rollFrom: 0, rollTo: -1)))
    }

    /// The anchor at or before `row`: the latest `a ≤ row` with `a ≡ w−1 (mod w)`.
    func anchor(_ row: Int) -> Int { (window - 1) + ((row - (window - 1)) / window) * window }

    /// Fixes each planned row's step from sums describing row `start` (−1: none),
    /// as the row-at-a-time roll would: roll forward when the sums lie between
    /// the row's anchor and the row, else rebuild at the anchor. Returns the row
    /// the sums describe at the end.
    mutating func schedule(from start: Int) -> Int {
        var current = start
        for p in planned.indices {
            let r = planned[p].row
            if current == r { planned[p].step = Step(anchor: nil, rollFrom: r + 1, rollTo: r); continue }
            let a = anchor(r)
            var step = Step(anchor: nil, rollFrom: current + 1, rollTo: r)
            if !(current >= a && current < r) { step = Step(anchor: a, rollFrom: a + 1, rollTo: r) }
            planned[p].step = step
            current = r
        }
        return current
    }

    /// The first row any step reads (a rebuild's first row or a roll's removed row).
    var firstRowRead: Int {
        planned.map { $0.step.anchor.map { $0 - window + 1 } ?? ($0.step.rollFrom - window) }.min() ?? 0
    }

    /// Runs the steps on `scale` (the sums' per-column `max x²`), keeping a copy at each planned row.
    mutating func advanceScales(_ scale: UnsafeMutablePointer<Double>, rows: GatheredRows) {
        let k = assetCount
        scales = [Double](repeating: 0, count: planned.count * k)
        for p in planned.indices {
            let step = planned[p].step
            if let a = step.anchor {
                scale.update(repeating: 0, count: k)
                for t in (a - window + 1)...a { raise(scale, rows.values(t), k) }
            }
            if step.rollFrom <= step.rollTo {
                for t in step.rollFrom...step.rollTo { raise(scale, rows.values(t), k) }
            }
            scales.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: p * k).update(from: scale, count: k) }
        }
    }

    @inline(__always)
    private func raise(_ scale: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ k: Int) {
        for c in 0..<k { scale[c] = max(scale[c], x[c] * x[c]) }
    }

    /// Rolls the lines of `storage` block by block over every planned row and
    /// returns each planned row's mean of defined pair correlations.
    func means(rows: GatheredRows, assets: SlidingColumns, storage: PairSums) -> [Double] {
        let k = assetCount
        let w = window
        var totals = [Double](repeating: 0, count: planned.count)
        var defined = [Int](repeating: 0, count: planned.count)
        var nextKept = [Int](repeating: 0, count: planned.count)
        let reciprocals = (0...w).map { 1 / Double($0) }
        let rollLimit = 1e-13 / (Double(2 * w) * Double.ulpOfOne)
        let terms = UnsafeMutablePointer<Double>.allocate(capacity: 4 * max(k, 1))
        defer { terms.deallocate() }
        kept.withUnsafeBufferPointer { keptAll in
            sumSquares.withUnsafeBufferPointer { squaresAll in
                scales.withUnsafeBufferPointer { scalesAll in
                    reciprocals.withUnsafeBufferPointer { inverse in
                        var first = 0
                        while first < k - 1 {
                            var last = first + 1
                            var elements = k - first - 1
                            while last < k - 1 && elements < Self.blockElements && last - first < Self.blockLines {
                                elements += k - last - 1
                                last += 1
                            }
                            let lines = first..<last
                            storage.prepare(lines)
                            for p in planned.indices {
                                let step = planned[p].step
                                if let a = step.anchor {
                                    for i in lines { storage.line(i).clear(k) }
                                    for t in (a - w + 1)...a {
                                        let x = rows.values(t), m = rows.presence(t)
                                        for i in lines { storage.line(i).update(i, k, x, m, removing: nil) }
                                    }
                                }
                                if step.rollFrom <= step.rollTo {
                                    for t in step.rollFrom...step.rollTo {
                                        let x = rows.values(t), m = rows.presence(t)
                                        let out = (rows.values(t - w), rows.presence(t - w))
                                        for i in lines { storage.line(i).update(i, k, x, m, removing: out) }
                                    }
                                }
                                let keptP = keptAll.baseAddress! + p * k
                                let count = planned[p].keptCount
                                var a = nextKept[p]
                                let start = planned[p].row - w + 1
                                assets.withStorage(row: start) { base, stride, offset in
                                    let context = PairLine.MeanContext(
                                        kept: keptP, keptCount: count, sumSquares: squaresAll.baseAddress! + p * k,
                                        scale: scalesAll.baseAddress! + p * k, reciprocals: inverse.baseAddress!,
                                        window: w, rollLimit: rollLimit, terms: terms,
                                        source: base + offset, stride: stride)
                                    while a < count && keptP[a] < last {
                                        storage.line(keptP[a]).accumulateMean(a, context, &totals[p], &defined[p])
                                        a += 1
                                    }
                                }
                                nextKept[p] = a
                            }
                            first = last
                        }
                    }
                }
            }
        }
        return planned.indices.map { defined[$0] > 0 ? totals[$0] / Double(defined[$0]) : .nan }
    }
}

/// Rows `first …` of the asset panel, zero-filled with their presence (1/0), row-major.
final class GatheredRows {
    let first: Int
    let width: Int
    private let x: UnsafeMutablePointer<Double>
    private let m: UnsafeMutablePointer<Double>

    init(assets: SlidingColumns, rows: ClosedRange<Int>) {
        first = rows.lowerBound
        width = assets.columnCount
        let k = width
        let n = rows.count
        x = .allocate(capacity: max(n * k, 1))
        m = .allocate(capacity: max(n * k, 1))
        assets.withStorage(row: rows.lowerBound) { base, stride, offset in
            for c in 0..<k {
                let column = base + c * stride + offset
                for t in 0..<n {
                    let v = column[t]
                    x[t * k + c] = v.isNaN ? 0 : v
                    m[t * k + c] = v.isNaN ? 0 : 1
                }
            }
        }
    }

    deinit {
        x.deallocate()
        m.deallocate()
    }

    @inline(__always)
    func values(_ row: Int) -> UnsafePointer<Double> { UnsafePointer(x + (row - first) * width) }

    @inline(__always)
    func presence(_ row: Int) -> UnsafePointer<Double> { UnsafePointer(m + (row - first) * width) }
}
