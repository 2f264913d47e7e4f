import Crypto
import TimeSeries

extension RunDirectory {
    /// Writes `files` into this directory (created when absent), each atomically, in order.
    ///
    /// When any of them belongs to the allocator's generation, the manifest is
    /// first marked "generation N being written" (``beginGeneration()``); the
    /// command completes it with ``sealGeneration()`` once its last artifact is written.
    package func write(_ files: [ArtifactFile]) throws(AllocatorError) {
        if !path.isEmpty && !FileBytes.isDirectory(path) { try create() }
        if files.contains(where: { GenerationManifest.isTracked($0.name) }) { try beginGeneration() }
        do { try ArtifactFile.write(files, to: path) } catch { throw .writeFailed("\(error)") }
        for f in files where GenerationManifest.isTracked(f.name) { DigestLedger.recordWritten(file(f.name), bytes: f.bytes) }
    }

    /// Writes `files` as the directory's whole set of generation artifacts:
    /// the tracked artifacts of earlier writes that `files` does not replace
    /// are removed first (the generation marked in progress), so none is left
    /// to describe other inputs; then ``write(_:)``.
    package func writeWhole(_ files: [ArtifactFile]) throws(AllocatorError) {
        let replaced = Set(files.map(\.name))
        remove(trackedFiles().filter { !replaced.contains($0) })
        try write(files)
    }

    /// Appends `bytes` to the file `name` of this directory (which must exist).
    ///
    /// Not atomic: the caller has marked the generation in progress first, so
    /// a torn append is caught by the manifest (SPEC §12).
    package func append(_ bytes: [UInt8], to name: String) throws(AllocatorError) {
        let path = file(name)
        var hasher = DigestLedger.hasher(for: path)
        do { try FileBytes.append(bytes, to: path) } catch {
            DigestLedger.forget(path)
            throw .writeFailed("\(error)")
        }
        guard hasher != nil else { return DigestLedger.forget(path) }
        bytes.withUnsafeBytes { hasher?.update(bufferPointer: $0) }
        if let hasher { DigestLedger.record(path, hasher: hasher) }
    }

    /// The bytes of `name` in `source`, as an artifact of this run (an input carried over unchanged).
    package func carriedOver(_ name: String, from source: RunDirectory) throws(AllocatorError) -> ArtifactFile {
        do { return ArtifactFile(name: name, bytes: try FileBytes.read(path: source.file(name))) } catch { throw .csv(error) }
    }

    /// Removes the files called `names` where they exist (a generation's
    /// artifact is removed only after the generation is marked in progress).
    package func remove(_ names: String...) {
        remove(names)
    }

    /// Removes the files called `names` where they exist (a generation's
    /// artifact is removed only after the generation is marked in progress).
    package func remove(_ names: [String]) {
        for name in names where contains(name) {
            if GenerationManifest.isTracked(name) { try? beginGeneration() }
            FileBytes.remove(file(name))
        }
    }

    /// Creates the directory (and its parents) when absent.
    package func create() throws(AllocatorError) {
        do { try FileBytes.makeDirectories(path) } catch { throw .writeFailed("\(error)") }
    }

    /// A JSON file of this run, `nil` when absent.
    ///
    /// - Throws: ``AllocatorError/invalidRunMeta(file:detail:)`` naming the file when it is not valid JSON.
    package func readJSON(_ name: String) throws(AllocatorError) -> JSONValue? {
        let p = file(name)
        guard FileBytes.exists(p) else { return nil }
        do { return try JSONParser.parse(try FileBytes.read(path: p)) } catch let e as JSONParser.ParseError {
            throw .invalidRunMeta(file: p, detail: e.description)
        } catch { throw .invalidRunMeta(file: p, detail: "\(error)") }
    }

    /// A CSV file of this run, `nil` when absent.
    package func readPanelIfPresent(_ name: String) throws(AllocatorError) -> Panel? {
        guard contains(name) else { return nil }
        do { return try CSVReader.read(path: file(name)) } catch { throw .csv(error) }
    }

    /// `allocator_regime_v1.csv` (`date,regime`, text labels), `nil` when
    /// absent or not in that layout; labels are read as written (a label the
    /// contract does not know is kept, so callers decide).
    package func readRegimeLabels() -> (dates: [TradingDate], labels: [String])? {
        guard let bytes = try? FileBytes.read(path: file(File.regime)) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> (dates: [TradingDate], labels: [String])? in
            var dates: [TradingDate] = []
            var labels: [String] = []
            var sawHeader = false
            var start = 0
            // Lines end at LF, CR, VT or FF; empty lines are skipped.
            while start < buffer.count {
                var end = start
                while end < buffer.count, !(0x0A...0x0D).contains(buffer[end]) { end += 1 }
                defer { start = end + 1 }
                if end == start { continue }
                let line = buffer[start..<end]
                if !sawHeader {
                    guard line.elementsEqual("date,regime".utf8) else { return nil }
                    sawHeader = true
                    continue
                }
                guard let comma = line.firstIndex(of: 0x2C), !line[(comma + 1)...].contains(0x2C),
                      let date = TradingDate.parse(buffer[start..<comma]) else { return nil }
                dates.append(date)
                labels.append(String(decoding: buffer[(comma + 1)..<end], as: UTF8.self))
            }
            return sawHeader ? (dates, labels) : nil
        }
    }

    /// `allocator_regime_v1.csv` with every label a contract regime, else `nil`.
    func readRegimes() -> (dates: [TradingDate], regimes: [Regime])? {
        guard let table = readRegimeLabels() else { return nil }
        var regimes: [Regime] = []
        regimes.reserveCapacity(table.labels.count)
        for label in table.labels {
            guard let r = Regime(label: label) else { return nil }
            regimes.append(r)
        }
        return (table.dates, regimes)
    }

    /// Writes the state error report (SPEC §3) for `error` after `steps`.
    package func writeStateErrorReport(_ error: AllocatorError, steps: [String], inputs: RunDirectory? = nil) throws(AllocatorError) {
        let report = StateErrorReport(error: error, steps: steps, inputsPresent: (inputs ?? self).inputsPresent,
                                      inputDiagnostics: (inputs ?? self).inputDiagnostics())
        try create()
        try write([ArtifactFile(name: File.stateError, json: report.json())])
    }
}

/// Reads a data file that is not part of a run directory (market data, a
/// configuration) and writes standalone data files.
package enum DataFile {
    /// A CSV file as a panel (SPEC §1 reading rules).
    package static func readPanel(path: String) throws(CSVError) -> Panel {
        try CSVReader.read(path: path)
    }

    /// A text file's content (UTF-8).
    package static func readText(path: String) throws(CSVError) -> String {
        String(decoding: try FileBytes.read(path: path), as: UTF8.self)
    }

    /// Writes `panel` as CSV (SPEC §1 writing rules) to `path`, atomically,
    /// creating its folder when needed.
    package static func writePanel(_ panel: Panel, to path: String) throws {
        let directory = FileBytes.directory(of: path)
        if !directory.isEmpty { try FileBytes.makeDirectories(directory) }
        try CSVWriter.write(panel, to: path)
    }
}
