import Foundation
import Allocator
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Backtest

/// Sleeve-level scalars in ExecSim (SPEC §10): each sleeve's held weights take
/// its own applied scalar in place of the portfolio scalar.
@Suite struct SleeveScalarBacktestTests {
    static let sleeveFiles = [RunDirectory.File.sleeveScalars, RunDirectory.File.sleeveScalarsMeta,
                              RunDirectory.File.sleeveApplied, RunDirectory.File.sleeveAppliedMeta,
                              RunDirectory.File.sleeveAppliedUsed]

    static func config(sleevesYAML: String?) throws -> BacktestConfig {
        var config = BacktestConfig.embeddedDefault()
        if let sleevesYAML { config.allocatorConfig = try AllocatorConfig.parse(sleevesYAML, file: "sleeves.yaml") }
        return config
    }

    static func files(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// Every sleeve on the portfolio mapping: weights and returns equal the
    /// portfolio-scaled run to 1e-15 (relative to the rebalance's largest weight,
    /// resp. the largest daily return), the same files plus the sleeve files,
    /// the same regimes; every other CSV equal to 1e-12 relative.
    @Test func portfolioMappingForEverySleeveEqualsPortfolioScaling() throws {
        let scratch = try TemporaryRunDirectory(label: "sleeve-exec-equal")
        let market = TestSupport.market(assets: 12, years: 8, seed: 21)
        let yaml = """
        risk:
          sleeves:
            tsmom_multihorizon: {mapping: {NORMAL: 1.0, ELEVATED: 0.85, STRESS: 0.55, CRISIS: 0.3}}
            csmom_meta: {mapping: {NORMAL: 1.0, ELEVATED: 0.85, STRESS: 0.55, CRISIS: 0.3}}
        """
        let sleeves = try BacktestRun.execute(BacktestRequest(market: market, config: Self.config(sleevesYAML: yaml), runId: "s",
                                                              runsRoot: scratch.path, allocatorMode: .compute))
        let portfolio = try BacktestRun.execute(BacktestRequest(market: market, config: Self.config(sleevesYAML: nil), runId: "p",
                                                                runsRoot: scratch.path, allocatorMode: .compute))
        #expect(!sleeves.allocatorStep.failed && !portfolio.allocatorStep.failed)
        #expect(portfolio.result.scalars.contains { $0.applied < 0.9 }, "the portfolio scalar de-risks somewhere")
        #expect(sleeves.result.scalars.allSatisfy { s in s.sleeveApplied!.allSatisfy { $0 == s.applied } })
        var worstWeight = 0.0
        for (a, b) in zip(sleeves.result.weights.columns, portfolio.result.weights.columns) {
            for k in a.indices {
                let scale = portfolio.result.weights.columns.map { abs($0[k]) }.max()!
                if scale > 0 { worstWeight = max(worstWeight, abs(a[k] - b[k]) / scale) }
            }
        }
        let r1 = sleeves.result.portfolioReturns.columns[0], r2 = portfolio.result.portfolioReturns.columns[0]
        let worstReturn = zip(r1, r2).map { abs($0 - $1) }.max()! / r2.map(abs).max()!
        print("[sleeves = portfolio mapping] max relative weight diff \(worstWeight), max relative return diff \(worstReturn)")
        #expect(worstWeight <= 1e-15)
        #expect(worstReturn <= 1e-15)
        #expect(try Self.files(sleeves.runDirectory) == (Self.files(portfolio.runDirectory) + Self.sleeveFiles).sorted())
        #expect(try FileBytes.read(path: sleeves.runDirectory + "/allocator_regime_v1.csv")
                == FileBytes.read(path: portfolio.runDirectory + "/allocator_regime_v1.csv"))
        for name in try Self.files(portfolio.runDirectory) where name.hasSuffix(".csv") && name != "allocator_regime_v1.csv" {
            let a = try CSVReader.read(path: sleeves.runDirectory + "/" + name), b = try CSVReader.read(path: portfolio.runDirectory + "/" + name)
            #expect(a.dates == b.dates && a.names == b.names, "\(name)")
            for (x, y) in zip(a.columns, b.columns) {
                #expect(zip(x, y).allSatisfy { ($0.isNaN && $1.isNaN) || abs($0 - $1) <= 1e-12 * max(1, abs($1)) }, "\(name)")
            }
        }
    }

