import TimeSeries

/// A numeric table without a date index: the calibration's `candidates.csv`
/// and its shard files (SPEC §11).
///
/// Writing follows SPEC §1's number rules through ``CSVWriter/appendNumber(_:_:)``
/// (shortest round-trip, the same digits as Python's `repr`; NaN = empty
/// cell); columns named in `integerColumns` hold whole numbers and are written
/// without a decimal point (`candidate`, counts). Reading parses every cell
/// with `Double(text)` (correctly rounded), so a table read back and written
/// again is byte-identical.
package struct CandidateTable: Equatable, Sendable {
    /// Column names, in order.
    package var header: [String]
    /// One array per row, one value per column.
    package var rows: [[Double]]
    /// Columns written as whole numbers.
    package var integerColumns: Set<String>

    package init(header: [String], rows: [[Double]], integerColumns: Set<String>) {
        self.header = header
        self.rows = rows
        self.integerColumns = integerColumns
    }

    /// Header line, then one line per row, `\n` line ends.
    package func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + rows.count * header.count * 20)
        out.append(contentsOf: header.joined(separator: ",").utf8)
        out.append(0x0A)
        let integer = header.map { integerColumns.contains($0) }
        for row in rows {
            for (c, value) in row.enumerated() {
                if c > 0 { out.append(0x2C) }
                if integer[c], value.isFinite, value == value.rounded(), abs(value) < 1e15 {
                    out.append(contentsOf: String(Int64(value)).utf8)
                } else {
                    CSVWriter.appendNumber(&out, value)
                }
            }
            out.append(0x0A)
        }
        return out
    }

    /// Parses bytes written by ``encoded()``; `file` names the source in errors.
    ///
    /// - Throws: ``AllocatorError/invalidRunMeta(file:detail:)`` naming the line: an empty file, a ragged row or a cell that is not a number.
    package static func decode(_ bytes: [UInt8], file: String, integerColumns: Set<String>) throws(AllocatorError) -> CandidateTable {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, !first.isEmpty else { throw .invalidRunMeta(file: file, detail: "line 1: expected a header") }
        let header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var rows: [[Double]] = []
        for (k, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == header.count else {
                throw .invalidRunMeta(file: file, detail: "line \(k + 1): \(cells.count) cells, expected \(header.count)")
            }
            var row: [Double] = []
            row.reserveCapacity(cells.count)
            for (c, cell) in cells.enumerated() {
                if cell.isEmpty { row.append(.nan); continue }
                guard let v = Double(cell), v.isFinite else {
                    throw .invalidRunMeta(file: file, detail: "line \(k + 1), column `\(header[c])`: `\(cell)` is not a number")
                }
                row.append(v)
            }
            rows.append(row)
        }
        return CandidateTable(header: header, rows: rows, integerColumns: integerColumns)
    }

    /// Index of the column called `name`.
    package func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}
