import Foundation
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// Where a run reads and writes: a run directory that does not exist (a
/// mistyped `--run-id`) is reported as such and not created just to hold an
/// error report; an output location that cannot be a directory fails cleanly.
@Suite struct StateRunLocationTests {
    @Test func missingRunDirectoryIsReportedAndNotCreated() throws {
        let root = try TemporaryRunDirectory(label: "root")
        let missing = root.file("no-such-run")
        let error = try #require(throws: AllocatorError.self) {
            try StateRun(runDirectory: RunDirectory(path: missing), logger: quietLogger).execute()
        }
        #expect(error.description.hasPrefix(missing + ":"), "\(error.description)")
        #expect(!FileBytes.isDirectory(missing))
    }

    @Test func errorReportGoesToAnExplicitOutputDirectory() throws {
        let root = try TemporaryRunDirectory(label: "root")
        let out = try TemporaryRunDirectory(label: "out")
        let error = try #require(throws: AllocatorError.self) {
            try StateRun(runDirectory: RunDirectory(path: root.file("no-such-run")), outputDirectory: out.path,
                         logger: quietLogger).execute()
        }
        expectErrorReport(in: out, error: error)
    }

    @Test(.requiresFixtures) func unwritableOutputFailsWithoutCrashingOrLeftovers() throws {
        let source = Fixtures.run("test_stage4a_complete")
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "out")
        try dir.write("not-a-directory", [0x78])
        let error = try #require(throws: AllocatorError.self) {
            try StateRun(runDirectory: dir.runDirectory, outputDirectory: dir.file("not-a-directory"), logger: quietLogger).execute()
        }
        #expect(error.typeName == "WriteError", "\(error)")
        #expect(dir.bytes("not-a-directory") == [0x78])
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.contains { $0.contains(".tmp-") }, "\(names)")
    }
}
