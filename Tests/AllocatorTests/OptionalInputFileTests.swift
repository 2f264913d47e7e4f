import Testing
import TimeSeries
@testable import Allocator

/// SPEC §2: an optional input counts as absent when the file is missing or
/// has no rows; its feature is then listed as missing, never written as an
/// all-missing column.
@Suite struct OptionalInputFileTests {
    @Test(arguments: ["", "\n\n", "date,ES,NQ\n", "date,ES,NQ\r\n\r\n"])
    func emptyTrendFileCountsAsAbsent(contents: String) throws {
        guard let source = Fixtures.directory("test_stage4a_complete") else { return }
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "optional")
        try dir.write(RunDirectory.File.trendUnitReturns, Array(contents.utf8))
        let result = try dir.runState()
        #expect(result.state.features == StateFeature.required)
        #expect(result.metadata.featuresMissing == StateFeature.optional)
        let header = try CSVReader.read(path: result.statePath).names
        #expect(!header.contains("trend_breadth_20d"))
    }

    @Test func presentTrendFileAddsItsColumn() throws {
        guard let source = Fixtures.directory("test_stage4a_complete") else { return }
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "optional")
        let result = try dir.runState()
        #expect(result.state.features == StateFeature.required + [.trendBreadth20d])
        #expect(result.metadata.featuresMissing == [.sleeveConcentration60d])
    }
}
