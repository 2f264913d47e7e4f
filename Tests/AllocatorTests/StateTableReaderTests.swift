import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

@Suite struct StateTableReaderTests {
    static let header = "date,port_rvol_20d,port_rvol_60d,vol_accel,dd_level,dd_slope_10d,corr_20d,corr_60d,corr_shock"

    /// A scratch directory holding `text` as its state table.
    static func write(_ text: String) throws -> TemporaryRunDirectory {
        let dir = try TemporaryRunDirectory(label: "state-table")
        try dir.write(RunDirectory.File.state, Array(text.utf8))
        return dir
    }

    @Test func readsAValidTable() throws {
        let dir = try Self.write(Self.header + "\n2024-01-02,0.1,0.1,1.0,0.0,0.0,0.2,0.2,0.0\n2024-01-03,0.1,0.1,1.4,-0.11,-0.07,0.2,0.2,0.0\n")
        let state = try StateTableReader.read(path: dir.file(RunDirectory.File.state))
        #expect(state.dates.count == 2)
        #expect(try RegimeClassifier().classify(state).regimes == [.normal, .crisis])
    }

    @Test func missingRequiredColumnNamesFileAndColumn() throws {
        let dir = try Self.write("date,port_rvol_20d,port_rvol_60d,dd_level,dd_slope_10d,corr_20d,corr_60d,corr_shock\n2024-01-02,0.1,0.1,0.0,0.0,0.2,0.2,0.0\n")
        let path = dir.file(RunDirectory.File.state)
        let error = #expect(throws: AllocatorError.self) { try StateTableReader.read(path: path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("vol_accel") == true)
    }

    @Test func missingValueNamesFileAndColumn() throws {
        let dir = try Self.write(Self.header + "\n2024-01-02,0.1,0.1,1.0,,0.0,0.2,0.2,0.0\n")
        let path = dir.file(RunDirectory.File.state)
        let error = #expect(throws: AllocatorError.self) { try StateTableReader.read(path: path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("dd_level") == true)
    }

    @Test func absentFileIsNamed() throws {
        let dir = try TemporaryRunDirectory(label: "state-table")
        let path = dir.file(RunDirectory.File.state)
        let error = #expect(throws: AllocatorError.self) { try StateTableReader.read(path: path) }
        #expect(error?.description.contains(path) == true)
    }

    @Test func artifactsAreWrittenWholeIntoANewDirectory() throws {
        let root = try TemporaryRunDirectory(label: "state-table")
        let dir = root.file("out/nested")
        let series = RegimeSeries(dates: [TradingDate(year: 2024, month: 1, day: 2)!], regimes: [.stress])
        try ArtifactFile.write(RegimeArtifacts.files(series, thresholds: RegimeThresholds(), generatedAt: "t"), to: dir)
        #expect(try FileBytes.read(path: dir + "/allocator_regime_v1.csv") == Array("date,regime\n2024-01-02,STRESS\n".utf8))
        let meta = try JSONParser.parse(FileBytes.read(path: dir + "/allocator_regime_v1_meta.json"))
        #expect(meta["regime_day_counts"] == .object([("STRESS", .int(1))]))
        #expect(meta["transition_counts"] == .object([]))
        #expect(meta["generated_at"] == .string("t"))
    }
}
