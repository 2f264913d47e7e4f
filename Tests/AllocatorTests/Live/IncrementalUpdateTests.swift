import Foundation
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// `update` costs O(new days) and still equals a fresh pipeline (SPEC §12).
@Suite struct IncrementalUpdateTests {
    /// Fixture and new days: every fixture with 1 and 5, those long enough to stay valid without 60 days with 60 too.
    static let cases: [(String, Int)] = [("baseline_20200106_20251031", 1), ("baseline_20200106_20251031", 5),
                                         ("baseline_20200106_20251031", 60), ("core_v9_baseline_phase0_20251217_193451", 60),
                                         ("test_stage4a_complete", 1), ("test_stage4a_complete", 5),
                                         ("test_allocator_finalized", 1), ("test_allocator_finalized", 5),
                                         ("test_allocator_finalized", 60), ("test_allocator_state_integration", 60)]

    /// Inputs cut `n` common dates before their end (weights too), pipeline,
    /// then the full inputs: `update` processes exactly the `n` new dates and
    /// every artifact equals a fresh pipeline's.
    @Test(.requiresFixtures, arguments: cases)
    func updateAfterNewDaysEqualsPipeline(run: String, n: Int) throws {
        let source = Fixtures.run(run)
        let dir = try TemporaryRunDirectory(label: "live-\(n)")
        try LiveRun.copyInputs(from: source, to: dir.path, through: try LiveRun.cutDate(source, newDays: n))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        try LiveRun.copyInputs(from: source, to: dir.path, through: nil)
        let outcome = try LiveRun.update(dir.path)
        guard case .updated(let processed, _) = outcome else { Issue.record("expected an incremental update, got \(outcome)"); return }
        #expect(processed == n)
        let full = try LiveRun.freshPipeline(of: source, label: "live-full")
        try LiveRun.expectSameArtifacts(dir.path, full.path, "\(run) +\(n)")
        #expect(try RunDirectory(path: dir.path).verifyGeneration() == 2)
        guard case .upToDate = try LiveRun.update(dir.path) else { Issue.record("a second update must be a no-op"); return }
    }

    /// 200 assets × 5000 days with 5 % gaps, grown by 60, then 5, then 1 day:
    /// each update is incremental and the end equals a fresh pipeline.
    @Test func generatedWideRunWithGaps() throws {
        var gen = GeneratedInputs(seed: 1205)
        let dates = GeneratedInputs.weekdays(5000)
        let assets = gen.gappedReturns(rows: dates.count, assets: 200, rate: 0.05)
        let source = try TemporaryRunDirectory(writing: gen.inputs(dates: dates, assets: assets,
                                                                   trend: gen.gappedReturns(rows: dates.count, assets: 10, rate: 0.05)))
        let dir = try TemporaryRunDirectory(label: "live-wide")
        try LiveRun.copyInputs(from: source.path, to: dir.path, through: dates[dates.count - 67])
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        for (cut, n) in [(dates.count - 7, 60), (dates.count - 2, 5), (dates.count - 1, 1)] {
            try LiveRun.copyInputs(from: source.path, to: dir.path, through: dates[cut])
            guard case .updated(let processed, _) = try LiveRun.update(dir.path) else { Issue.record("+\(n): not incremental"); return }
            #expect(processed == n)
        }
        let full = try LiveRun.freshPipeline(of: source.path, label: "live-wide-full")
        try LiveRun.expectSameArtifacts(dir.path, full.path, "200 × 5000")
    }

