#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Dispatch
import TimeSeries

/// A SHA-256 over the first `length` bytes of an input file, still open for
/// the bytes that follow (an update verifies the old prefix and extends the
/// same hash over the rows it consumes, so each byte is hashed once).
package struct PrefixDigest {
    package let name: String
    package private(set) var length: Int
    private var hasher: SHA256

    /// The prefix record of the bytes hashed so far.
    package var prefix: InputPrefix {
        InputPrefix(name: name, length: length, sha256: FileDigest.hex(hasher.finalize()))
    }

    /// Extends the hash over `bytes` (the rows after the current prefix).
    package mutating func extend(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        length += bytes.count
    }

    /// Streams the first `length` bytes of `path`; `nil` when the file is shorter or unreadable.
    static func stream(path: String, name: String, length: Int) -> PrefixDigest? {
        var digest = PrefixDigest(name: name, length: 0, hasher: SHA256())
        guard FileDigest.stream(path: path, length: length, into: { digest.hasher.update(bufferPointer: $0) }) == length else {
            return nil
        }
        digest.length = length
        return digest
    }
}

/// The bytes of an input file after its consumed prefix, parsed.
package struct InputTail {
    /// The rows after the prefix, under the file's header.
    package var panel: Panel
    /// The tail's raw bytes (without the header), to extend the prefix digest over.
    package var bytes: [UInt8]
    /// Byte offset within `bytes` just after each data row, in row order.
    package var rowEnds: [Int]
}

extension RunDirectory {
    /// The prefix of input `name` an engine consumed when its last common date
    /// was `lastDate`: the header and every row dated on or before it (the
    /// whole file when `lastDate` is `nil`), with its SHA-256; `nil` when the
    /// file cannot be read or a row's date cannot be read.
    package func consumedPrefix(_ name: String, through lastDate: TradingDate?) -> InputPrefix? {
        let p = file(name)
        guard let length = lastDate.map({ Self.prefixEnd(path: p, through: $0) }) ?? FileDigest.sha256(path: p)?.size,
              let digest = PrefixDigest.stream(path: p, name: name, length: length) else { return nil }
        return digest.prefix
    }

    /// Verifies that input `prefix.name` still starts with the recorded
    /// prefix (streamed through SHA-256); the open digest, or why not.
    package func verifyPrefix(_ prefix: InputPrefix) -> Result<PrefixDigest, UpdateRefusal> {
        let p = file(prefix.name)
        guard FileBytes.exists(p) else { return .failure(UpdateRefusal("\(prefix.name) is missing from \(path)")) }
        guard let digest = PrefixDigest.stream(path: p, name: prefix.name, length: prefix.length) else {
            return .failure(UpdateRefusal("\(prefix.name): its rows differ from what the snapshot consumed (the file is now shorter than the \(prefix.length) bytes it read)"))
        }
        guard digest.prefix.sha256 == prefix.sha256 else {
            return .failure(UpdateRefusal("\(prefix.name): its first \(prefix.length) bytes differ from what the snapshot consumed (a changed, inserted or removed row, or other columns)"))
        }
        return .success(digest)
    }

    /// The rows of input `name` after byte `offset`, parsed under the file's
    /// header line; reads only the header and the bytes after `offset`.
    package func readTail(_ name: String, after offset: Int) -> Result<InputTail, UpdateRefusal> {
        let p = file(name)
        guard let header = FileDigest.firstLine(path: p), header.count <= offset,
              let tail = FileDigest.read(path: p, from: offset) else {
            return .failure(UpdateRefusal("\(name): cannot read the rows after its first \(offset) bytes"))
        }
        var rowEnds: [Int] = []
        var lineStart = 0
        for (i, b) in tail.enumerated() where b == UInt8(ascii: "\n") {
            if i > lineStart && !(i == lineStart + 1 && tail[lineStart] == UInt8(ascii: "\r")) { rowEnds.append(i + 1) }
            lineStart = i + 1
        }
        // A last row without its line end is a row, as for a full read (if it grows later, the prefix check catches it).
        if lineStart < tail.count && !tail[lineStart...].allSatisfy({ $0 == UInt8(ascii: "\r") }) { rowEnds.append(tail.count) }
        do {
            let panel = try CSVReader.parse(bytes: header + tail, file: p)
            guard panel.rowCount == rowEnds.count else {
                return .failure(UpdateRefusal("\(name): the rows after the consumed prefix are not one per line"))
            }
            return .success(InputTail(panel: panel, bytes: tail, rowEnds: rowEnds))
        } catch {
            return .failure(UpdateRefusal("\(name): rows after the consumed prefix: \(error.description)"))
        }
    }

