import ArgumentParser
import Allocator
import Logging
import TimeSeries

struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Bring a run's allocator artifacts up to date after its inputs grew, processing only the new dates.",
        discussion: """
        `allocator pipeline` leaves an engine snapshot (allocator_engine_snapshot.bin) beside the \
        artifacts. After the run's input files gain new rows (live use: one more day), `update` \
        restores the engine from the snapshot, steps it over the new common dates only and \
        rewrites the artifacts. The result is byte-identical to a fresh `allocator pipeline` \
        (JSON differs only in generated_at).

        With nothing new (same common dates, same rebalances, same meta.json window) it is a no-op that rewrites nothing.

        Cost O(new days): the snapshot records, per input file, the byte length it consumed and \
        that prefix's SHA-256; `update` streams each prefix through SHA-256, parses only the rows \
        after it, steps the engine and appends the new rows to the CSV artifacts. It also repairs \
        a torn set (a writer killed before allocator_manifest.json was written) by recomputing, \
        and recomputes a set without allocator_manifest.json once (it appends to CSVs it does \
        not read back, so it needs the manifest to vouch for them).

        When the past no longer matches what the snapshot saw — a changed, inserted or removed \
        row before the snapshot's last date, different columns, other thresholds or risk \
        settings — `update` does not mix old and new: it says why on stderr and recomputes \
        everything (a full pipeline). A missing or corrupt snapshot is handled the same way.

        Examples:
          allocator update --run-id my_run
          allocator update --run-dir reports/runs/my_run --profile M
        """
    )

    @OptionGroup var options: PipelineOptions

    func run() throws { try Self.run(options.settings) }

    static func run(_ settings: LiveRunSettings) throws {
        ConsoleLogHandler.bootstrap(quiet: settings.quiet)
        let dir = RunDirectory(path: settings.runDirectory)
        let outcome: UpdateOutcome
        do {
            let lock = try settings.writerLock()
            defer { lock?.release() }
            outcome = try RunUpdater(pipeline: settings.pipeline()).update()
        } catch {
            throw fail(error)
        }
        switch outcome {
        case .upToDate(let last):
            print("Up to date: \(dir.path) (last common date \(last.map(\.description) ?? "-")); nothing rewritten.")
        case .updated(let n, let result):
            print("Updated \(dir.path): \(n) new common date(s) processed incrementally.")
            print(PipelineSummary(result: result, runDirectory: dir.path).text)
        case .recomputed(let reason, let result):
            print("Recomputed \(dir.path) in full (\(reason)).")
            print(PipelineSummary(result: result, runDirectory: dir.path).text)
        }
    }
}