    /// Trend protected (0.9 in STRESS/CRISIS), cross-sectional momentum cut (0.5):
    /// on stressed days each sleeve's realised exposure — its contribution in
    /// the scaled run over the unscaled run's, which hold the same raw sleeve
    /// weights — is its configured fraction once the EWMA and the lag have
    /// caught up (days 25+ rows into a STRESS/CRISIS visit: within 0.01).
    @Test func stressedSleevesRealiseTheirConfiguredFractions() throws {
        let scratch = try TemporaryRunDirectory(label: "sleeve-exec-exposure")
        let market = TestSupport.market(assets: 16, years: 15, seed: 7)
        let yaml = """
        risk:
          sleeves:
            tsmom_multihorizon: {mapping: {STRESS: 0.9, CRISIS: 0.9}}
            csmom_meta: {mapping: {STRESS: 0.5, CRISIS: 0.5}}
        """
        let scaled = try BacktestRun.execute(BacktestRequest(market: market, config: Self.config(sleevesYAML: yaml), runId: "scaled",
                                                             runsRoot: scratch.path, allocatorMode: .compute))
        let off = try BacktestRun.execute(BacktestRequest(market: market, config: Self.config(sleevesYAML: nil), runId: "off",
                                                          runsRoot: scratch.path, allocatorMode: .off))
        #expect(scaled.result.weightsRaw == off.result.weights, "same raw weights before the scalars")
        let regimeFile = try CSVReaderRegimes.read(scaled.runDirectory + "/allocator_regime_v1.csv")
        let days = scaled.result.tradingDays
        var stressedRun = 0
        var stressed: [Bool] = [], settled: [Bool] = []
        var cursor = OnOrBeforeCursor(dates: regimeFile.dates)
        for d in days {
            // The regime known at the previous day's close decided nothing yet; use the regime of the day itself.
            let regime = cursor.row(onOrBefore: d).flatMap { regimeFile.dates[$0] == d ? regimeFile.labels[$0] : nil }
            let isStressed = regime == "STRESS" || regime == "CRISIS"
            stressedRun = isStressed ? stressedRun + 1 : 0
            stressed.append(isStressed)
            settled.append(stressedRun >= 25)
        }
        #expect(settled.contains(true), "the synthetic market has long stress spells")
        let targets = ["tsmom_multihorizon": 0.9, "csmom_meta": 0.5]
        for (s, name) in scaled.result.sleeveReturns.names.enumerated() {
            let a = scaled.result.sleeveReturns.columns[s], b = off.result.sleeveReturns.columns[s]
            func ratio(_ mask: [Bool]) -> Double {
                var num = 0.0, den = 0.0
                for i in a.indices where mask[i] { num += abs(a[i]); den += abs(b[i]) }
                return num / den
            }
            let all = ratio(stressed), deep = ratio(settled)
            print("[sleeve exposure] \(name): configured \(targets[name]!), realised on all STRESS/CRISIS days \(all) (\(stressed.filter { $0 }.count) days), on settled days \(deep) (\(settled.filter { $0 }.count) days)")
            #expect(abs(deep - targets[name]!) <= 0.01, "\(name)")
        }
    }

