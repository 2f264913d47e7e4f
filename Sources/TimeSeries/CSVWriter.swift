import CCSVKernels

/// Writes date-indexed CSV exactly as SPEC §1 asks: header `date,<columns>`
/// (or an empty first header cell when asked, as pandas writes an unnamed
/// index), dates `YYYY-MM-DD`, numbers in shortest round-trip form (Python's
/// `repr`: `Double.description`'s digits, integers below 1e16 in full;
/// written by `numbertext_write`, NumberText.h), missing = empty cell, `\n`
/// line ends.
public enum CSVWriter {
    /// Encodes a panel into one array sized once from a bound on the text
    /// (``maximumNumberLength`` per cell), numbers written in place. From
    /// ``parallelCells`` cells on, the second half of the rows is encoded on
    /// another thread into its own array and appended: the same bytes.
    public static func encode(_ panel: Panel, indexHeader: String = "date") -> [UInt8] {
        var header: [UInt8] = []
        appendHeader(&header, indexHeader: indexHeader, names: panel.names)
        let rows = panel.rowCount
        let split = rows * panel.columnCount >= parallelCells ? rows / 2 : rows
        guard split < rows else { return encode(panel, rows: 0..<rows, after: header) }
        var halves = SecondThread.run({ encode(panel, rows: 0..<split, after: header, reserving: rows - split) },
                                      beside: { encode(panel, rows: split..<rows, after: []) })
        halves.here.append(contentsOf: halves.other)
        return halves.here
    }

    /// From this many cells on (about 200 KB of text), ``encode(_:indexHeader:)``
    /// encodes the rows in two halves on two threads.
    package static let parallelCells = 10_000

    /// `prefix` followed by rows `range` of `panel`, in an array with room for
    /// `extraRows` more rows after them.
    private static func encode(_ panel: Panel, rows range: Range<Int>, after prefix: [UInt8],
                               reserving extraRows: Int = 0) -> [UInt8] {
        let width = panel.columnCount
        let rowBound = dateLength + 1 + width * (1 + maximumNumberLength)
        let capacity = prefix.count + (range.count + extraRows) * rowBound + numberScratch
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            let base = buffer.baseAddress!
            var p = base
            prefix.withUnsafeBufferPointer { if let start = $0.baseAddress { p.update(from: start, count: $0.count) } }
            p += prefix.count
            let powers = PowersOfFive.table
            for r in range {
                p = writeDate(p, panel.dates[r])
                for c in 0..<width {
                    p.pointee = 0x2C
                    p = writeNumber(p + 1, panel.columns[c][r], powers)
                }
                p.pointee = 0x0A
                p += 1
            }
            initialized = p - base
        }
    }

    /// Encodes a single text column (e.g. regimes).
    public static func encode(dates: [TradingDate], name: String, labels: [String], indexHeader: String = "date") -> [UInt8] {
        var out: [UInt8] = []
        appendHeader(&out, indexHeader: indexHeader, names: [name])
        for (d, label) in zip(dates, labels) {
            appendDate(&out, d)
            out.append(0x2C)
            appendField(&out, label)
            out.append(0x0A)
        }
        return out
    }

    /// Writes a panel atomically.
    public static func write(_ panel: Panel, to path: String, indexHeader: String = "date") throws {
        try FileBytes.writeAtomically(encode(panel, indexHeader: indexHeader), to: path)
    }

    static func appendHeader(_ out: inout [UInt8], indexHeader: String, names: [String]) {
        appendField(&out, indexHeader)
        for name in names {
            out.append(0x2C)
            appendField(&out, name)
        }
        out.append(0x0A)
    }

    /// Appends a text cell, quoting it when it holds a comma, quote or line break.
    static func appendField(_ out: inout [UInt8], _ text: String) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        if !needsQuotes { out.append(contentsOf: text.utf8); return }
        out.append(0x22)
        for b in text.utf8 {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }

    /// Bytes of `YYYY-MM-DD`.
    static let dateLength = 10
    /// The longest number ``writeNumber(_:_:)`` writes (`-2.2250738585072014e-308`).
    static let maximumNumberLength = Int(NUMBERTEXT_MAXIMUM)
    /// Room ``writeNumber(_:_:)`` needs at its destination (it may write past
    /// the number; the next bytes written replace those).
    static let numberScratch = Int(NUMBERTEXT_ROOM)

    /// Appends `YYYY-MM-DD`.
    @inline(__always)
    public static func appendDate(_ out: inout [UInt8], _ date: TradingDate) {
        appendWritten(&out, capacity: dateLength) { writeDate($0, date) }
    }

    /// Appends what `write` puts into a scratch of `capacity` bytes (it returns the byte after its text).
    @inline(__always)
    private static func appendWritten(_ out: inout [UInt8], capacity: Int,
                                      _ write: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            let start = buffer.baseAddress!
            out.append(contentsOf: UnsafeBufferPointer(start: start, count: write(start) - start))
        }
    }

    /// Writes `YYYY-MM-DD` at `p`; returns the byte after it.
    @inline(__always)
    static func writeDate(_ p: UnsafeMutablePointer<UInt8>, _ date: TradingDate) -> UnsafeMutablePointer<UInt8> {
        let (y, m, d) = date.components
        p[0] = UInt8(truncatingIfNeeded: 0x30 + (y / 1000) % 10)
        p[1] = UInt8(truncatingIfNeeded: 0x30 + (y / 100) % 10)
        p[2] = UInt8(truncatingIfNeeded: 0x30 + (y / 10) % 10)
        p[3] = UInt8(truncatingIfNeeded: 0x30 + y % 10)
        p[4] = 0x2D
        p[5] = UInt8(truncatingIfNeeded: 0x30 + m / 10)
        p[6] = UInt8(truncatingIfNeeded: 0x30 + m % 10)
        p[7] = 0x2D
        p[8] = UInt8(truncatingIfNeeded: 0x30 + d / 10)
        p[9] = UInt8(truncatingIfNeeded: 0x30 + d % 10)
        return p + dateLength
    }

    /// Appends the shortest round-trip text of `value`; nothing for NaN.
    @inline(__always)
    public static func appendNumber(_ out: inout [UInt8], _ value: Double) {
        appendWritten(&out, capacity: numberScratch) { writeNumber($0, value) }
    }

    /// Writes Python's `repr` of `value` at `p` (nothing for NaN) without
    /// building a `String`: `numbertext_write` (NumberText.h, Ryu's shortest
    /// digits; CSV encode 1.3–1.5× faster than through the runtime's formatter
    /// behind `description`, whose digits the tests compare with). `p` needs
    /// ``numberScratch`` writable bytes; returns the byte after the number.
    /// `powers` is ``PowersOfFive/table`` (a loop fetches it once).
    @inline(__always)
    static func writeNumber(_ p: UnsafeMutablePointer<UInt8>, _ value: Double,
                            _ powers: UnsafePointer<NumberCellsPower> = PowersOfFive.table) -> UnsafeMutablePointer<UInt8> {
        p + numbertext_write(value, UnsafeMutableRawPointer(p).assumingMemoryBound(to: CChar.self), powers)
    }
}

extension Double {
    /// Python's `repr`: the shortest decimal that reads back as this value
    /// (``CSVWriter/writeNumber(_:_:_:)``, the CSV cells' text), `nan` for NaN.
    public var pythonRepr: String {
        if isNaN { return "nan" }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: CSVWriter.numberScratch) { buffer in
            let start = buffer.baseAddress!
            return String(decoding: UnsafeBufferPointer(start: start, count: CSVWriter.writeNumber(start, self) - start),
                          as: UTF8.self)
        }
    }
}
