import Allocator

/// The files of a calibration, encoded (SPEC §11). An unsharded run and
/// `allocator calibrate merge` build them from the same values
/// (``CalibrationMeta`` and the evaluated candidates), so they are the same bytes.
package enum CalibrationOutputs {
    /// `candidates.csv`, `best.yaml`, `summary.md`, `calibration.json`.
    ///
    /// - Throws: ``CalibrationError/invalidPlan(_:)`` when no candidate was valid.
    package static func files(meta: CalibrationMeta, results: [CandidateResult]) throws(CalibrationError) -> [ArtifactFile] {
        let ranked = results.sorted(by: CandidateResult.ranked)
        guard let best = ranked.first else {
            throw .invalidPlan("no valid candidate: all \(meta.skipped) evaluated candidates were skipped as invalid (thresholds breaking SPEC §4's rules or risk settings out of range)")
        }
        let split = meta.periods.count > 1
        let table = CalibrationTable.table(ranked, parameters: meta.parameters, split: split)
        var config: AllocatorConfig
        do { config = try AllocatorConfig.parse(meta.baseYAML, file: RunDirectory.CalibrationFile.meta + " base_yaml") } catch { throw .run(error) }
        for (name, value) in zip(meta.parameters, best.values) { try CalibrationParameter.apply(name, value, to: &config) }
        let comment = [
            "allocator calibrate: the best of \(meta.evaluated) candidates (\(meta.source)) for run \(meta.runId): candidate \(best.index),",
            "score \(best.train.score.pythonRepr) on the \(split ? "train period \(meta.periods[0].first)…\(meta.periods[0].last)" : "whole run")" + (best.test.map { ", test score \($0.score.pythonRepr)" } ?? "") + ".",
            "Use with: allocator pipeline --run-dir RUN --config best.yaml",
        ]
        return [
            ArtifactFile(name: RunDirectory.CalibrationFile.candidates, bytes: table.encoded()),
            ArtifactFile(name: RunDirectory.CalibrationFile.best, text: ConfigurationYAML.text(config, comment: comment)),
            ArtifactFile(name: RunDirectory.CalibrationFile.summary, text: CalibrationSummary.markdown(meta: meta, ranked: ranked)),
            ArtifactFile(name: RunDirectory.CalibrationFile.meta, json: meta.json()),
        ]
    }

    /// A shard's table and metadata (`shard-i-of-n.csv` / `.json`).
    package static func shardFiles(meta: CalibrationMeta, results: [CandidateResult]) -> [ArtifactFile] {
        guard let shard = meta.shard else { return [] }
        let table = CalibrationTable.table(results, parameters: meta.parameters, split: meta.periods.count > 1)
        return [ArtifactFile(name: RunDirectory.CalibrationFile.shardTable(shard.index, of: shard.count), bytes: table.encoded()),
                ArtifactFile(name: RunDirectory.CalibrationFile.shardMeta(shard.index, of: shard.count), json: meta.json())]
    }
}
