import Foundation
import Logging
import TimeSeries
import Allocator

/// A scratch directory under the system temporary folder, removed when the
/// value is released (keep the value alive while its path is in use). Tests
/// copy a fixture's inputs here so they can run `allocator state` against it
/// and corrupt files without touching fixtures; backtests use it as a runs root.
package final class TemporaryRunDirectory {
    package let path: String

    /// An empty directory.
    package init(label: String = "run") throws {
        path = NSTemporaryDirectory() + "allocator-tests-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A copy of the inputs (`*.csv` other than allocator artifacts, and `meta.json`) of `source`.
    package convenience init(copyingInputsOf source: String, label: String = "run") throws {
        try self.init(label: label)
        for name in try FileManager.default.contentsOfDirectory(atPath: source).sorted()
        where (name.hasSuffix(".csv") || name == "meta.json") && !name.hasPrefix("allocator_") {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: file(name))
        }
    }

    /// A directory holding generated inputs.
    package convenience init(writing inputs: StateInputs, label: String = "generated") throws {
        try self.init(label: label)
        func series(_ s: Series, _ name: String) -> Panel { Panel(dates: s.dates, names: [name], columns: [s.values]) }
        try CSVWriter.write(series(inputs.portfolioReturns, "ret"), to: file(RunDirectory.File.portfolioReturns))
        try CSVWriter.write(series(inputs.equityCurve, "equity"), to: file(RunDirectory.File.equityCurve))
        try CSVWriter.write(inputs.assetReturns, to: file(RunDirectory.File.assetReturns))
        if let t = inputs.trendUnitReturns { try CSVWriter.write(t, to: file(RunDirectory.File.trendUnitReturns)) }
        if let s = inputs.sleeveReturns { try CSVWriter.write(s, to: file(RunDirectory.File.sleeveReturns)) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    package var runDirectory: RunDirectory { RunDirectory(path: path) }

    package func file(_ name: String) -> String { path + "/" + name }

    /// The file's bytes, or nil when it does not exist.
    package func bytes(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: file(name)).map { [UInt8]($0) }
    }

    package func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
    }

    package func remove(_ name: String) { try? FileManager.default.removeItem(atPath: file(name)) }

    /// Copies `names` from `source` (those that exist) as writable files.
    package func copy(_ names: [String], from source: String) throws {
        for name in names where FileBytes.exists(source + "/" + name) {
            try FileBytes.writeAtomically(try FileBytes.read(path: source + "/" + name), to: file(name))
        }
    }

    /// Runs `allocator state` on this directory (artifacts written beside the inputs by default).
    @discardableResult
    package func runState(outputDirectory: String? = nil) throws(AllocatorError) -> StateRunResult {
        try StateRun(runDirectory: runDirectory, outputDirectory: outputDirectory, logger: quietLogger).execute()
    }
}

/// A logger that discards everything (keeps test output readable).
package let quietLogger = Logger(label: "AllocatorState") { _ in SwiftLogNoOpLogHandler() }