    /// A change to the past means recompute, reported: one value in the middle
    /// of history, an inserted row, a reordered column. The result is a fresh pipeline's.
    @Test(.requiresFixtures, arguments: ["value", "row", "column"])
    func changedPastIsRecomputedAndReported(change: String) throws {
        let source = Fixtures.run("test_stage4a_complete")
        let dir = try TemporaryRunDirectory(label: "live-past-\(change)")
        try LiveRun.copyInputs(from: source, to: dir.path, through: try LiveRun.cutDate(source, newDays: 5))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        try LiveRun.copyInputs(from: source, to: dir.path, through: nil)
        let name = "asset_returns.csv"
        var lines = String(decoding: try FileBytes.read(path: dir.file(name)), as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let middle = lines.count / 2
        switch change {
        case "value": lines[middle][1] = "0.0123"
        case "row":
            // A weekend or holiday in the middle of history gains a row.
            guard let k = (middle..<lines.count - 1).first(where: {
                TradingDate(Substring(lines[$0][0]))!.adding(days: 1) < TradingDate(Substring(lines[$0 + 1][0]))!
            }) else { Issue.record("no gap to insert a row into"); return }
            var extra = lines[k]
            extra[0] = TradingDate(Substring(extra[0]))!.adding(days: 1).description
            lines.insert(extra, at: k + 1)
        default: lines = lines.map { [$0[0], $0[2], $0[1]] + $0[3...] }
        }
        try FileBytes.writeAtomically(lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n", to: dir.file(name))
        let outcome = try LiveRun.update(dir.path)
        guard case .recomputed(let reason, _) = outcome else { Issue.record("expected a full recompute, got \(outcome)"); return }
        #expect(reason.contains(name) && reason.contains("differ"), "\(reason)")
        let full = try TemporaryRunDirectory(label: "live-past-full")
        try LiveRun.copyInputs(from: dir.path, to: full.path, through: nil)
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: full.path), logger: quietLogger).run()
        try LiveRun.expectSameArtifacts(dir.path, full.path, change)
    }

    /// A run whose manifest is gone cannot vouch for the CSVs an update would
    /// append to (the state CSV is not read back): recomputed, reported, and
    /// then sealed again, so the next update is incremental.
    @Test(.requiresFixtures) func missingManifestIsRecomputedAndReported() throws {
        let source = Fixtures.run("test_stage4a_complete")
        let dir = try TemporaryRunDirectory(label: "live-no-manifest")
        try LiveRun.copyInputs(from: source, to: dir.path, through: try LiveRun.cutDate(source, newDays: 5))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        try LiveRun.copyInputs(from: source, to: dir.path, through: try LiveRun.cutDate(source, newDays: 1))
        FileBytes.remove(dir.file(GenerationManifest.fileName))
        let outcome = try LiveRun.update(dir.path)
        guard case .recomputed(let reason, _) = outcome else { Issue.record("expected a full recompute, got \(outcome)"); return }
        #expect(reason.contains(GenerationManifest.fileName), "\(reason)")
        #expect(try RunDirectory(path: dir.path).verifyGeneration() != nil)
        try LiveRun.copyInputs(from: source, to: dir.path, through: nil)
        guard case .updated(let processed, _) = try LiveRun.update(dir.path) else { Issue.record("expected an incremental update"); return }
        #expect(processed == 1)
        let full = try LiveRun.freshPipeline(of: source, label: "live-no-manifest-full")
        try LiveRun.expectSameArtifacts(dir.path, full.path, "after a missing manifest")
    }

    /// The snapshot records each input's consumed prefix: whole lines, its
    /// length and the SHA-256 of those bytes (computed here independently).
    @Test(.requiresFixtures) func snapshotRecordsEachInputsPrefix() throws {
        let source = Fixtures.run("test_stage4a_complete")
        let dir = try TemporaryRunDirectory(label: "live-prefix")
        try LiveRun.copyInputs(from: source, to: dir.path, through: nil)
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        let snapshot = try #require(EngineSnapshot.decode(try FileBytes.read(path: dir.file(RunDirectory.File.snapshot))).0)
        #expect(snapshot.inputs.map(\.name) == ["portfolio_returns.csv", "equity_curve.csv", "asset_returns.csv",
                                                "trend_unit_returns.csv", "weights.csv"])
        for prefix in snapshot.inputs {
            let bytes = try FileBytes.read(path: dir.file(prefix.name))
            #expect(prefix.length <= bytes.count && bytes[prefix.length - 1] == UInt8(ascii: "\n"), "\(prefix.name)")
            #expect(prefix.sha256 == FileDigest.sha256(Array(bytes[..<prefix.length])), "\(prefix.name)")
        }
    }
}
