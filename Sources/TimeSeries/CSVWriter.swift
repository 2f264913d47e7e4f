/// Writes date-indexed CSV exactly as SPEC §1 asks: header `date,<columns>`
/// (or an empty first header cell when asked, as pandas writes an unnamed
/// index), dates `YYYY-MM-DD`, numbers in shortest round-trip form
/// (`Double.description`, the same digits as Python's `repr`), missing = empty
/// cell, `\n` line ends.
public enum CSVWriter {
    /// Encodes a panel.
    public static func encode(_ panel: Panel, indexHeader: String = "date") -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + panel.rowCount * (11 + panel.columnCount * 22))
        appendHeader(&out, indexHeader: indexHeader, names: panel.names)
        for r in 0..<panel.rowCount {
            appendDate(&out, panel.dates[r])
            for c in 0..<panel.columnCount {
                out.append(0x2C)
                appendNumber(&out, panel.columns[c][r])
            }
            out.append(0x0A)
        }
        return out
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

    /// Appends `YYYY-MM-DD`.
    @inline(__always)
    public static func appendDate(_ out: inout [UInt8], _ date: TradingDate) {
        let (y, m, d) = date.components
        out.append(UInt8(0x30 + (y / 1000) % 10))
        out.append(UInt8(0x30 + (y / 100) % 10))
        out.append(UInt8(0x30 + (y / 10) % 10))
        out.append(UInt8(0x30 + y % 10))
        out.append(0x2D)
        out.append(UInt8(0x30 + m / 10))
        out.append(UInt8(0x30 + m % 10))
        out.append(0x2D)
        out.append(UInt8(0x30 + d / 10))
        out.append(UInt8(0x30 + d % 10))
    }

    /// Appends the shortest round-trip text of `value`; nothing for NaN.
    @inline(__always)
    public static func appendNumber(_ out: inout [UInt8], _ value: Double) {
        if value.isNaN { return }
        out.append(contentsOf: value.pythonRepr.utf8)
    }
}

extension Double {
    /// Python's `repr` of a finite value: Swift's shortest round-trip digits
    /// (`description`), except between 2^53 and 1e16, where Swift already
    /// switches to exponent notation and Python still writes the number in
    /// full (`9999999999999998.0`); every double there is an integer, and its
    /// shortest round-trip digits are exactly that integer.
    public var pythonRepr: String {
        let m = magnitude
        if m > 9_007_199_254_740_992 && m < 1e16 { return String(Int64(self)) + ".0" }
        return description
    }
}
