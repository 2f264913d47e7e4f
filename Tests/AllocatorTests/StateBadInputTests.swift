import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// Bad input never crashes and never overwrites a good artifact: the error
/// names the file (and line), the error JSON is written, the earlier state
/// and metadata stay byte for byte, and the next good run removes the error file.
@Suite(.requiresFixtures) struct StateBadInputTests {
    static let fixture = "test_stage4a_complete"

    @Test(arguments: Corruption.all)
    func badInputKeepsTheGoodArtifacts(_ corruption: Corruption) throws {
        let source = Fixtures.run(Self.fixture)
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
        let input = String(corruption.file.dropLast(4))
        guard corruption.file.hasSuffix(".csv"), let bytes = dir.bytes(RunDirectory.File.stateError),
              let report = try? JSONParser.parse(bytes), let entry = report["input_diagnostics"]?[input] else { return }
        #expect(report["inputs_present"]?[input] == .bool(dir.bytes(corruption.file) != nil), sourceLocation: sourceLocation)
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

/// An empty state says which cause applies: too few assets, too few dates,
/// or a feature undefined on every date.
@Suite struct EmptyStateMessageTests {
    @Test func namesTheCause() {
        #expect(AllocatorError.noValidRows(rowsRequested: 144, assets: 1).description
            .hasSuffix("(the average pairwise correlation needs at least 2 assets; asset_returns.csv has 1)"))
        #expect(AllocatorError.noValidRows(rowsRequested: 30, assets: 13).description
            .hasSuffix("(the 60-day windows need at least 60 common dates)"))
        #expect(AllocatorError.noValidRows(rowsRequested: 144, assets: 3).description.contains("constant, such as all zero"))
        #expect(AllocatorError.noValidRows(rowsRequested: 144, assets: 3).description
            .hasPrefix("state has zero valid rows: all 144 common dates lack a required feature"))
    }
}
