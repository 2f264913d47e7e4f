@testable import Allocator
import AllocatorTestSupport
import Testing
import TimeSeries

/// `allocator_regime_v1.csv` read back (by `update`, the audit and the report):
/// the layout `date,regime`, any line ending, blank lines ignored, anything
/// else refused as a whole.
@Suite struct RegimeArtifactReadTests {
    func read(_ text: String) throws -> (dates: [TradingDate], labels: [String])? {
        let run = try TemporaryRunDirectory(label: "regime-read")
        try run.write(RunDirectory.File.regime, Array(text.utf8))
        return run.runDirectory.readRegimeLabels()
    }

    @Test func readsEveryLineEnding() throws {
        for newline in ["\n", "\r\n", "\r"] {
            let text = ["date,regime", "2024-01-02,NORMAL", "", "2024-01-03 00:00:00,CRISIS", ""].joined(separator: newline)
            let table = try #require(try read(text), "newline \(Array(newline.utf8))")
            #expect(table.dates == [TradingDate(year: 2024, month: 1, day: 2)!, TradingDate(year: 2024, month: 1, day: 3)!])
            #expect(table.labels == ["NORMAL", "CRISIS"])
        }
    }

    @Test func keepsUnknownLabelsForTheCaller() throws {
        let table = try #require(try read("date,regime\n2024-01-02,CALM\n2024-01-03,\n"))
        #expect(table.labels == ["CALM", ""])
        let run = try TemporaryRunDirectory(label: "regime-read")
        try run.write(RunDirectory.File.regime, Array("date,regime\n2024-01-02,CALM\n".utf8))
        #expect(run.runDirectory.readRegimes() == nil)
        try run.write(RunDirectory.File.regime, Array("date,regime\n2024-01-02,STRESS\n".utf8))
        #expect(run.runDirectory.readRegimes()?.regimes == [.stress])
    }

    @Test func onlyAHeaderIsAnEmptySeries() throws {
        let table = try #require(try read("date,regime\n"))
        #expect(table.dates.isEmpty && table.labels.isEmpty)
    }

    @Test(arguments: ["", "\n\n", "Date,Regime\n2024-01-02,NORMAL\n", "date,regime,x\n", "date,regime\n2024-01-02,NORMAL,1\n",
                      "date,regime\n2024-13-02,NORMAL\n", "date,regime\n2024-01-02\n", "date,regime\n20240102,NORMAL\n"])
    func refusesAnotherLayout(_ text: String) throws {
        #expect(try read(text) == nil)
    }

    @Test func absentFileIsNil() throws {
        #expect(try TemporaryRunDirectory(label: "regime-read").runDirectory.readRegimeLabels() == nil)
    }
}
