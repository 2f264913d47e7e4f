import Dispatch

/// `corr_20d` and `corr_60d` for every row of a whole asset panel, computed
/// concurrently in blocks of rows (both windows, every block its own task, so
/// the cores stay busy whatever the two windows cost).
///
/// Each block runs a ``CorrelationBatch``, which gives the bits of
/// ``AveragePairwiseCorrelation/value(at:assets:)``, a pure function of the
/// rows up to that row (a block starting mid-series rebuilds its pair sums at
/// the anchor and rolls forward exactly as a kernel that saw every row would),
/// so the numbers are identical to those of a ``StateStepper`` fed one row at
/// a time, bit for bit.
package enum CorrelationSeries {
    /// Below this many asset-cells the threads cost more than they save.
    static let parallelThreshold = 10_000
    /// From this many asset-cells on, about 32 row blocks per window (at least
    /// 120 rows each), so that the last task on one core leaves the other idle
    /// for little time; below, three per window, of at least 240 rows. On the
    /// baseline fixture (about 23,000 cells) the blocks share the two cores
    /// with the rows' other features, one task as long as a block of half the
    /// rows: three blocks per window took `allocator state` from 21.3 to 19.4
    /// ms against two (median wall, 61 alternated pairs, faster in 46); four
    /// did no better and six were worse. (Two per window had taken it from
    /// about 25 to 21 ms in an earlier sitting; sixteen tasks did no better.)
    static let manyBlocksThreshold = 100_000

    /// `corr_20d` and `corr_60d` of every row of `assetColumns` (one array per asset).
    ///
    /// `alongside`, when given, runs as task 0 of the same concurrent batch
    /// (the state's other features, which do not need the correlations: on two
    /// cores they run beside the blocks instead of after the last); it runs
    /// before the blocks when the panel is too small for threads. `progress`,
    /// when given, hears of every finished block (``StateProgress``).
    package static func compute(assetColumns: [[Double]], alongside: (@Sendable () -> Void)? = nil,
                                progress: StateProgress? = nil) -> (fast: [Double], slow: [Double]) {
        let assets = SlidingColumns(columns: assetColumns)
        let rows = assetColumns.first?.count ?? 0
        let windows = [StateLookbacks.corrFast, StateLookbacks.corrSlow]
        let results = ResultSlots(count: windows.count, rows: rows)
        let parallel = rows * assets.columnCount >= parallelThreshold
        let blockRows = !parallel ? max(rows, 1)
            : rows * assets.columnCount >= manyBlocksThreshold ? max(120, rows / 32) : max(240, rows / 3)
        let blocks = windows.map { Self.blocks(rows: rows, window: $0, about: blockRows) }
        let tasks = blocks.reduce(0) { $0 + $1.count }
        let finished = progress.map { BlockCount(total: tasks, report: $0) }
        let work: @Sendable (Int) -> Void = { task in
            var k = 0, b = task
            while b >= blocks[k].count {
                b -= blocks[k].count
                k += 1
            }
            let block = blocks[k][b]
            let batch = CorrelationBatch(window: windows[k], assetCount: assets.columnCount)
            batch.values(rows: block, assets: assets, into: results.pointers[k] + block.lowerBound)
            finished?.blockDone()
        }
        if parallel {
            if let alongside {
                DispatchQueue.concurrentPerform(iterations: tasks + 1) { task in
                    if task == 0 { alongside() } else { work(task - 1) }
                }
            } else {
                DispatchQueue.concurrentPerform(iterations: tasks, execute: work)
            }
        } else {
            alongside?()
            for task in 0..<tasks { work(task) }
        }
        return (results.array(0), results.array(1))
    }

    /// Rows `0 ..< rows` in blocks of about `about` rows for a window of `w`
    /// rows: every block but the first starts at an anchor (`w−1 + m·w`, where
    /// ``CorrelationBatch`` rebuilds its sums), so no block rebuilds the anchor
    /// of its predecessor's last period or rolls rows it does not report. The
    /// blocks after the first are whole multiples of `w` (at least one) but
    /// the last, which takes what is left; a remainder shorter than half a
    /// block joins the block before it. No rows, no blocks.
    static func blocks(rows: Int, window w: Int, about: Int) -> [Range<Int>] {
        guard rows > 0 else { return [] }
        let step = max(w, (about + w / 2) / w * w)
        var starts = [0]
        var next = (w - 1) + step
        while next < rows {
            starts.append(next)
            next += step
        }
        if starts.count > 1 && rows - starts[starts.count - 1] < step / 2 { starts.removeLast() }
        return starts.indices.map { i in starts[i]..<(i + 1 < starts.count ? starts[i + 1] : rows) }
    }

    /// Counts the blocks finished on any thread and reports each count, one at a time, in order.
    final class BlockCount: Sendable {
        private let total: Int
        private let report: StateProgress
        private let queue = DispatchQueue(label: "allocator.correlation-progress")
        private nonisolated(unsafe) var done = 0

        init(total: Int, report: @escaping StateProgress) {
            self.total = total
            self.report = report
        }

        func blockDone() {
            queue.sync {
                done += 1
                report(done, total)
            }
        }
    }

    /// Output buffers written by disjoint threads (one slot per thread).
    private final class ResultSlots: @unchecked Sendable {
        let pointers: [UnsafeMutablePointer<Double>]
        let rows: Int
        init(count: Int, rows: Int) {
            self.rows = rows
            pointers = (0..<count).map { _ in
                let p = UnsafeMutablePointer<Double>.allocate(capacity: max(rows, 1))
                p.initialize(repeating: .nan, count: max(rows, 1))
                return p
            }
        }
        func array(_ k: Int) -> [Double] { Array(UnsafeBufferPointer(start: pointers[k], count: rows)) }
        deinit { pointers.forEach { $0.deallocate() } }
    }
}
