import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// The `allocator` executable's exit codes and messages (SPEC §8): 0 on
/// success (warnings allowed), 1 on bad input or failed validation, the
/// argument parser's code (64) on usage errors.
@Suite(.requiresAllocatorExecutable) struct CLIExitCodeTests {
    static let dropWarning = "[Validator] ⚠️  Large number of rows dropped: 59/310 (19.0% > 5.0% threshold). This may indicate data quality issues or misaligned inputs."

    @Test(.requiresFixtures) func badInputExitsOneNamingFileAndLine() throws {
        let source = Fixtures.run("test_stage4a_complete")
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "cli")
        var lines = String(decoding: dir.bytes(RunDirectory.File.assetReturns)!, as: UTF8.self).components(separatedBy: "\n")
        Corruption.cell(&lines, line: 5, column: 2, "0.01x")
        try dir.write(RunDirectory.File.assetReturns, Array(lines.joined(separator: "\n").utf8))
        let outcome = try AllocatorProcess.run(["state", "--run-dir", dir.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderrLines.contains { $0.hasPrefix("error:") && $0.contains("asset_returns.csv:5:") }, "\(outcome.stderr)")
        #expect(dir.bytes(RunDirectory.File.stateError) != nil)
    }

    @Test func mistypedRunIdExitsOneAndCreatesNothing() throws {
        let root = try TemporaryRunDirectory(label: "root")
        let outcome = try AllocatorProcess.run(["state", "--run-id", "typo", "--runs-root", root.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderrLines.contains { $0.hasPrefix("error:") && $0.contains(root.file("typo")) }, "\(outcome.stderr)")
        #expect(!FileBytes.isDirectory(root.file("typo")))
    }

    @Test(arguments: [["state"], ["validate"], ["state", "--run-dir", "a", "--run-id", "b"], ["state", "--no-such-flag"]])
    func usageErrorsExitWithTheParsersCode(arguments: [String]) throws {
        let outcome = try AllocatorProcess.run(arguments)
        #expect(outcome.status == 64, "\(outcome.stderr)")
    }

    @Test(.requiresFixtures, arguments: ["--run_id", "--run-id"])
    func runIdUnderRunsRootIsTheRunDirectory(flag: String) throws {
        let source = Fixtures.run("test_stage4a_complete")
        let root = try TemporaryRunDirectory(label: "root")
        let run = try TemporaryRunDirectory(copyingInputsOf: source, label: "cli")
        let name = String(run.path.split(separator: "/").last!)
        let viaDir = root.path + "/via-dir"
        let a = try AllocatorProcess.run(["state", "--run-dir", run.path, "--output-dir", viaDir, "-q"])
        #expect(a.status == 0, "\(a.stderr)")
        let runsRoot = String(run.path.dropLast(name.count + 1))
        let b = try AllocatorProcess.run(["state", flag, name, "--runs-root", runsRoot, "-q"])
        #expect(b.status == 0, "\(b.stderr)")
        let expected = try FileBytes.read(path: viaDir + "/" + RunDirectory.File.state)
        #expect(run.bytes(RunDirectory.File.state) == expected, "written into <runs-root>/<id>, same bytes")
    }

    @Test(.requiresFixtures, arguments: ["test_allocator_state_integration", "baseline_20200106_20251031"])
    func validateAcceptsFixturesAndWarnsOnDrops(run: String) throws {
        let dir = Fixtures.run(run)
        let outcome = try AllocatorProcess.run(["validate", "--run-dir", dir])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let warns = run == "test_allocator_state_integration"
        #expect(outcome.stderrLines.contains(Self.dropWarning) == warns, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Large number of rows dropped") == warns)
    }

    @Test(.requiresFixtures, arguments: ["test_allocator_state_integration", "baseline_20200106_20251031"])
    func stateWarnsOnDropsOnStderr(run: String) throws {
        let dir = Fixtures.run(run)
        let out = try TemporaryRunDirectory(label: "out")
        let outcome = try AllocatorProcess.run(["state", "--run-dir", dir, "--output-dir", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let warns = run == "test_allocator_state_integration"
        #expect(outcome.stderrLines.contains(Self.dropWarning) == warns, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Large number of rows dropped") == false, "warnings go to stderr")
    }

    @Test(.requiresFixtures) func validateFailsOnMissingRequiredColumn() throws {
        let source = Fixtures.run("test_allocator_state_integration")
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "cli")
        for file in [RunDirectory.File.state, RunDirectory.File.stateMeta] {
            try dir.write(file, FileBytes.read(path: source + "/" + file))
        }
        let state = try CSVReader.read(path: dir.file(RunDirectory.File.state))
        let keep = state.names.indices.filter { state.names[$0] != "corr_shock" }
        let spoiled = Panel(dates: state.dates, names: keep.map { state.names[$0] }, columns: keep.map { state.columns[$0] })
        try CSVWriter.write(spoiled, to: dir.file(RunDirectory.File.state))
        let outcome = try AllocatorProcess.run(["validate", "--run-dir", dir.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderrLines.contains { $0.hasPrefix("error:") && $0.contains("corr_shock") }, "\(outcome.stderr)")
    }
}
