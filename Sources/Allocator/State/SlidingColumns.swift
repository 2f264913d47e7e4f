import Dispatch

/// The most recent rows of a set of columns, stored column-major so that any
/// window of a column is one contiguous buffer.
///
/// Rows are addressed by their absolute index (0 = first row ever pushed).
/// At least `retain` rows are always kept; storage is compacted when full,
/// which costs `O(columns · retain)` every `capacity − retain` pushes, i.e.
/// amortised O(columns) per row.
package struct SlidingColumns: Sendable {
    package let columnCount: Int
    /// Rows guaranteed to stay readable (the longest look-back the caller needs).
    package let retain: Int
    let capacity: Int
    var storage: [Double]
    /// Absolute index of the row stored at offset 0.
    package private(set) var firstRow: Int = 0
    /// Number of rows currently stored.
    package private(set) var storedRows: Int = 0

    package init(columnCount: Int, retain: Int) {
        self.columnCount = columnCount
        self.retain = max(retain, 1)
        self.capacity = max(self.retain * 2, self.retain + 64)
        self.storage = [Double](repeating: .nan, count: columnCount * capacity)
    }

    /// Number of rows pushed so far.
    package var rowCount: Int { firstRow + storedRows }

    /// Appends one row (`values.count == columnCount`).
    package mutating func push(_ values: UnsafeBufferPointer<Double>) {
        precondition(values.count == columnCount)
        if storedRows == capacity { compact() }
        let offset = storedRows
        let cap = capacity
        storage.withUnsafeMutableBufferPointer { s in
            for c in 0..<columnCount { s[c * cap + offset] = values[c] }
        }
        storedRows += 1
    }

    private mutating func compact() {
        let drop = storedRows - retain
        let cap = capacity
        let keep = retain
        storage.withUnsafeMutableBufferPointer { s in
            for c in 0..<columnCount {
                let base = s.baseAddress! + c * cap
                base.update(from: base + drop, count: keep)
            }
        }
        firstRow += drop
        storedRows = keep
    }

    /// Calls `body` with a pointer to the values of `column` starting at absolute row `row`.
    @inline(__always)
    package func withColumn<R>(_ column: Int, from row: Int, _ body: (UnsafePointer<Double>) -> R) -> R {
        precondition(row >= firstRow && row < firstRow + storedRows)
        return storage.withUnsafeBufferPointer { s in body(s.baseAddress! + column * capacity + (row - firstRow)) }
    }

    /// Calls `body` with the raw storage pointer, the column stride and the
    /// storage offset of absolute row `row` (for kernels that walk many columns).
    @inline(__always)
    package func withStorage<R>(row: Int, _ body: (_ base: UnsafePointer<Double>, _ stride: Int, _ offset: Int) -> R) -> R {
        precondition(row >= firstRow && row < firstRow + storedRows)
        return storage.withUnsafeBufferPointer { s in body(s.baseAddress!, capacity, row - firstRow) }
    }

    /// Value of `column` at absolute row `row`.
    package func value(_ column: Int, _ row: Int) -> Double {
        storage[column * capacity + (row - firstRow)]
    }

    /// A buffer holding whole columns (column-major input), rows `0 ..< count`.
    /// From ``concurrentCopyBytes`` on, two threads copy half the columns each
    /// (the copies and the first touch of the storage's fresh pages are split).
    package init(columns: [[Double]]) {
        let rows = columns.first?.count ?? 0
        let width = columns.count
        precondition(columns.allSatisfy { $0.count == rows }, "every column spans every row")
        columnCount = width
        retain = max(rows, 1)
        capacity = retain
        guard rows > 0 else {
            storage = [Double](repeating: .nan, count: width)
            return
        }
        storage = [Double](unsafeUninitializedCapacity: width * rows) { buffer, initialized in
            let target = ColumnTarget(base: buffer.baseAddress!)
            @Sendable func copy(_ range: Range<Int>) {
                for c in range { columns[c].withUnsafeBufferPointer { (target.base + c * rows).initialize(from: $0.baseAddress!, count: rows) } }
            }
            if width >= 2 && width * rows * MemoryLayout<Double>.stride >= Self.concurrentCopyBytes {
                DispatchQueue.concurrentPerform(iterations: 2) { k in copy(k == 0 ? 0..<(width / 2) : (width / 2)..<width) }
            } else {
                copy(0..<width)
            }
            initialized = width * rows
        }
        storedRows = rows
    }

    /// Bytes of columns from which ``init(columns:)`` copies on two threads.
    static let concurrentCopyBytes = 1 << 20

    /// The storage being filled, shared by the two copying threads (disjoint columns).
    private struct ColumnTarget: @unchecked Sendable {
        let base: UnsafeMutablePointer<Double>
    }

    /// Rebuilds a buffer holding `rows` whose first element is absolute row `firstRow`.
    package init(columnCount: Int, retain: Int, firstRow: Int, rows: [[Double]]) {
        self.init(columnCount: columnCount, retain: retain)
        precondition(rows.count <= capacity)
        self.firstRow = firstRow
        for (k, row) in rows.enumerated() {
            for c in 0..<columnCount { storage[c * capacity + k] = row[c] }
        }
        storedRows = rows.count
    }
}
