import Allocator
import AllocatorTestSupport
@testable import Audit
import Foundation
import Testing
import TimeSeries

/// Run-directory paths, standardized without touching the file system.
@Suite struct RunDirectoryPathTests {
    @Test func pathsAreStandardizedLexically() {
        let cwd = RunDirectory(path: ".").absolutePath
        #expect(RunDirectory(path: "/a/./b//c/").absolutePath == "/a/b/c")
        #expect(RunDirectory(path: "/a/b/../c").absolutePath == "/a/c")
        #expect(RunDirectory(path: "x/..").absolutePath == cwd)
        #expect(RunDirectory(path: "/").name == "/" && RunDirectory(path: "/a/b/.").name == "b")
        #expect(RunDirectory(path: "runs/a").sibling(named: "a_audit").path == "runs/a_audit")
        #expect(RunDirectory(path: "a").sibling(named: "a_audit").path == "./a_audit")
        #expect(RunDirectory(path: "/a/b/.").sibling(named: "b_audit").path == "/a/b_audit")
        #expect(RunDirectory(path: "/top").sibling(named: "x").path == "/x")
        #expect(RunDirectory(path: "runs/./a").isSameDirectory(as: RunDirectory(path: "runs/b/../a/")))
        #expect(RunDirectory(path: "x//").path == "x" && RunDirectory(path: "x//").sibling(named: "x_audit").path == "./x_audit")
        #expect(RunDirectory(path: "//").path == "/")
    }
}

/// Symbolic links: a link and its target are one directory.
@Suite struct RunDirectoryLinkTests {
    @Test func aLinkIsTheDirectoryItPointsTo() throws {
        let scratch = try TemporaryRunDirectory(label: "links")
        try FileManager.default.createDirectory(atPath: scratch.file("real"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.file("other"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.file("link"), withDestinationPath: "real")
        let link = RunDirectory(path: scratch.file("link"))
        #expect(link.isSameDirectory(as: link.sibling(named: "real")))
        #expect(!link.isSameDirectory(as: link.sibling(named: "other")))
        #expect(!link.isSameDirectory(as: link.sibling(named: "absent")))
    }
}

/// Where `allocator audit` writes and what it locks: the scaled run beside
/// the audited one whatever the path is spelled like, never over it, and the
/// audited run locked as a writer when its allocator artifacts are computed
/// into it (two audits of one run must not mix their artifacts).
@Suite(.requiresFixtures) struct AuditRunLocationTests {
    @Test(.requiresAllocatorExecutable) func runDirDotWritesTheSiblingByTheFoldersName() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-dot")
        let run = try AuditCommandTests.userRun(scratch)
        let result = try AllocatorProcess.run(["audit", "--run-dir", ".", "-q"], in: run.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileBytes.exists(scratch.file("user_run_audit/two_pass_comparison.json")))
        #expect(!FileBytes.isDirectory(run.file("._audit")), "not a hidden folder inside the run")
        let json = try JSONParser.parse(try FileBytes.read(path: scratch.file("user_run_audit/two_pass_comparison.json")))
        #expect(json["baseline_run_id"] == .string("baseline_20200106_20251031"), "the run's meta.json id, not `.`")
    }

    @Test(.requiresAllocatorExecutable) func aMistypedRunIsNotCreated() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-nope")
        let result = try AllocatorProcess.run(["audit", "--run-dir", scratch.file("nope")])
        #expect(result.status == 1)
        #expect(result.stderr.contains(scratch.file("nope") + ": required input (run directory) not found"), "\(result.stderr)")
        #expect(!FileBytes.isDirectory(scratch.file("nope")), "not created by taking its lock")
    }

