/// A table of named numeric columns over ascending dates (column-major).
///
/// Missing values are `Double.nan`. `columns[c][r]` is column `c` at `dates[r]`.
public struct Panel: Sendable, Equatable {
    /// Ascending row dates.
    public var dates: [TradingDate]
    /// Column names.
    public var names: [String]
    /// `columns[c][r]`: column `c` at row `r` (missing = `.nan`).
    public var columns: [[Double]]

    /// A panel of `columns` (one per name, each one value per date).
    public init(dates: [TradingDate], names: [String], columns: [[Double]]) {
        precondition(names.count == columns.count, "one name per column")
        precondition(columns.allSatisfy { $0.count == dates.count }, "every column spans every date")
        self.dates = dates
        self.names = names
        self.columns = columns
    }

    /// An empty panel with the given column names.
    public init(names: [String] = []) {
        self.init(dates: [], names: names, columns: names.map { _ in [] })
    }

    /// Number of rows.
    public var rowCount: Int { dates.count }
    /// Number of columns.
    public var columnCount: Int { names.count }
    /// Whether there is no row.
    public var isEmpty: Bool { dates.isEmpty }

    /// The column with this name, if any.
    public func column(named name: String) -> [Double]? {
        names.firstIndex(of: name).map { columns[$0] }
    }

    /// The first and last date, when there are rows.
    public var dateRange: (first: TradingDate, last: TradingDate)? {
        guard let f = dates.first, let l = dates.last else { return nil }
        return (f, l)
    }

    /// The same columns re-indexed to `target` (ascending); dates absent here become missing.
    public func reindexed(to target: [TradingDate]) -> Panel {
        if target == dates { return self } // same index: share the columns (copy-on-write)
        let map = Alignment.positions(of: target, in: dates)
        let cols = columns.map { col in
            map.map { $0 >= 0 ? col[$0] : Double.nan }
        }
        return Panel(dates: target, names: names, columns: cols)
    }

    /// Rows `range` of this panel.
    public func rows(_ range: Range<Int>) -> Panel {
        Panel(dates: Array(dates[range]), names: names, columns: columns.map { Array($0[range]) })
    }
}

extension Array {
    /// First index whose element satisfies `predicate`, assuming the array is
    /// partitioned (all non-matching elements first). Binary search.
    public func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if predicate(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
