/// The primitives of the engine snapshot's binary format: little-endian
/// fixed-width integers, IEEE-754 bit patterns (NaN payloads kept), strings
/// as a length and UTF-8 bytes, optionals as a presence byte, arrays as a
/// count and their elements.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ b: some Sequence<UInt8>) { bytes.append(contentsOf: b) }

    mutating func uint64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ v: Int) { uint64(UInt64(bitPattern: Int64(v))) }
    mutating func double(_ v: Double) { uint64(v.bitPattern) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func optional<T>(_ v: T?, _ write: (inout SnapshotWriter, T) -> Void) {
        bool(v != nil)
        if let v { write(&self, v) }
    }

    mutating func array<T>(_ items: [T], _ write: (inout SnapshotWriter, T) -> Void) {
        int(items.count)
        for item in items { write(&self, item) }
    }

    /// Rows of equal length as `rows`, `columns`, then the values row-major.
    mutating func rows(_ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        int(rows.count)
        int(columns)
        bytes.reserveCapacity(bytes.count + rows.count * columns * 8)
        for row in rows {
            precondition(row.count == columns, "snapshot rows are rectangular")
            #if _endian(little)
            row.withUnsafeBytes { bytes.append(contentsOf: $0) }
            #else
            for v in row { double(v) }
            #endif
        }
    }
}

/// A position in snapshot bytes; every read is bounds-checked and fails with
/// the offset and what was expected instead of trapping.
struct SnapshotReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    private mutating func take(_ n: Int, _ what: String) throws(SnapshotFormatError) -> Range<Int> {
        guard n >= 0, n <= bytes.count - offset else {
            throw SnapshotFormatError("truncated at byte \(offset) reading \(what) (\(n) bytes wanted, \(bytes.count - offset) left)")
        }
        defer { offset += n }
        return offset..<(offset + n)
    }

    mutating func expect(_ literal: [UInt8], _ what: String) throws(SnapshotFormatError) {
        let r = try take(literal.count, what)
        guard bytes[r].elementsEqual(literal) else { throw SnapshotFormatError("not \(what) (byte \(r.lowerBound))") }
    }

    mutating func uint64(_ what: String) throws(SnapshotFormatError) -> UInt64 {
        let r = try take(8, what)
        var v: UInt64 = 0
        for k in r.reversed() { v = v << 8 | UInt64(bytes[k]) }
        return v
    }

    mutating func int(_ what: String) throws(SnapshotFormatError) -> Int {
        Int(Int64(bitPattern: try uint64(what)))
    }

    /// An integer in `0…limit` (counts and lengths: a corrupt one must not allocate wildly).
    mutating func count(_ what: String, limit: Int) throws(SnapshotFormatError) -> Int {
        let at = offset
        let n = try int(what)
        guard n >= 0, n <= limit else { throw SnapshotFormatError("\(what) \(n) out of range at byte \(at)") }
        return n
    }

    mutating func double(_ what: String) throws(SnapshotFormatError) -> Double {
        Double(bitPattern: try uint64(what))
    }

    mutating func bool(_ what: String) throws(SnapshotFormatError) -> Bool {
        let r = try take(1, what)
        switch bytes[r.lowerBound] {
        case 0: return false
        case 1: return true
        case let b: throw SnapshotFormatError("\(what): flag byte \(b) at byte \(r.lowerBound)")
        }
    }

    mutating func string(_ what: String) throws(SnapshotFormatError) -> String {
        let n = try count("\(what) length", limit: bytes.count - offset)
        let r = try take(n, what)
        guard let s = String(validating: bytes[r], as: UTF8.self) else {
            throw SnapshotFormatError("\(what) is not UTF-8 (byte \(r.lowerBound))")
        }
        return s
    }

    mutating func optional<T>(_ what: String, _ read: (inout SnapshotReader) throws(SnapshotFormatError) -> T)
        throws(SnapshotFormatError) -> T? {
        try bool("\(what) presence") ? try read(&self) : nil
    }

    mutating func array<T>(_ what: String, _ read: (inout SnapshotReader) throws(SnapshotFormatError) -> T)
        throws(SnapshotFormatError) -> [T] {
        let n = try count("\(what) count", limit: bytes.count - offset)
        var items: [T] = []
        items.reserveCapacity(n)
        for _ in 0..<n { items.append(try read(&self)) }
        return items
    }

    mutating func rows(_ what: String) throws(SnapshotFormatError) -> [[Double]] {
        let n = try count("\(what) rows", limit: bytes.count)
        let m = try count("\(what) columns", limit: bytes.count)
        guard n == 0 || m <= (bytes.count - offset) / 8 / n else {
            throw SnapshotFormatError("\(what): \(n) × \(m) doubles do not fit in the \(bytes.count - offset) bytes left")
        }
        var rows: [[Double]] = []
        rows.reserveCapacity(n)
        for _ in 0..<n {
            let r = try take(8 * m, what)
            #if _endian(little)
            let row = [Double](unsafeUninitializedCapacity: m) { out, count in
                bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[r])) }
                count = m
            }
            #else
            var row = [Double](repeating: 0, count: m)
            offset = r.lowerBound
            for j in 0..<m { row[j] = try double(what) }
            #endif
            rows.append(row)
        }
        return rows
    }
}

/// Why snapshot bytes could not be read.
struct SnapshotFormatError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
