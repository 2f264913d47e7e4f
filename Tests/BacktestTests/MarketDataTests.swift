import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Backtest

@Suite struct MarketDataTests {
    /// This test's scratch folder for the market files it writes.
    let scratch: TemporaryRunDirectory

    init() throws { scratch = try TemporaryRunDirectory(label: "market") }

    func write(_ text: String, _ name: String) throws -> String {
        try scratch.write(name, Array(text.utf8))
        return scratch.file(name)
    }

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func pricesBecomeSimpleReturnsWithMissingAroundGaps() throws {
        let path = try write("date,A,B\n2024-01-02,100,50\n2024-01-03,110,\n2024-01-04,99,55\n2024-01-05,99,55\n", "p.csv")
        let m = try MarketData.load(pricesFile: path)
        #expect(m.assetNames == ["A", "B"])
        let a = m.returns.columns[0], b = m.returns.columns[1]
        #expect(a[0].isNaN && abs(a[1] - 0.1) < 1e-15 && abs(a[2] - (-0.1)) < 1e-15 && a[3] == 0)
        #expect(b[0].isNaN && b[1].isNaN && b[2].isNaN && b[3] == 0)
    }

    /// Closes or percentages given as returns are refused (more than 1 % of
    /// the values beyond ±100 % a day); one such day among many passes.
    @Test func returnsInOtherUnitsAreRefused() throws {
        let closes = try write("date,A,B\n2024-01-02,100,50\n2024-01-03,101,51\n", "closes.csv")
        let refused = message { _ = try MarketData.load(returnsFile: closes) }
        #expect(refused?.contains("4 of 4 returns in \(closes) are beyond ±100 % a day (first: 100.0 for `A` on 2024-01-02)") == true,
                "\(refused ?? "accepted")")
        let rows = (0..<200).map { d in "\(TradingDate("2024-01-01")!.adding(days: d)),\(d == 50 ? "-3.05" : "0.001")" }
        let oneExtremeDay = try write("date,CL\n" + rows.joined(separator: "\n") + "\n", "cl.csv")
        #expect(try MarketData.load(returnsFile: oneExtremeDay).returns.columns[0][50] == -3.05)
    }

    @Test func assetsWithoutReturnsInTheWindow() throws {
        let path = try write("date,A,B,C\n2024-01-02,0.01,,\n2024-01-03,0.02,,0.01\n2024-01-04,,,\n", "e.csv")
        let m = try MarketData.load(returnsFile: path)
        #expect(m.assetsWithoutReturns(in: 0..<3) == ["B"])
        #expect(m.assetsWithoutReturns(in: 2..<3) == ["A", "B", "C"])
        #expect(m.assetsWithoutReturns(in: 0..<2) == ["B"])
    }

    @Test func garbageAndDuplicatesNameFileAndLine() throws {
        let garbage = try write("date,A\n2024-01-02,0.1\n2024-01-03,abc\n", "g.csv")
        #expect(message { _ = try MarketData.load(returnsFile: garbage) }?.contains("g.csv:3: unparsable number `abc`") == true)
        let dup = try write("date,A\n2024-01-02,0.1\n2024-01-02,0.2\n", "d.csv")
        #expect(message { _ = try MarketData.load(returnsFile: dup) }?.contains("d.csv:3: duplicate date 2024-01-02") == true)
        let noAssets = try write("date\n2024-01-02\n", "n.csv")
        #expect(message { _ = try MarketData.load(returnsFile: noAssets) }?.contains("n.csv:1:") == true)
        let dupColumn = try write("date,A,A\n2024-01-02,1,2\n", "c.csv")
        #expect(message { _ = try MarketData.load(returnsFile: dupColumn) }?.contains("appears twice") == true)
        let negative = try write("date,A\n2024-01-02,1\n2024-01-03,-2\n", "neg.csv")
        #expect(message { _ = try MarketData.load(pricesFile: negative) }?.contains("not positive") == true)
        #expect(message { _ = try MarketData.load(returnsFile: "/nonexistent/r.csv") }?.contains("/nonexistent/r.csv: cannot open") == true)
        let binary = try write("\u{0}\u{1}\u{2}", "b.csv")
        #expect(message { _ = try MarketData.load(returnsFile: binary) } != nil)
    }

    @Test func windowErrors() throws {
        let m = TestSupport.market(assets: 3, years: 1)
        #expect(message { _ = try m.tradingRange(start: TestSupport.date("2000-06-01"), end: TestSupport.date("2000-05-01")) }?
            .contains("start date 2000-06-01 is after end date 2000-05-01") == true)
        #expect(message { _ = try m.tradingRange(start: TestSupport.date("2030-01-01"), end: nil) }?
            .contains("no trading days in the window [2030-01-01, last row]") == true)
        // A weekend-only window has no trading day either.
        #expect(message { _ = try m.tradingRange(start: TestSupport.date("2000-01-08"), end: TestSupport.date("2000-01-09")) } != nil)
        #expect(try m.tradingRange(start: nil, end: nil) == 0..<m.returns.rowCount)
    }

    @Test func precomputedSourceMustExist() throws {
        let root = scratch.path
        let request = BacktestRequest(market: TestSupport.market(assets: 4, years: 2), config: .embeddedDefault(), runId: "scaled",
                                      runsRoot: root, allocatorMode: .precomputed, precomputedRunId: "no_such_run")
        #expect(message { _ = try BacktestRun.execute(request) }?.contains("run `no_such_run` for allocator mode `precomputed`: no such run directory") == true)
        // Nothing was written for the failed run.
        #expect(!FileBytes.isDirectory(root + "/scaled"))
        var noSource = request
        noSource.precomputedRunId = nil
        #expect(message { _ = try BacktestRun.execute(noSource) }?.contains("needs a source run") == true)
        var unknownProfile = request
        unknownProfile.profileName = "fast"
        #expect(message { _ = try BacktestRun.execute(unknownProfile) }?.contains("unknown profile `fast`") == true)
    }
}
