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

/// Inputs of 256 KB or more are parsed concurrently (``RunDirectory/concurrentInputBytes``):
/// the panels are those of reading each file alone, and of several bad files the
/// error is the one a reading in file order meets first.
@Suite struct ConcurrentInputReadTests {
    /// A run whose asset and trend returns together pass the concurrent-read threshold.
    func largeRun(label: String) throws -> TemporaryRunDirectory {
        let dir = try TemporaryRunDirectory(label: label)
        let columns = 40, days = 900
        var start = TradingDate(year: 2001, month: 1, day: 1)!
        var dates: [TradingDate] = []
        while dates.count < days {
            if start.isoWeekday <= 5 { dates.append(start) }
            start = start.adding(days: 1)
        }
        func panelText(_ names: [String], _ value: (Int, Int) -> Double) -> [UInt8] {
            var text = "date," + names.joined(separator: ",") + "\n"
            for (t, d) in dates.enumerated() {
                text += d.description + "," + (0..<names.count).map { "\(value(t, $0))" }.joined(separator: ",") + "\n"
            }
            return Array(text.utf8)
        }
        let assets = (0..<columns).map { "A\($0)" }
        try dir.write(RunDirectory.File.portfolioReturns, panelText(["ret"]) { t, _ in Double(t % 7 - 3) / 1000 })
        try dir.write(RunDirectory.File.equityCurve, panelText(["equity"]) { t, _ in 1 + Double(t) / 1024 })
        try dir.write(RunDirectory.File.assetReturns, panelText(assets) { t, c in Double((t * 31 + c * 17) % 97 - 48) / 4096 })
        try dir.write(RunDirectory.File.trendUnitReturns, panelText(assets) { t, c in Double((t * 13 + c * 7) % 89 - 44) / 8192 })
        return dir
    }

    @Test func concurrentReadGivesEachFilesPanel() throws {
        let dir = try largeRun(label: "concurrent")
        let bytes = ["portfolio_returns.csv", "equity_curve.csv", "asset_returns.csv", "trend_unit_returns.csv"]
            .reduce(0) { $0 + (FileBytes.size(path: dir.path + "/" + $1) ?? 0) }
        #expect(bytes >= RunDirectory.concurrentInputBytes)
        let inputs = try dir.runDirectory.loadStateInputs()
        let assets = try CSVReader.read(path: dir.path + "/asset_returns.csv")
        let trend = try CSVReader.read(path: dir.path + "/trend_unit_returns.csv")
        let portfolio = try CSVReader.read(path: dir.path + "/portfolio_returns.csv")
        #expect(inputs.assetReturns == assets)
        #expect(inputs.trendUnitReturns == trend)
        #expect(inputs.portfolioReturns.values == portfolio.columns[0] && inputs.portfolioReturns.dates == portfolio.dates)
        #expect(inputs.sleeveReturns == nil)
    }

    @Test func firstBadFileInOrderIsReported() throws {
        let dir = try largeRun(label: "concurrent-errors")
        // Bad asset returns (third file) at once and a bad equity curve (second) only at its
        // last of 30,001 rows: the equity curve's error wins although it is met later.
        try dir.write(RunDirectory.File.assetReturns, Array("date,A\n2001-01-01,abc\n".utf8) + Array(repeating: 10, count: 300_000))
        var equity = "date,equity\n"
        var day = TradingDate(year: 2001, month: 1, day: 1)!
        for _ in 0..<30_000 {
            equity += "\(day),1.5\n"
            day = day.adding(days: 1)
        }
        equity += "\(day),x1\n"
        try dir.write(RunDirectory.File.equityCurve, Array(equity.utf8))
        #expect {
            try dir.runDirectory.loadStateInputs()
        } throws: { error in
            "\(error)".contains("equity_curve.csv") && !"\(error)".contains("asset_returns.csv")
        }
        // A missing portfolio file (first) is reported before both.
        FileBytes.remove(dir.path + "/portfolio_returns.csv")
        #expect {
            try dir.runDirectory.loadStateInputs()
        } throws: { error in
            "\(error)".contains("portfolio_returns.csv")
        }
    }
}
