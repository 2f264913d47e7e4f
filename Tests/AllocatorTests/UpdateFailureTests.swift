import Foundation
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// `allocator update` on failures: the error JSON is the pipeline's.
@Suite(.requiresFixtures) struct UpdateFailureTests {
    static let run = "test_stage4a_complete"

    /// An unparsable row appended to an input: `update` fails as `pipeline`
    /// does, with the state error JSON written and the artifacts untouched.
    @Test func badAppendedRowWritesTheErrorReport() throws {
        let dir = try TemporaryRunDirectory(label: "update-bad-row")
        try dir.copy(IncrementalEngineTests.inputFiles, from: Fixtures.run(Self.run))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path)).run()
        let state = try FileBytes.read(path: dir.file(RunDirectory.File.state))
        let path = dir.file(RunDirectory.File.portfolioReturns)
        try FileBytes.writeAtomically(try FileBytes.read(path: path) + Array("2099-01-04,abc\n".utf8), to: path)
        #expect(throws: AllocatorError.self) {
            _ = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: dir.path))).update()
        }
        #expect(FileBytes.exists(dir.file(RunDirectory.File.stateError)), "update must write the error JSON as pipeline does")
        #expect(try FileBytes.read(path: dir.file(RunDirectory.File.state)) == state)
    }

    /// A failed pipeline left its error JSON; the inputs were then put right
    /// again. `update` finds nothing new, but the run is no longer failed: the
    /// stale error report goes, as it does after a successful pipeline.
    @Test func noOpUpdateRemovesAStaleErrorReport() throws {
        let dir = try TemporaryRunDirectory(label: "update-stale-error")
        try dir.copy(IncrementalEngineTests.inputFiles, from: Fixtures.run(Self.run))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path)).run()
        let path = dir.file(RunDirectory.File.portfolioReturns)
        let good = try FileBytes.read(path: path)
        try FileBytes.writeAtomically(good + Array("2099-01-04,abc\n".utf8), to: path)
        #expect(throws: AllocatorError.self) { _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path)).run() }
        #expect(FileBytes.exists(dir.file(RunDirectory.File.stateError)))
        try FileBytes.writeAtomically(good, to: path)
        let outcome = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: dir.path))).update()
        guard case .upToDate = outcome else { Issue.record("expected a no-op, got \(outcome)"); return }
        #expect(!FileBytes.exists(dir.file(RunDirectory.File.stateError)), "stale error JSON left after a good update")
    }
}

extension UpdateFailureTests {
    /// A snapshot that parses but whose buffers are cut short (hand-edited,
    /// damaged) is corrupt: `update` recomputes in full instead of trapping.
    @Test func truncatedSnapshotBuffersFallBackToRecompute() throws {
        let dir = try TemporaryRunDirectory(label: "update-short-snapshot")
        let source = Fixtures.run(Self.run)
        try dir.copy(IncrementalEngineTests.inputFiles, from: source)
        let path = dir.file(RunDirectory.File.portfolioReturns)
        let lines = String(decoding: try FileBytes.read(path: path), as: UTF8.self).split(separator: "\n")
        try FileBytes.writeAtomically(lines.dropLast(5).joined(separator: "\n") + "\n", to: path)
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path)).run()
        try dir.copy(IncrementalEngineTests.inputFiles, from: source)
        let snapshotPath = dir.file(RunDirectory.File.snapshot)
        var snapshot = try #require(EngineSnapshot.decode(try FileBytes.read(path: snapshotPath)).0)
        snapshot.state.assets = Array(snapshot.state.assets.suffix(5))
        try FileBytes.writeAtomically(snapshot.encoded(), to: snapshotPath)
        let outcome = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: dir.path))).update()
        guard case .recomputed(let reason, _) = outcome else { Issue.record("expected a full recompute, got \(outcome)"); return }
        #expect(reason.contains("inconsistent"))
    }
}

extension UpdateFailureTests {
    /// `meta.json` is an input too (the requested window in the state
    /// metadata): when only it changed, `update` is not a no-op, and its
    /// metadata equals a fresh pipeline's.
    @Test func changedRequestedWindowIsNotUpToDate() throws {
        let dir = try TemporaryRunDirectory(label: "update-meta"), full = try TemporaryRunDirectory(label: "update-meta-full")
        try dir.copy(IncrementalEngineTests.inputFiles, from: Fixtures.run(Self.run))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path)).run()
        let meta = String(decoding: try FileBytes.read(path: dir.file("meta.json")), as: UTF8.self)
        try FileBytes.writeAtomically(meta.replacingOccurrences(of: "\"start_date\": \"2024-09-01\"",
                                                                with: "\"start_date\": \"2024-08-01\""),
                                      to: dir.file("meta.json"))
        try full.copy(IncrementalEngineTests.inputFiles, from: dir.path)
        let outcome = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: dir.path))).update()
        if case .upToDate = outcome { Issue.record("meta.json changed: the state metadata must be rewritten") }
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: full.path)).run()
        let name = RunDirectory.File.stateMeta
        #expect(try IncrementalEngineTests.withoutTimestamp(dir.file(name)) == IncrementalEngineTests.withoutTimestamp(full.file(name)))
    }
}