    /// Byte offset just after the last line whose first cell is a date on or
    /// before `lastDate` (just after the header when none is), scanning back
    /// from the end of the file in 64 KiB blocks; `nil` when unreadable.
    static func prefixEnd(path: String, through lastDate: TradingDate) -> Int? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let size = Int(st.st_size)
        var end = size          // end (exclusive) of the not yet examined region
        var carry: [UInt8] = [] // bytes of a line cut by a block boundary (its end part)
        let block = 1 << 16
        while end > 0 {
            let start = max(0, end - block)
            var chunk = [UInt8](repeating: 0, count: end - start)
            let got = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start)) }
            guard got == chunk.count else { return nil }
            var region = chunk + carry
            // Lines in `region`, last first: a line starts after a "\n" or at file offset 0.
            var lineEnd = region.count
            var i = region.count - 1
            while i >= -1 {
                if i == -1 && start > 0 { break }
                if i == -1 || region[i] == UInt8(ascii: "\n") {
                    let lineStart = i + 1
                    if lineStart < lineEnd && !(lineStart == 0 && start == 0) {
                        if let date = firstCellDate(region[lineStart..<lineEnd]) {
                            if date <= lastDate { return start + lineEnd }
                        } else if !region[lineStart..<lineEnd].allSatisfy({ $0 == 10 || $0 == 13 }) {
                            return nil
                        }
                    }
                    if lineStart == 0 && start == 0 { return lineEnd } // reached the header: no row on or before
                    lineEnd = lineStart
                }
                i -= 1
            }
            carry = Array(region[0..<lineEnd])
            region.removeAll()
            end = start
        }
        return nil
    }

    /// The date in a CSV line's first cell (`YYYY-MM-DD`, optionally followed by a time, optionally quoted).
    private static func firstCellDate(_ line: ArraySlice<UInt8>) -> TradingDate? {
        var cell = line.prefix { $0 != UInt8(ascii: ",") && $0 != 10 && $0 != 13 }
        if cell.first == UInt8(ascii: "\"") { cell = cell.dropFirst() }
        guard cell.count >= 10 else { return nil }
        return TradingDate(Substring(String(decoding: cell.prefix(10), as: UTF8.self)))
    }
}

extension RunDirectory {
    /// The input files an engine snapshot records: the state inputs present, then `weights.csv` when present.
    static let snapshotInputs = [File.portfolioReturns, File.equityCurve, File.assetReturns, File.trendUnitReturns,
                                 File.sleeveReturns, File.weights]

    /// The consumed prefix of every input file present: the state inputs
    /// through `lastDate`, `weights.csv` whole. The files are hashed
    /// concurrently (a gappy run's asset and trend returns are equally large).
    func inputPrefixes(through lastDate: TradingDate?) throws(AllocatorError) -> [InputPrefix] {
        let names = Self.snapshotInputs.filter { contains($0) }
        let slots = Locked([InputPrefix?](repeating: nil, count: names.count))
        DispatchQueue.concurrentPerform(iterations: names.count) { i in
            let prefix = consumedPrefix(names[i], through: names[i] == File.weights ? nil : lastDate)
            slots.withLock { $0[i] = prefix }
        }
        var prefixes: [InputPrefix] = []
        for (name, prefix) in zip(names, slots.withLock { $0 }) {
            guard let prefix else {
                throw .writeFailed("\(file(name)): cannot read back its rows to record them in the engine snapshot")
            }
            prefixes.append(prefix)
        }
        return prefixes
    }
}
