import Foundation
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// Helpers of the live-use tests (SPEC §12): inputs cut at a date by whole
/// lines (so the full file extends the cut one byte for byte, as a live
/// feed appends), and comparisons of a run directory with a fresh pipeline.
enum LiveRun {
    static let inputs = IncrementalEngineTests.inputFiles
    static let csvArtifacts = IncrementalEngineTests.artifacts
    static let jsonArtifacts = IncrementalEngineTests.metadata

    /// Copies the inputs of `source` into `target`, each CSV keeping its header and the rows dated on or before `cut`.
    static func copyInputs(from source: String, to target: String, through cut: TradingDate?) throws {
        for name in inputs where FileBytes.exists(source + "/" + name) {
            let bytes = try FileBytes.read(path: source + "/" + name)
            guard let cut, name.hasSuffix(".csv") else {
                try FileBytes.writeAtomically(bytes, to: target + "/" + name)
                continue
            }
            var kept: [UInt8] = []
            var lineStart = 0
            var first = true
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
                let line = bytes[lineStart...i]
                let date = TradingDate(Substring(String(decoding: line.prefix(10), as: UTF8.self)))
                if first || (date.map { $0 <= cut } ?? false) { kept += line }
                first = false
                lineStart = i + 1
            }
            try FileBytes.writeAtomically(kept, to: target + "/" + name)
        }
    }

    /// The common date `n` dates before the last of `source`'s inputs.
    static func cutDate(_ source: String, newDays n: Int) throws -> TradingDate {
        let common = try RunDirectory(path: source).loadStateInputs().commonDates
        return common[common.count - 1 - n]
    }

    /// Every allocator CSV byte for byte, every metadata JSON but `generated_at`.
    static func expectSameArtifacts(_ a: String, _ b: String, _ context: String = "",
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in csvArtifacts where FileBytes.exists(b + "/" + name) || FileBytes.exists(a + "/" + name) {
            #expect(try FileBytes.read(path: a + "/" + name) == FileBytes.read(path: b + "/" + name), "\(context) \(name)",
                    sourceLocation: sourceLocation)
        }
        for name in jsonArtifacts where FileBytes.exists(b + "/" + name) || FileBytes.exists(a + "/" + name) {
            #expect(try IncrementalEngineTests.withoutTimestamp(a + "/" + name) == IncrementalEngineTests.withoutTimestamp(b + "/" + name),
                    "\(context) \(name)", sourceLocation: sourceLocation)
        }
    }

    /// A fresh pipeline on the full inputs of `source`, in a new directory.
    static func freshPipeline(of source: String, label: String) throws -> TemporaryRunDirectory {
        let full = try TemporaryRunDirectory(label: label)
        try copyInputs(from: source, to: full.path, through: nil)
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: full.path), logger: quietLogger).run()
        return full
    }

    static func update(_ path: String) throws -> UpdateOutcome {
        try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: path), logger: quietLogger),
                       logger: quietLogger).update()
    }
}
