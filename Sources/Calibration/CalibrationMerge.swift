import Allocator
import TimeSeries

/// `allocator calibrate merge`: joins the shard files of `calibration/`
/// into the outputs an unsharded run writes, byte for byte.
///
/// Requires every shard `0…n−1` of one `n`, metadata that agree (all but the
/// shard's own counts), and each candidate once, in the shard its index
/// selects (`k mod n = i`).
package enum CalibrationMerge {
    /// Merges and writes; returns the paths written.
    package static func merge(run: RunDirectory) throws(CalibrationError) -> [String] {
        let shards = run.calibrationShards()
        guard let n = shards.first?.count else {
            throw .merge("no shard-i-of-n.csv in \(run.calibrationDirectory.path) (run `allocator calibrate --shard i/n` first)")
        }
        guard shards.allSatisfy({ $0.count == n }) else {
            throw .merge("\(run.calibrationDirectory.path) holds shards of different counts (\(Set(shards.map(\.count)).sorted().map(String.init).joined(separator: ", "))); remove the stale ones")
        }
        let missing = Set(0..<n).subtracting(shards.map(\.index)).sorted()
        guard missing.isEmpty else { throw .merge("missing shard(s) \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) of \(n)") }
        var merged: CalibrationMeta?
        var reference = ""
        var results: [CandidateResult] = []
        var seen = Set<Int>()
        for i in 0..<n {
            let metaName = RunDirectory.CalibrationFile.shardMeta(i, of: n), tableName = RunDirectory.CalibrationFile.shardTable(i, of: n)
            let metaPath = run.calibrationDirectory.file(metaName), tablePath = run.calibrationDirectory.file(tableName)
            let json: JSONValue?
            do { json = try run.readCalibrationJSON(metaName) } catch { throw .run(error) }
            guard let json else { throw .merge("\(metaPath) is missing") }
            let meta = try CalibrationMeta(json: json, file: metaPath)
            let text = meta.json(counts: false).serialized()
            if merged == nil {
                merged = meta
                reference = text
            } else {
                guard text == reference else { throw .merge("\(metaPath) describes another calibration than shard 0 (other config, run, candidates or windows)") }
                merged!.evaluated += meta.evaluated
                merged!.skipped += meta.skipped
            }
            let table: CandidateTable?
            do { table = try run.readCalibrationTable(tableName, integerColumns: CalibrationTable.integerColumns(parameters: meta.parameters)) } catch { throw .run(error) }
            guard let table else { throw .merge("\(tablePath) is missing") }
            for r in try CalibrationTable.results(table, parameters: meta.parameters, split: meta.periods.count > 1, file: tablePath) {
                guard r.index % n == i, r.index < meta.candidateCount, seen.insert(r.index).inserted else {
                    throw .merge("\(tablePath): candidate \(r.index) does not belong to shard \(i)/\(n) or appears twice")
                }
                results.append(r)
            }
        }
        guard var meta = merged else { throw .merge("no shard read") }
        guard results.count == meta.evaluated else { throw .merge("the shards' metadata count \(meta.evaluated) evaluated candidates but their tables hold \(results.count)") }
        meta.shard = nil
        let files = try CalibrationOutputs.files(meta: meta, results: results)
        do { return try run.writeCalibration(files) } catch { throw .run(error) }
    }
}
