import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// Reading a run directory's inputs (SPEC §1–2): an optional input counts as
/// absent when the file is missing or has no rows (its feature is listed as
/// missing, never written as an all-missing column); a single-series file
/// uses `ret` / `equity` when present, else its first value column.
@Suite struct RunDirectoryInputTests {
    @Test(.requiresFixtures, arguments: ["", "\n\n", "date,ES,NQ\n", "date,ES,NQ\r\n\r\n"])
    func emptyTrendFileCountsAsAbsent(contents: String) throws {
        let source = Fixtures.run("test_stage4a_complete")
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "optional")
        try dir.write(RunDirectory.File.trendUnitReturns, Array(contents.utf8))
        let result = try dir.runState()
        #expect(result.state.features == StateFeature.required)
        #expect(result.metadata.featuresMissing == StateFeature.optional)
        let header = try CSVReader.read(path: result.statePath).names
        #expect(!header.contains("trend_breadth_20d"))
    }

    @Test(.requiresFixtures) func presentTrendFileAddsItsColumn() throws {
        let source = Fixtures.run("test_stage4a_complete")
        let dir = try TemporaryRunDirectory(copyingInputsOf: source, label: "optional")
        let result = try dir.runState()
        #expect(result.state.features == StateFeature.required + [.trendBreadth20d])
        #expect(result.metadata.featuresMissing == [.sleeveConcentration60d])
    }

    @Test func singleSeriesColumnChoice() throws {
        let dir = try TemporaryRunDirectory(label: "series")
        try dir.write(RunDirectory.File.portfolioReturns, Array(",x,ret\n2020-01-06,9,0.5\n2020-01-07,9,-0.25\n".utf8))
        try dir.write(RunDirectory.File.equityCurve, Array("date,value,other\n2020-01-06,1.5,7\n2020-01-07,1.25,7\n".utf8))
        try dir.write(RunDirectory.File.assetReturns, Array("date,A,B\n2020-01-06,0.1,0.2\n2020-01-07,0.3,\n".utf8))
        let inputs = try dir.runDirectory.loadStateInputs()
        #expect(inputs.portfolioReturns.values == [0.5, -0.25])
        #expect(inputs.equityCurve.values == [1.5, 1.25])
        #expect(inputs.trendUnitReturns == nil && inputs.sleeveReturns == nil)
    }
}