    /// A precomputed source without applied sleeve scalars while the
    /// configuration asks for them: an input error before anything is written.
    @Test func precomputedSourceWithoutSleeveScalarsIsAnError() throws {
        let scratch = try TemporaryRunDirectory(label: "sleeve-exec-precomputed")
        let market = TestSupport.market(assets: 8, years: 4, seed: 3)
        _ = try BacktestRun.execute(BacktestRequest(market: market, config: Self.config(sleevesYAML: nil), runId: "base",
                                                    runsRoot: scratch.path, allocatorMode: .off))
        let yaml = "risk:\n  sleeves:\n    csmom_meta: {mapping: {STRESS: 0.5}}\n"
        do {
            _ = try BacktestRun.execute(BacktestRequest(market: market, config: Self.config(sleevesYAML: yaml), runId: "scaled",
                                                        runsRoot: scratch.path, allocatorMode: .precomputed, precomputedRunId: "base"))
            Issue.record("expected an error")
        } catch {
            let text = "\(error)"
            #expect(text.contains(RunDirectory.File.sleeveApplied) && text.contains("risk.sleeves"), "\(text)")
        }
        #expect(!FileBytes.exists(scratch.path + "/scaled"))
        // With the sleeve scalars in the source, precomputed applies them as written.
        _ = try BacktestRun.execute(BacktestRequest(market: market, config: Self.config(sleevesYAML: yaml), runId: "base2",
                                                    runsRoot: scratch.path, allocatorMode: .off))
        let run = try BacktestRun.execute(BacktestRequest(market: market, config: Self.config(sleevesYAML: yaml), runId: "scaled2",
                                                          runsRoot: scratch.path, allocatorMode: .precomputed, precomputedRunId: "base2"))
        let source = try CSVReader.read(path: scratch.path + "/base2/" + RunDirectory.File.sleeveApplied)
        let used = try CSVReader.read(path: run.runDirectory + "/" + RunDirectory.File.sleeveAppliedUsed)
        #expect(used == source)
    }

    @Test(.requiresAllocatorExecutable) func commandLineExitsOneOnBadSleeveInput() throws {
        let scratch = try TemporaryRunDirectory(label: "sleeve-exec-cli")
        let base = try AllocatorProcess.run(["backtest", "--synthetic", "--years", "3", "--run-id", "base", "--runs-root", scratch.path])
        #expect(base.status == 0, "\(base.stderr)")
        let defaults = try AllocatorProcess.run(["backtest", "--print-config"]).stdout
        let cases = [("risk:\n  sleeves:\n    carry:\n      mapping: {STRESS: 0.5}\n", ["compute"], "carry"),
                     ("risk:\n  sleeves:\n    csmom_meta:\n      mapping: {STRESS: 0.1}\n", ["compute"], "risk.sleeves.csmom_meta.mapping.STRESS"),
                     ("risk:\n  sleeves:\n    csmom_meta:\n      mapping: {STRESS: x}\n", ["compute"], "risk.sleeves.csmom_meta.mapping.STRESS"),
                     ("risk:\n  sleeves:\n    csmom_meta:\n      mapping: {STRESS: 0.5}\n",
                      ["precomputed", "--precomputed-run-id", "base"], RunDirectory.File.sleeveApplied)]
        for (yaml, mode, needle) in cases {
            try FileBytes.writeAtomically(defaults + yaml, to: scratch.file("c.yaml"))
            let run = try AllocatorProcess.run(["backtest", "--synthetic", "--years", "3", "--run-id", "x", "--runs-root", scratch.path,
                                                "--config", scratch.file("c.yaml"), "--allocator-mode"] + mode)
            #expect(run.status == 1, "\(yaml)")
            #expect(run.stderr.contains(needle), "\(run.stderr)")
        }
    }
}

/// `allocator_regime_v1.csv` read as text labels (the test's own reader).
private enum CSVReaderRegimes {
    static func read(_ path: String) throws -> (dates: [TradingDate], labels: [String]) {
        let lines = String(decoding: try FileBytes.read(path: path), as: UTF8.self).split(separator: "\n").dropFirst()
        var dates: [TradingDate] = [], labels: [String] = []
        for line in lines {
            let cells = line.split(separator: ",")
            dates.append(TradingDate(cells[0])!)
            labels.append(String(cells[1]))
        }
        return (dates, labels)
    }
}
