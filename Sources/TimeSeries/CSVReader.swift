import CCSVKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the wide, date-indexed CSV files of a run directory (SPEC §1).
///
/// - First column is the date index; its header may be `date`, empty or any name.
/// - Dates `YYYY-MM-DD` or `YYYY-MM-DD 00:00:00`; strictly increasing, no duplicates.
/// - Empty cell, `nan`, `NaN` = missing (`.nan`); `inf` is an error.
/// - CRLF line ends and a UTF-8 byte-order mark are accepted; blank lines are skipped.
/// - A row with a different number of cells than the header is an error.
///
/// Errors carry the file name and 1-based line number.
public enum CSVReader {
    /// Reads the file at `path` and parses it.
    ///
    /// On Linux a file of ``FileBytes/mappedTextBytes`` or more is parsed where
    /// the page cache holds it, mapped
    /// (``FileBytes/withText(path:padding:mappedFrom:parallelFrom:_:)``): a file
    /// that changes while it is parsed (rows appended, truncated, rewritten)
    /// gives an `unreadable` error naming it, not a mix of old and new bytes
    /// nor a SIGBUS. A smaller file is read into memory.
    public static func read(path: String) throws(CSVError) -> Panel {
        try read(path: path, concurrently: true)
    }

    /// ``read(path:)``, or all on one thread (`concurrently: false`: the line
    /// ends found and the rows parsed in one pass each, the panel's columns
    /// copied one after another), for measuring either.
    package static func read(path: String, concurrently: Bool) throws(CSVError) -> Panel {
        try FileBytes.withText(path: path, padding: padding,
                               parallelFrom: concurrently ? FileBytes.parallelReadBytes : .max) {
            (text) throws(CSVError) -> ColumnMajorTable in
            try table(text, file: path, concurrently: concurrently)
        }.panel(concurrently: concurrently)
    }

