import Foundation
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// `allocator_manifest.json`: generations that readers can trust (SPEC §12).
@Suite(.requiresFixtures) struct GenerationTests {
    static let run = "test_stage4a_complete"

    /// A pipeline writes generation 1, the next write generation 2; every
    /// artifact is listed with its size and SHA-256 (computed here independently).
    @Test func manifestListsEveryArtifact() throws {
        let dir = try TemporaryRunDirectory(label: "gen")
        try LiveRun.copyInputs(from: Fixtures.run(Self.run), to: dir.path, through: nil)
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        let json = try JSONParser.parse(try FileBytes.read(path: dir.file(GenerationManifest.fileName)))
        let manifest = try #require(GenerationManifest(json: json))
        #expect(manifest.generation == 1 && manifest.complete)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("allocator_") && $0 != GenerationManifest.fileName }
        #expect(manifest.entries.map(\.name) == names.sorted())
        for entry in manifest.entries {
            let bytes = try FileBytes.read(path: dir.file(entry.name))
            #expect(entry.size == bytes.count)
            #expect(entry.sha256 == FileDigest.sha256(bytes))
        }
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        #expect(try RunDirectory(path: dir.path).verifyGeneration() == 2)
    }

    /// The reference fixtures have no manifest: legacy, readable, unverified.
    @Test func directoryWithoutManifestIsReadable() throws {
        #expect(try RunDirectory(path: Fixtures.run(Self.run)).verifyGeneration() == nil)
    }

    /// A torn set — the marker of generation 2 and a changed artifact, as a
    /// writer killed midway leaves it; or a torn append without the marker —
    /// is refused with the exact message, and `update` repairs it to a fresh pipeline's bytes.
    @Test(arguments: ["marked", "append"]) func tornSetIsRefusedThenRepaired(kind: String) throws {
        let dir = try TemporaryRunDirectory(label: "torn")
        try LiveRun.copyInputs(from: Fixtures.run(Self.run), to: dir.path, through: nil)
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        let run = RunDirectory(path: dir.path)
        if kind == "marked" { try run.beginGeneration() }
        try FileBytes.append(Array("2099-01-01,0.5".utf8), to: dir.file(RunDirectory.File.risk))
        #expect(throws: AllocatorError.incompleteGeneration(generation: 2, directory: dir.path)) { try run.verifyGeneration() }
        #expect(AllocatorError.incompleteGeneration(generation: 2, directory: dir.path).description
            == "\(dir.path): incomplete write of generation 2; run allocator update")
        guard case .recomputed(let reason, _) = try LiveRun.update(dir.path) else { Issue.record("a torn set must be recomputed"); return }
        #expect(reason.contains("incomplete write of generation 2"))
        #expect(try run.verifyGeneration() == 2)
        let full = try LiveRun.freshPipeline(of: dir.path, label: "torn-full")
        try LiveRun.expectSameArtifacts(dir.path, full.path, kind)
    }

    /// An artifact the manifest does not list (written by a killed writer before its manifest) is a torn set too.
    @Test func unlistedArtifactIsRefused() throws {
        let dir = try TemporaryRunDirectory(label: "unlisted")
        try LiveRun.copyInputs(from: Fixtures.run(Self.run), to: dir.path, through: nil)
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        try FileBytes.writeAtomically("date,x\n", to: dir.file("allocator_sleeve_scalars_v1.csv"))
        #expect(throws: AllocatorError.incompleteGeneration(generation: 2, directory: dir.path)) {
            try RunDirectory(path: dir.path).verifyGeneration()
        }
    }
}
