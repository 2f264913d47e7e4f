#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TimeSeries

extension RunDirectory {
    /// File names of a calibration (SPEC §11), in the run's `calibration/` folder.
    package enum CalibrationFile {
        /// The folder inside the run.
        package static let folder = "calibration"
        /// One row per evaluated candidate, best first.
        package static let candidates = "candidates.csv"
        /// The best candidate as a `--config` file.
        package static let best = "best.yaml"
        /// Top 10, defaults, train/test gap, sensitivity.
        package static let summary = "summary.md"
        /// What was searched and how (parameters, base values, windows, weights, the defaults' scores).
        package static let meta = "calibration.json"

        /// `shard-i-of-n.csv`: the rows of one shard.
        package static func shardTable(_ index: Int, of count: Int) -> String { "shard-\(index)-of-\(count).csv" }
        /// `shard-i-of-n.json`: the shard's `calibration.json`.
        package static func shardMeta(_ index: Int, of count: Int) -> String { "shard-\(index)-of-\(count).json" }
    }

    /// The run's `calibration/` folder.
    package var calibrationDirectory: RunDirectory { RunDirectory(path: file(CalibrationFile.folder)) }

    /// Writes calibration files into `calibration/` (created when absent), each atomically.
    package func writeCalibration(_ files: [ArtifactFile]) throws(AllocatorError) -> [String] {
        let folder = calibrationDirectory
        try folder.write(files)
        return files.map { folder.file($0.name) }
    }

    /// A table of `calibration/` (`candidates.csv` or a shard), `nil` when absent.
    package func readCalibrationTable(_ name: String, integerColumns: Set<String>) throws(AllocatorError) -> CandidateTable? {
        let p = calibrationDirectory.file(name)
        guard FileBytes.exists(p) else { return nil }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path: p) } catch { throw .csv(error) }
        return try CandidateTable.decode(bytes, file: p, integerColumns: integerColumns)
    }

    /// A JSON file of `calibration/`, `nil` when absent.
    package func readCalibrationJSON(_ name: String) throws(AllocatorError) -> JSONValue? {
        try calibrationDirectory.readJSON(name)
    }

    /// The shard tables present in `calibration/` as `(index, count)`, sorted.
    package func calibrationShards() -> [(index: Int, count: Int)] {
        guard let dir = opendir(calibrationDirectory.path) else { return [] }
        defer { closedir(dir) }
        var found: [(Int, Int)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix("shard-"), name.hasSuffix(".csv") else { continue }
            let parts = name.dropFirst(6).dropLast(4).split(separator: "-")
            guard parts.count == 3, parts[1] == "of", let i = Int(parts[0]), let n = Int(parts[2]) else { continue }
            found.append((i, n))
        }
        return found.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }

    /// The calibration of this run for the audit report, `nil` unless
    /// `calibration/` holds `candidates.csv` (with at least one row),
    /// `best.yaml` and `calibration.json`.
    package func readCalibrationRecord() -> CalibrationRecord? {
        guard calibrationDirectory.contains(CalibrationFile.best),
              let json = try? readCalibrationJSON(CalibrationFile.meta),
              let table = (try? readCalibrationTable(CalibrationFile.candidates, integerColumns: [])) ?? nil else { return nil }
        return CalibrationRecord(table: table, meta: json)
    }
}
