import Foundation
import Testing
import TimeSeries
@testable import Allocator

/// One way to spoil a good run directory.
struct Corruption: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    /// The new file contents from the old lines (`nil` = delete the file).
    var spoil: @Sendable (_ lines: [String]) -> [UInt8]?
    /// `AllocatorError.typeName` expected.
    var errorType: String
    /// Text the error description must contain (the file, or the input's role).
    var names: String?
    /// `file:line:` expected in the description.
    var line: Int?

    var testDescription: String { name }

    static func lines(_ name: String, _ file: String, _ type: String = "CSVError", line: Int? = nil,
                      _ edit: @escaping @Sendable (inout [String]) -> Void) -> Corruption {
        Corruption(name: name, file: file, spoil: { var l = $0; edit(&l); return Array(l.joined(separator: "\n").utf8) },
                   errorType: type, names: file, line: line)
    }

    /// Replaces cell `column` of line `number` (1-based).
    static func cell(_ lines: inout [String], line number: Int, column: Int, _ text: String) {
        var cells = lines[number - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[column] = text
        lines[number - 1] = cells.joined(separator: ",")
    }

    static func junk(withNul: Bool) -> @Sendable ([String]) -> [UInt8]? {
        { _ in
            var rng = SeededGenerator(seed: withNul ? 1 : 2)
            var bytes = (0..<700).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if withNul { bytes[3] = 0 } else { bytes = bytes.map { $0 == 0 ? 0xFF : $0 } }
            return bytes
        }
    }

    static let portfolio = RunDirectory.File.portfolioReturns
    static let equity = RunDirectory.File.equityCurve
    static let assets = RunDirectory.File.assetReturns

    static let all: [Corruption] = [
        .lines("unparsable number", assets, line: 5) { cell(&$0, line: 5, column: 2, "0.01x") },
        .lines("unparsable date", portfolio, line: 3) { cell(&$0, line: 3, column: 0, "2024-09-31") },
        .lines("duplicate date", equity, line: 4) { cell(&$0, line: 4, column: 0, String($0[2].prefix(10))) },
        .lines("out-of-order dates", portfolio, line: 4) { $0.swapAt(2, 3) },
        .lines("ragged row (short)", assets, line: 6) { $0[5] = String($0[5][..<$0[5].lastIndex(of: ",")!]) },
        .lines("ragged row (long)", assets, line: 7) { $0[6] += ",0.1" },
        .lines("inf", equity, line: 7) { cell(&$0, line: 7, column: 1, "inf") },
        .lines("-Infinity", assets, line: 9) { cell(&$0, line: 9, column: 1, "-Infinity") },
        .lines("bad number in optional input", RunDirectory.File.trendUnitReturns, line: 10) { cell(&$0, line: 10, column: 3, "x") },
        Corruption(name: "empty file", file: assets, spoil: { _ in [] }, errorType: "CSVError", names: assets),
        .lines("header only", portfolio, "EmptyInputError") { $0 = [$0[0], ""] },
        Corruption(name: "binary junk with NUL", file: equity, spoil: junk(withNul: true), errorType: "CSVError", names: equity),
        Corruption(name: "binary junk without NUL", file: portfolio, spoil: junk(withNul: false), errorType: "CSVError", names: portfolio),
        Corruption(name: "missing required file", file: assets, spoil: { _ in nil }, errorType: "MissingInputError", names: assets),
        Corruption(name: "no common date", file: equity, spoil: { lines in
            Array(lines.map { $0.replacingFirst("2024-", with: "1990-") }.joined(separator: "\n").utf8)
        }, errorType: "AlignmentError", names: "equity_curve"),
        Corruption(name: "zero valid rows (30 rows only)", file: assets, spoil: { Array($0.prefix(31).joined(separator: "\n").utf8) },
                   errorType: "EmptyStateError", names: "zero valid rows"),
        Corruption(name: "invalid meta.json", file: RunDirectory.File.meta, spoil: { _ in Array("{ \"start_date\": ".utf8) },
                   errorType: "RunMetaError", names: RunDirectory.File.meta),
    ]
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}

/// Bad input never crashes and never overwrites a good artifact: the error
/// names the file (and line), the error JSON is written, the earlier state
/// and metadata stay byte for byte, and the next good run removes the error file.
@Suite struct StateBadInputTests {
    static let fixture = "test_stage4a_complete"

