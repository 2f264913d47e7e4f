import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// The manifest's digests come from the ledger (``DigestLedger``) when this
/// process has just hashed, written or appended to a file; they must still
/// be the digests of the bytes on disk.
@Suite(.requiresFixtures) struct DigestLedgerTests {
    static let run = "test_stage4a_complete"

    /// Each manifest entry against the file's bytes, hashed here from scratch.
    static func expectManifestMatchesDisk(_ dir: TemporaryRunDirectory, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let json = try JSONParser.parse(try FileBytes.read(path: dir.file(GenerationManifest.fileName)))
        let manifest = try #require(GenerationManifest(json: json), sourceLocation: sourceLocation)
        #expect(!manifest.entries.isEmpty, sourceLocation: sourceLocation)
        for entry in manifest.entries {
            let bytes = try FileBytes.read(path: dir.file(entry.name))
            #expect(entry.size == bytes.count && entry.sha256 == FileDigest.sha256(bytes), "\(entry.name)", sourceLocation: sourceLocation)
        }
    }

    /// Pipeline (written files), then an update that appends to the CSVs
    /// (digests continued over the appended bytes) and rewrites the rest.
    @Test func appendedAndRewrittenFilesAreRecordedAsOnDisk() throws {
        let source = Fixtures.run(Self.run)
        let dir = try TemporaryRunDirectory(label: "ledger")
        try LiveRun.copyInputs(from: source, to: dir.path, through: try LiveRun.cutDate(source, newDays: 3))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        try Self.expectManifestMatchesDisk(dir)
        try LiveRun.copyInputs(from: source, to: dir.path, through: nil)
        guard case .updated = try LiveRun.update(dir.path) else { Issue.record("expected an incremental update"); return }
        try Self.expectManifestMatchesDisk(dir)
        #expect(try RunDirectory(path: dir.path).verifyGeneration() == 2)
    }

    /// A file changed behind the ledger's back — same size, new content — is
    /// hashed from disk when the next generation is sealed, not taken from the ledger.
    @Test func aFileChangedElsewhereIsHashedAgain() throws {
        let dir = try TemporaryRunDirectory(label: "ledger-stale")
        let run = dir.runDirectory
        try run.write([ArtifactFile(name: RunDirectory.File.regime, bytes: Array("date,regime\n2024-01-02,NORMAL\n".utf8))])
        try run.sealGeneration()
        try Self.expectManifestMatchesDisk(dir)
        try dir.write(RunDirectory.File.regime, Array("date,regime\n2024-01-02,CRISIS\n".utf8))
        try run.write([ArtifactFile(name: RunDirectory.File.risk, bytes: Array("date,risk_scalar\n".utf8))])
        try run.sealGeneration()
        try Self.expectManifestMatchesDisk(dir)
    }
}
