import Allocator
import AllocatorTestSupport
import Foundation
import Testing

/// Bad input: a clear error, exit 1, and no `calibration/` folder.
@Suite(.requiresFixtures, .requiresAllocatorExecutable) struct CalibrationBadInputTests {
    static func refused(_ yaml: String, _ extra: [String], mentions: String) throws {
        let dir = try TemporaryRunDirectory(copyingInputsOf: Fixtures.run(Fixtures.baseline), label: "calib-bad")
        try dir.write("calib.yaml", Array(yaml.utf8))
        let r = try AllocatorProcess.run(["calibrate", "--run-dir", dir.path, "--config", dir.file("calib.yaml")] + extra)
        #expect(r.status == 1, "exit 1: \(r.stderr)")
        #expect(r.stderr.contains("error:") && r.stderr.contains(mentions), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("calibration")), "nothing written")
    }

    /// Without `--config` there is nothing to search: the error says what to give.
    @Test func missingConfig() throws {
        let dir = try TemporaryRunDirectory(copyingInputsOf: Fixtures.run(Fixtures.baseline), label: "calib-bad")
        let r = try AllocatorProcess.run(["calibrate", "--run-dir", dir.path])
        #expect(r.status == 1, "exit 1: \(r.stderr)")
        #expect(r.stderr.contains("nothing to search: give --config FILE") && r.stderr.contains("docs/calibrate_example.yaml"),
                "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("calibration")), "nothing written")
    }

    @Test func emptyGrid() throws {
        try Self.refused("calibrate: {}\n", [], mentions: "empty grid")
        try Self.refused("calibrate:\n  vol_accel_enter: []\n", [], mentions: "empty list")
    }

    @Test func unknownParameter() throws {
        try Self.refused("calibrate:\n  vol_accel_entr: [1.2]\n", [], mentions: "unknown parameter `vol_accel_entr`")
        try Self.refused("calibrate:\n  ranges: {volatility: [1, 2]}\n", ["--samples", "5"], mentions: "unknown parameter `volatility`")
    }

    @Test func rangeWithMinAboveMax() throws {
        try Self.refused("calibrate:\n  ranges:\n    vol_accel_enter: [1.6, 1.1]\n", ["--samples", "5"], mentions: "min > max")
    }

    @Test func trainEndOutsideTheData() throws {
        try Self.refused("calibrate:\n  vol_accel_enter: [1.3]\n", ["--train-end", "2030-01-01"], mentions: "--train-end 2030-01-01 is outside the data")
        try Self.refused("calibrate:\n  vol_accel_enter: [1.3]\n", ["--train-end", "2019-01-01"], mentions: "outside the data")
    }

    @Test func shardIndexNotBelowCount() throws {
        try Self.refused("calibrate:\n  vol_accel_enter: [1.3]\n", ["--shard", "3/3"], mentions: "must be < the shard count 3")
    }
}