    /// ``read(path:)``, or `nil` for a file of nothing but line ends and spaces
    /// (an optional input written without rows).
    public static func readUnlessBlank(path: String) throws(CSVError) -> Panel? {
        try FileBytes.withText(path: path, padding: padding) { (text) throws(CSVError) -> ColumnMajorTable? in
            if text.dropLast(padding).allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }) { return nil }
            return try table(text, file: path, concurrently: true)
        }?.panel()
    }

    /// The cells of `text` (the file's bytes and ``padding`` NULs).
    private static func table(_ text: UnsafeBufferPointer<UInt8>, file: String,
                              concurrently: Bool) throws(CSVError) -> ColumnMajorTable {
        if text.count == padding { throw emptyFile(file) }
        return try parseBuffer(text, file: file, parallelBytes: concurrently ? parallelBytes : .max)
    }

    /// Parses CSV text held in `bytes`; `file` names it in errors.
    public static func parse(bytes input: [UInt8], file: String) throws(CSVError) -> Panel {
        var bytes = input
        return try parse(consuming: &bytes, file: file)
    }

    /// The error for an empty file.
    static func emptyFile(_ file: String) -> CSVError {
        CSVError(.emptyFile, file: file, "file is empty (expected a header line `date,<columns>`)")
    }

    /// NUL bytes appended after the text: a terminator for `strtod` and room
    /// for the 64-byte comma scan of `numbercells_row` (NumberCells.h).
    static let padding = Int(NUMBERCELLS_PADDING)

    /// Parses `bytes` in place (``padding`` NUL bytes are appended for `strtod`
    /// and look-ahead; the buffer's capacity is reused, so a large file is not
    /// copied) and releases them.
    static func parse(consuming bytes: inout [UInt8], file: String,
                      parallelFrom parallelBytes: Int = parallelBytes) throws(CSVError) -> Panel {
        if bytes.isEmpty { throw emptyFile(file) }
        bytes.append(contentsOf: repeatElement(0, count: padding))
        let table = try bytes.withUnsafeBufferPointer { (buffer) throws(CSVError) -> ColumnMajorTable in
            try parseBuffer(buffer, file: file, parallelBytes: parallelBytes)
        }
        bytes = [] // the text is no longer needed: free it before the columns are built
        return table.panel()
    }

    /// `bytes` followed by the ``padding`` the parser needs after a text.
    package static func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: padding)
    }

    /// Parses `text` (CSV bytes, ``padded(_:)``) on one thread into the
    /// column-major cells and returns how many there are, without building a
    /// ``Panel``: the parser's share of a read (the text scanned, every cell
    /// parsed and stored), for `allocator-bench parse`.
    package static func cellCount(parsingPadded text: [UInt8], file: String) throws(CSVError) -> Int {
        if text.count <= padding { throw emptyFile(file) }
        return try text.withUnsafeBufferPointer { (buffer) throws(CSVError) -> Int in
            let table = try parseBuffer(buffer, file: file, parallelBytes: .max)
            return table.dates.count * table.names.count
        }
    }

    /// Parsed cells, column-major, before they are copied into the panel's columns.
    private struct ColumnMajorTable {
        var dates: [TradingDate]
        var names: [String]
        var cells: CellBuffer

        /// The panel, its columns copied out of the cells: by two threads, half
        /// the columns each, from ``CSVReader/parallelBytes`` of cells on (the
        /// copies and the first touch of the columns' fresh pages are split),
        /// unless not `concurrently`.
        func panel(concurrently: Bool = true) -> Panel {
            let rows = dates.count, width = names.count
            let cells = cells
            @Sendable func columns(_ range: Range<Int>) -> [[Double]] {
                range.map { c in
                    [Double](unsafeUninitializedCapacity: rows) { out, initialized in
                        if rows > 0 { out.baseAddress!.update(from: cells.values + c * cells.stride, count: rows) }
                        initialized = rows
                    }
                }
            }
            guard concurrently, rows * width * MemoryLayout<Double>.stride >= CSVReader.parallelBytes, width >= 2 else {
                return Panel(dates: dates, names: names, columns: columns(0..<width))
            }
            let halves = SecondThread.run({ columns(0..<(width / 2)) }, beside: { columns((width / 2)..<width) })
            return Panel(dates: dates, names: names, columns: halves.here + halves.other)
        }
    }

    /// Column-major cells in one allocation: column `c` of row `r` at `c · stride + r`,
    /// `stride` a bound on the row count fixed before parsing, so nothing grows.
    /// A large buffer is mapped directly and asks for huge pages (a few page faults
    /// instead of one per 4 KiB).
    private final class CellBuffer: @unchecked Sendable {
        let values: UnsafeMutablePointer<Double>
        let stride: Int
        private let mappedLength: Int

        init(width: Int, stride: Int) {
            self.stride = stride
            let count = max(width * stride, 1)
            let length = count * MemoryLayout<Double>.stride
            #if canImport(Glibc)
            if length >= 1 << 23, let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
               address != MAP_FAILED {
                madvise(address, length, MADV_HUGEPAGE)
                values = address.bindMemory(to: Double.self, capacity: count)
                mappedLength = length
                return
            }
            #endif
            values = .allocate(capacity: count)
            mappedLength = 0
        }

        deinit {
            if mappedLength > 0 { munmap(values, mappedLength) } else { values.deallocate() }
        }
    }

    private static func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>, file: String,
                                    parallelBytes: Int) throws(CSVError) -> ColumnMajorTable {
        let base = buffer.baseAddress!
        let n = buffer.count - padding
        var pos = 0
        if n >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { pos = 3 }
        // Every line end, found once (the header's first) and reused by the row loop.
        let (ends, hasNUL) = lineEnds(base, count: n, parallelBytes: parallelBytes)
        if hasNUL {
            throw CSVError(.notText, file: file, "file contains NUL bytes; expected CSV text")
        }
        // Header line.
        let headerEnd = ends.first ?? n
        var headerFields = splitHeader(Array(UnsafeBufferPointer(start: base + pos, count: trimCR(base, pos, headerEnd) - pos)))
        guard let headerFieldsChecked = headerFields, !headerFieldsChecked.isEmpty,
              !(headerFieldsChecked.count == 1 && headerFieldsChecked[0].isEmpty) else {
            throw CSVError(.badHeader, file: file, line: 1, "missing header line (expected `date,<columns>`)")
        }
        headerFields = headerFieldsChecked
        let names = Array(headerFieldsChecked.dropFirst())
        let width = names.count
        if width == 0 {
            throw CSVError(.badHeader, file: file, line: 1, "header has no value columns (expected `date,<columns>`)")
        }
        if let bad = names.first(where: { $0.unicodeScalars.contains { $0.value == 0xFFFD } }) {
            throw CSVError(.notText, file: file, line: 1, "header cell `\(printable(bad))` is not valid UTF-8 text")
        }
        pos = headerEnd + 1
        // A bound on the rows: lines left, and no more than the cells the text can hold
        // (every cell takes at least its comma; a wide header over many blank lines
        // must not reserve lines × width).
        let lineEnds = Array(ends.dropFirst())
        let lines = lineEnds.count + 1
        let rowBound = min(lines, (n - pos) / width + 1)
        let cells = CellBuffer(width: width, stride: rowBound)
        let text = Text(base: base, count: n, file: file, names: names, lineEnds: lineEnds, cells: cells)
        // Lines 0 ..< lines after the header; line k starts after line k − 1's end (the first at `pos`).
        let split = n - pos >= parallelBytes && lines >= 4 ? secondHalfStart(lines: lines) : lines
        guard split < lines else {
            let all = text.rows(lines: 0..<lines, start: pos, firstRow: 0)
            if let error = all.error { throw error }
            return ColumnMajorTable(dates: all.dates, names: names, cells: cells)
        }
        // Two halves on two threads; the second's first row index is the first's non-blank lines.
        let secondStart = lineEnds[split - 1] + 1
        var nonBlank = 0
        var lineStart = pos
        for k in 0..<split {
            if trimCR(base, lineStart, lineEnds[k]) > lineStart { nonBlank += 1 }
            lineStart = lineEnds[k] + 1
        }
        let firstRows = nonBlank
        let (first, second) = SecondThread.run({ text.rows(lines: 0..<split, start: pos, firstRow: 0) },
                                               beside: { text.rows(lines: split..<lines, start: secondStart, firstRow: firstRows) })
        if let error = first.error { throw error }
        // The seam: as a single pass would check the second half's first row after parsing its date
        // (an unparsable date there is the second half's error, and then it has no first date).
        if let last = first.dates.last, let next = second.dates.first, next <= last {
            if next == last {
                throw CSVError(.duplicateDate, file: file, line: second.firstRowLine, "duplicate date \(next)")
            }
            throw CSVError(.datesNotIncreasing, file: file, line: second.firstRowLine,
                           "date \(next) comes after \(last); dates must be strictly increasing")
        }
        if let error = second.error { throw error }
        return ColumnMajorTable(dates: first.dates + second.dates, names: names, cells: cells)
    }

    /// The offsets of the line ends of the text's `count` bytes and whether it
    /// holds a NUL byte, in one pass (`lineends_scan`, LineEnds.h); from
    /// `parallelBytes` bytes on, the second half of the bytes is scanned on a
    /// second thread.
    private static func lineEnds(_ base: UnsafePointer<UInt8>, count n: Int,
                                 parallelBytes: Int) -> (ends: [Int], hasNUL: Bool) {
        guard n >= parallelBytes else { return scanLines(base, from: 0, to: n) }
        let middle = n / 2
        let text = UncheckedText(base: base)
        let (first, second) = SecondThread.run({ scanLines(base, from: 0, to: middle) },
                                               beside: { scanLines(text.base, from: middle, to: n) })
        return (first.ends + second.ends, first.hasNUL || second.hasNUL)
    }

    /// ``lineEnds(_:count:parallelBytes:)`` of the bytes `from ..< to`, on this thread.
    private static func scanLines(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> (ends: [Int], hasNUL: Bool) {
        var ends: [Int] = []
        var nul: Int32 = 0
        var at = from
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 4096) { chunk in
            while at < to {
                var next = 0
                let found = lineends_scan(base, at, to, chunk.baseAddress!, chunk.count, &next, &nul)
                ends.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<found]))
                at = next
            }
        }
        return (ends, nul != 0)
    }

    /// The text's start, handed to the thread that scans its second half.
    private struct UncheckedText: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
    }

    /// The first line of the second half, of `lines` lines after the header.
    static func secondHalfStart(lines: Int) -> Int { lines / 2 }

    /// From this many bytes of rows on, the rows are parsed in two halves on two
    /// threads (below, a thread costs more than half the parse). Either way the
    /// result, or the error (the first in file order), is the same.
    package static let parallelBytes = 1 << 20

    /// The dates of a run of rows, the first error met (the parse stops there)
    /// and the line number of the run's first non-blank line (0 if none).
    private struct Chunk {
        var dates: [TradingDate]
        var error: CSVError?
        var firstRowLine: Int
    }

    /// The text after the header and where its cells go.
    private struct Text: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        let count: Int
        let file: String
        let names: [String]
        /// Offsets of the line ends after the header.
        let lineEnds: [Int]
        let cells: CellBuffer

        /// Parses lines `lines` (line `k` ends at `lineEnds[k]`, or at the end of the
        /// text after the last), the first starting at `start`, storing their cells
        /// from row `firstRow` on.
        func rows(lines: Range<Int>, start: Int, firstRow: Int) -> Chunk {
            var chunk = Chunk(dates: [], error: nil, firstRowLine: 0)
            chunk.dates.reserveCapacity(lines.count)
            do {
                try parse(lines: lines, start: start, firstRow: firstRow, into: &chunk)
            } catch {
                chunk.error = error
            }
            return chunk
        }

        private func parse(lines: Range<Int>, start: Int, firstRow: Int, into chunk: inout Chunk) throws(CSVError) {
            let base = base, n = count, width = names.count, rowBound = cells.stride
            let out = cells.values
            let powers = PowersOfFive.table
            var pos = start
            var row = firstRow
            for k in lines {
                guard pos < n else { break }
                let lineNumber = k + 2
                let end = k < lineEnds.count ? lineEnds[k] : n
                let contentEnd = trimCR(base, pos, end)
                defer { pos = end + 1 }
                if contentEnd == pos { continue } // blank line
                if chunk.firstRowLine == 0 { chunk.firstRowLine = lineNumber }
                // Rows of `width + 1` cells fit the buffer's `rowBound` rows. More rows than
                // that can only be met in the second half after malformed lines in the first,
                // whose error is the one reported; stop before writing past the buffer.
                guard row < rowBound else {
                    throw CSVError(.raggedRow, file: file, line: lineNumber,
                                   "more rows than the file's size allows (an earlier line is malformed)")
                }
                // Date field.
                var fieldEnd = pos
                while fieldEnd < contentEnd && base[fieldEnd] != 0x2C { fieldEnd += 1 }
                let (ds, de) = unquote(base, pos, fieldEnd)
                guard let date = TradingDate.parse(UnsafeBufferPointer(start: base, count: n)[ds..<de]) else {
                    throw CSVError(.badDate, file: file, line: lineNumber,
                                   "unparsable date `\(text(base, pos, fieldEnd))` (expected YYYY-MM-DD)")
                }
                if let last = chunk.dates.last, date <= last {
                    if date == last {
                        throw CSVError(.duplicateDate, file: file, line: lineNumber, "duplicate date \(date)")
                    }
                    throw CSVError(.datesNotIncreasing, file: file, line: lineNumber,
                                   "date \(date) comes after \(last); dates must be strictly increasing")
                }
                chunk.dates.append(date)
                var column = 0
                let rowCells = out + row // column `c` of this row: `rowCells[c · rowBound]`
                var cursor = fieldEnd
                while cursor < contentEnd {
                    cursor = numbercells_row(base, cursor, contentEnd, width, &column, rowCells, rowBound, powers)
                    if cursor >= contentEnd { break }
                    cursor &+= 1 // skip comma
                    if column >= width {
                        throw CSVError(.raggedRow, file: file, line: lineNumber,
                                       "row has more than the \(width + 1) cells of the header")
                    }
                    var e = cursor
                    while e < contentEnd && base[e] != 0x2C { e += 1 }
                    let (vs, ve) = unquote(base, cursor, e)
                    let slot = rowCells + column * rowBound
                    switch DecimalParser.parse(base, vs, ve) {
                    case .value(let v): slot.pointee = v
                    case .missing: slot.pointee = .nan
                    case .infinite:
                        throw CSVError(.infiniteNumber, file: file, line: lineNumber,
                                       "infinite value `\(text(base, cursor, e))` in column `\(names[column])` (expected a finite number or an empty cell)")
                    case .invalid:
                        throw CSVError(.badNumber, file: file, line: lineNumber,
                                       "unparsable number `\(text(base, cursor, e))` in column `\(names[column])`")
                    }
                    column &+= 1
                    cursor = e
                }
                if column != width {
                    throw CSVError(.raggedRow, file: file, line: lineNumber,
                                   "row has \(column + 1) cells, header has \(width + 1)")
                }
                row += 1
            }
        }
    }

    @inline(__always)
    private static func trimCR(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        (end > start && base[end - 1] == 0x0D) ? end - 1 : end
    }

    @inline(__always)
    private static func unquote(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int) {
        if e - s >= 2 && base[s] == 0x22 && base[e - 1] == 0x22 { return (s + 1, e - 1) }
        return (s, e)
    }

    private static func text(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> String {
        let raw = String(decoding: UnsafeBufferPointer(start: base + s, count: min(e - s, 60)), as: UTF8.self)
        return raw.unicodeScalars.map { $0.value < 0x20 || $0.value == 0xFFFD ? "?" : String($0) }.joined()
    }

    /// At most 60 characters of `cell` for an error message, control and
    /// undecodable characters shown as `?` (junk must not reach a terminal raw).
    static func printable(_ cell: String) -> String {
        let shown = cell.unicodeScalars.prefix(60).map { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFFFD ? "?" : String($0) }
        return shown.joined() + (cell.unicodeScalars.count > 60 ? "…" : "")
    }

    /// Splits the header line, honouring double-quoted cells; `nil` when quotes do not close.
    static func splitHeader(_ line: [UInt8]) -> [String]? {
        var fields: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        var i = 0
        while i < line.count {
            let c = line[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < line.count && line[i + 1] == 0x22 { current.append(0x22); i += 1 } else { inQuotes = false }
                } else {
                    current.append(c)
                }
            } else if c == 0x22 {
                inQuotes = true
            } else if c == 0x2C {
                fields.append(String(decoding: current, as: UTF8.self)); current = []
            } else {
                current.append(c)
            }
            i += 1
        }
        if inQuotes { return nil }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields
    }
}

extension Panel {
    /// The value column of a single-series file: `preferred` when present, else the first.
    public func seriesColumn(preferring preferred: String) -> (name: String, values: [Double])? {
        if let i = names.firstIndex(of: preferred) { return (preferred, columns[i]) }
        guard let first = names.first else { return nil }
        return (first, columns[0])
    }
}