    @Test(arguments: Corruption.all)
    func badInputKeepsTheGoodArtifacts(_ corruption: Corruption) throws {
        guard let source = Fixtures.directory(Self.fixture) else { return }
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "bad")
        try dir.runState()
        let goodState = dir.bytes(RunDirectory.File.state), goodMeta = dir.bytes(RunDirectory.File.stateMeta)
        #expect(goodState != nil && goodMeta != nil)

        let original = try #require(dir.bytes(corruption.file))
        let lines = String(decoding: original, as: UTF8.self).components(separatedBy: "\n")
        if let spoiled = corruption.spoil(lines) { try dir.write(corruption.file, spoiled) } else { dir.remove(corruption.file) }

        let error = try #require(throws: AllocatorError.self) { try dir.runState() }
        expectReported(error, corruption, in: dir)
        #expect(dir.bytes(RunDirectory.File.state) == goodState, "state CSV untouched")
        #expect(dir.bytes(RunDirectory.File.stateMeta) == goodMeta, "metadata untouched")

        try dir.write(corruption.file, original)
        try dir.runState()
        #expect(dir.bytes(RunDirectory.File.stateError) == nil, "a good run removes the stale error file")
        #expect(dir.bytes(RunDirectory.File.state) == goodState)
    }

    func expectReported(_ error: AllocatorError, _ corruption: Corruption, in dir: TemporaryRunDirectory,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        let description = error.description
        #expect(error.typeName == corruption.errorType, "\(description)", sourceLocation: sourceLocation)
        if let names = corruption.names {
            #expect(description.contains(names), "\(description)", sourceLocation: sourceLocation)
        }
        if let line = corruption.line {
            #expect(description.contains("\(corruption.file):\(line):"), "\(description)", sourceLocation: sourceLocation)
        }
        expectErrorReport(in: dir, error: error, sourceLocation: sourceLocation)
        // The spoiled input's diagnostics say what is wrong with it.
        guard corruption.file.hasSuffix(".csv"), let bytes = dir.bytes(RunDirectory.File.stateError),
              let diagnostics = (try? JSONParser.parse(bytes))?["input_diagnostics"],
              let entry = diagnostics[String(corruption.file.dropLast(4))] else { return }
        if dir.bytes(corruption.file) == nil {
            #expect(entry["present"] == .bool(false), sourceLocation: sourceLocation)
        } else if corruption.errorType == "CSVError" {
            #expect(entry["parse_error"]?.stringValue?.contains(corruption.file) == true, "\(entry)", sourceLocation: sourceLocation)
        } else {
            #expect(entry["rows"]?.intValue != nil, "\(entry)", sourceLocation: sourceLocation)
        }
    }
}

/// `allocator_state_v1_error.json` has the contract's keys in order and `error` as `Type: message`.
func expectErrorReport(in dir: TemporaryRunDirectory, error: AllocatorError,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    guard let bytes = dir.bytes(RunDirectory.File.stateError), let json = try? JSONParser.parse(bytes),
          case .object(let pairs) = json else {
        Issue.record("no readable \(RunDirectory.File.stateError)", sourceLocation: sourceLocation); return
    }
    #expect(pairs.map(\.0) == ["error", "traceback", "inputs_present", "input_diagnostics", "generated_at"],
            sourceLocation: sourceLocation)
    #expect(json["error"]?.stringValue == "\(error.typeName): \(error.description)", sourceLocation: sourceLocation)
    #expect(json["traceback"]?.stringValue?.contains(error.description) == true, sourceLocation: sourceLocation)
    let inputs = ["portfolio_returns", "equity_curve", "asset_returns", "trend_unit_returns", "sleeve_returns"]
    for key in ["inputs_present", "input_diagnostics"] {
        if case .object(let entries)? = json[key] {
            #expect(entries.map(\.0) == inputs, "\(key)", sourceLocation: sourceLocation)
        } else {
            Issue.record("\(key) is not an object", sourceLocation: sourceLocation)
        }
    }
    #expect(json["generated_at"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
}

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

    @Test func unwritableOutputFailsWithoutCrashingOrLeftovers() throws {
        guard let source = Fixtures.directory("test_stage4a_complete") else { return }
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
