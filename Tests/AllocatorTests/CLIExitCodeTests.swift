import Testing
import TimeSeries
@testable import Allocator

/// The `allocator` executable's exit codes and messages (SPEC §8): 0 on
/// success (warnings allowed), 1 on bad input or failed validation, the
/// argument parser's code (64) on usage errors.
@Suite struct CLIExitCodeTests {
    static let dropWarning = "[Validator] ⚠️  Large number of rows dropped: 59/310 (19.0% > 5.0% threshold). This may indicate data quality issues or misaligned inputs."

    @Test func badInputExitsOneNamingFileAndLine() throws {
        guard let source = Fixtures.directory("test_stage4a_complete") else { return }
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "cli")
        var lines = String(decoding: dir.bytes(RunDirectory.File.assetReturns)!, as: UTF8.self).components(separatedBy: "\n")
        Corruption.cell(&lines, line: 5, column: 2, "0.01x")
        try dir.write(RunDirectory.File.assetReturns, Array(lines.joined(separator: "\n").utf8))
        guard let outcome = try AllocatorProcess.run(["state", "--run-dir", dir.path]) else { return }
        #expect(outcome.status == 1)
        #expect(outcome.stderrLines.contains { $0.hasPrefix("error:") && $0.contains("asset_returns.csv:5:") }, "\(outcome.stderr)")
        #expect(dir.bytes(RunDirectory.File.stateError) != nil)
    }

    @Test func mistypedRunIdExitsOneAndCreatesNothing() throws {
        let root = try TemporaryRunDirectory(label: "root")
        guard let outcome = try AllocatorProcess.run(["state", "--run-id", "typo", "--runs-root", root.path]) else { return }
        #expect(outcome.status == 1)
        #expect(outcome.stderrLines.contains { $0.hasPrefix("error:") && $0.contains(root.file("typo")) }, "\(outcome.stderr)")
        #expect(!FileBytes.isDirectory(root.file("typo")))
    }

    @Test(arguments: [["state"], ["validate"], ["state", "--run-dir", "a", "--run-id", "b"], ["state", "--no-such-flag"]])
    func usageErrorsExitWithTheParsersCode(arguments: [String]) throws {
        guard let outcome = try AllocatorProcess.run(arguments) else { return }
        #expect(outcome.status == 64, "\(outcome.stderr)")
    }

    @Test(arguments: ["--run_id", "--run-id"])
    func runIdUnderRunsRootIsTheRunDirectory(flag: String) throws {
        guard let source = Fixtures.directory("test_stage4a_complete") else { return }
        let root = try TemporaryRunDirectory(label: "root")
        let run = try TemporaryRunDirectory(copyingInputsOf: source, label: "cli")
        let name = String(run.path.split(separator: "/").last!)
        let viaDir = root.path + "/via-dir"
        guard let a = try AllocatorProcess.run(["state", "--run-dir", run.path, "--output-dir", viaDir, "-q"]) else { return }
        #expect(a.status == 0, "\(a.stderr)")
        let runsRoot = String(run.path.dropLast(name.count + 1))
        guard let b = try AllocatorProcess.run(["state", flag, name, "--runs-root", runsRoot, "-q"]) else { return }
        #expect(b.status == 0, "\(b.stderr)")
        let expected = try FileBytes.read(path: viaDir + "/" + RunDirectory.File.state)
        #expect(run.bytes(RunDirectory.File.state) == expected, "written into <runs-root>/<id>, same bytes")
    }

    @Test(arguments: ["test_allocator_state_integration", "baseline_20200106_20251031"])
    func validateAcceptsFixturesAndWarnsOnDrops(run: String) throws {
        guard let dir = Fixtures.directory(run) else { return }
        guard let outcome = try AllocatorProcess.run(["validate", "--run-dir", dir]) else { return }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let warns = run == "test_allocator_state_integration"
        #expect(outcome.stderrLines.contains(Self.dropWarning) == warns, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Large number of rows dropped") == warns)
    }

    @Test(arguments: ["test_allocator_state_integration", "baseline_20200106_20251031"])
    func stateWarnsOnDropsOnStderr(run: String) throws {
        guard let dir = Fixtures.directory(run) else { return }
        let out = try TemporaryRunDirectory(label: "out")
        guard let outcome = try AllocatorProcess.run(["state", "--run-dir", dir, "--output-dir", out.path]) else { return }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let warns = run == "test_allocator_state_integration"
        #expect(outcome.stderrLines.contains(Self.dropWarning) == warns, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Large number of rows dropped") == false, "warnings go to stderr")
    }

    @Test func validateFailsOnMissingRequiredColumn() throws {
        guard let source = Fixtures.directory("test_allocator_state_integration") else { return }
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "cli")
        for file in [RunDirectory.File.state, RunDirectory.File.stateMeta] {
            try dir.write(file, FileBytes.read(path: source + "/" + file))
        }
        let state = try CSVReader.read(path: dir.file(RunDirectory.File.state))
        let keep = state.names.indices.filter { state.names[$0] != "corr_shock" }
        let spoiled = Panel(dates: state.dates, names: keep.map { state.names[$0] }, columns: keep.map { state.columns[$0] })
        try CSVWriter.write(spoiled, to: dir.file(RunDirectory.File.state))
        guard let outcome = try AllocatorProcess.run(["validate", "--run-dir", dir.path]) else { return }
        #expect(outcome.status == 1)
        #expect(outcome.stderrLines.contains { $0.hasPrefix("error:") && $0.contains("corr_shock") }, "\(outcome.stderr)")
    }
}