    @Test(.requiresAllocatorExecutable) func aScaledRunIdNamingTheRunItselfIsRefusedAtOnce() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-self")
        let run = try AuditCommandTests.userRun(scratch)
        let result = try AllocatorProcess.run(["audit", "--run-dir", "user_run", "--scaled-run-id", "user_run",
                                               "--lock-timeout", "20"], in: scratch.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("would overwrite the audited run"), "\(result.stderr)")
        #expect(!run.contains(RunDirectory.File.applied), "nothing computed")
    }

    /// While another command reads the audited run (a reader's lock, as every
    /// audit took before), an audit that would compute artifacts into it waits
    /// and gives up ("busy") rather than writing under the reader.
    @Test(.requiresAllocatorExecutable) func computingIntoTheRunTakesItsWriterLock() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-lock")
        let run = try AuditCommandTests.userRun(scratch)
        try RunLock.exclusive(run, timeout: 1).release() // the run's lock file
        let held = try #require(try RunLock.shared(run, timeout: 1))
        defer { held.release() }
        let result = try AllocatorProcess.run(["audit", "--run-dir", run.path, "--lock-timeout", "0.3", "-q"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("busy"), "\(result.stderr)")
        #expect(!run.contains(RunDirectory.File.applied), "nothing computed beside the lock's holder")
    }

    /// A run whose artifacts are present is only read: a reader's lock, which
    /// another reader does not block.
    @Test(.requiresAllocatorExecutable) func readingTheRunTakesAReadersLock() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-reader")
        let run = try AuditCommandTests.userRun(scratch)
        #expect(try AllocatorProcess.run(["audit", "--run-dir", run.path, "-q"]).status == 0)
        let reader = try #require(try RunLock.shared(run, timeout: 1))
        defer { reader.release() }
        let again = try AllocatorProcess.run(["audit", "--run-dir", run.path, "--lock-timeout", "0.3", "-q"])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func replayErrorsNameTheirFile() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-located")
        let run = try AuditCommandTests.userRun(scratch)
        let scaled = RunDirectory(path: scratch.file("user_run_audit"))
        let weights = try CSVReader.read(path: run.file("weights.csv"))
        func expectRefusal(_ expected: AuditError, slippage: Double? = nil) {
            #expect(throws: expected) {
                _ = try OverlayAudit(run: run, scaledRun: scaled, slippageBps: slippage, logger: quietLogger).execute()
            }
        }
        var names = weights.names
        names[2] = names[0]
        try CSVWriter.write(Panel(dates: weights.dates, names: names, columns: weights.columns), to: run.file("weights.csv"))
        expectRefusal(.inFile(file: run.file("weights.csv") + ":1", error: .duplicateColumn(column: names[0], input: .weights)))
        names[2] = "ZZ"
        try CSVWriter.write(Panel(dates: weights.dates, names: names, columns: weights.columns), to: run.file("weights.csv"))
        expectRefusal(.inFile(file: run.file("weights.csv"), error: .assetWithoutReturns(asset: "ZZ")))
        try CSVWriter.write(weights, to: run.file("weights.csv"))
        try FileBytes.writeAtomically(Array(#"{"run_id": "x", "slippage_bps": -2}"#.utf8), to: run.file("meta.json"))
        expectRefusal(.inFile(file: run.file("meta.json") + " (slippage_bps)", error: .invalidSlippage(bps: -2)))
        expectRefusal(.invalidSlippage(bps: -1), slippage: -1)
        try FileBytes.writeAtomically(Array(#"{"run_id": "x", "slippage_bps": "2"}"#.utf8), to: run.file("meta.json"))
        expectRefusal(.invalidConfig(file: run.file("meta.json"),
                                     detail: "`slippage_bps` is \"2\", expected a number of basis points (or give --slippage-bps)"))
    }
}

/// Artifacts computed from other inputs are neither reused nor silently
/// recomputed with default settings: the engine snapshot written with them
/// records what they consumed, and a rewritten row stops the audit until it
/// is asked to recompute.
@Suite(.requiresFixtures) struct AuditArtifactFreshnessTests {
    @Test func changedInputsAreRecomputed() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-fresh")
        let run = try AuditCommandTests.userRun(scratch)
        let audit = OverlayAudit(run: run, scaledRun: RunDirectory(path: scratch.file("user_run_audit")), logger: quietLogger)
        #expect(audit.artifactSource() == .computed(reason: "the run has none"))
        _ = try audit.execute()
        #expect(audit.artifactSource() == .read)

        // Rewrite history: one asset return early in the run changes.
        let returns = try CSVReader.read(path: run.file("asset_returns.csv"))
        var columns = returns.columns
        columns[0][100] += 0.05
        let changed = Panel(dates: returns.dates, names: returns.names, columns: columns)
        try CSVWriter.write(changed, to: run.file("asset_returns.csv"))
        guard case .outdated(let change) = audit.artifactSource() else { Issue.record("outdated artifacts read"); return }
        #expect(change.contains("asset_returns.csv"), "\(change)")
        #expect(audit.artifactSource(checkingInputs: false) == .read, "only the inputs' digests tell")
        #expect(throws: audit.outdatedArtifacts(change)) { try audit.execute() }
        var recompute = audit
        recompute.recomputeAllocator = true
        let refreshed = try recompute.execute()
        #expect(refreshed.computedAllocator && audit.artifactSource() == .read)

        // The same as an audit of a fresh copy of the changed inputs.
        let copy = try TemporaryRunDirectory(label: "audit-fresh-copy")
        let fresh = try AuditCommandTests.userRun(copy)
        try CSVWriter.write(changed, to: fresh.file("asset_returns.csv"))
        let expected = try OverlayAudit(run: fresh, scaledRun: RunDirectory(path: fresh.path + "_audit"), logger: quietLogger).execute()
        #expect(refreshed.pass2.returns == expected.pass2.returns)
        #expect(refreshed.pass2.returns != (try OverlayReplay.replay(
            weights: try CSVReader.read(path: run.file("weights.csv")), assetReturns: changed)).returns,
            "pass 2 is scaled (not pass 1)")
    }
}

extension AuditArtifactFreshnessTests {
    /// The scaled run is rewritten whole: allocator artifacts an earlier
    /// command computed into it (here an audit of the scaled run itself)
    /// describe the old pass 2 and are removed, and the new set verifies.
    @Test func theScaledRunKeepsNoArtifactsOfAnEarlierPassTwo() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-whole")
        let run = try AuditCommandTests.userRun(scratch)
        let scaled = RunDirectory(path: scratch.file("user_run_audit"))
        _ = try OverlayAudit(run: run, scaledRun: scaled, logger: quietLogger).execute()
        _ = try OverlayAudit(run: scaled, scaledRun: RunDirectory(path: scratch.file("again")), logger: quietLogger).execute()
        #expect(scaled.contains(RunDirectory.File.state), "the audit of the scaled run computed its state")
        _ = try OverlayAudit(run: run, scaledRun: scaled, recomputeAllocator: true, logger: quietLogger).execute()
        #expect(!scaled.contains(RunDirectory.File.state) && !scaled.contains(RunDirectory.File.snapshot))
        try scaled.sealGeneration()
        #expect(try scaled.verifyGeneration() != nil)
    }
}
