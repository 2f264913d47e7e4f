import Foundation
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// Sleeve-level scalars (SPEC §10) in the core: configuration, the recursion
/// against an independent computation, the engine against the batch, `update`.
@Suite struct SleeveScalarTests {
    static let inputFiles = IncrementalEngineTests.inputFiles
    static let sleeveFiles = [RunDirectory.File.sleeveScalars, RunDirectory.File.sleeveApplied]
    static let sleeveMeta = [RunDirectory.File.sleeveScalarsMeta, RunDirectory.File.sleeveAppliedMeta]

    /// Portfolio ELEVATED (0.2) below the floor (0.3) and NORMAL (1.0) above the
    /// ceiling (0.95), so a sleeve that does not name them is clipped both ways.
    static let clippingYAML = """
    risk:
      mapping: {NORMAL: 1.0, ELEVATED: 0.2, STRESS: 0.55, CRISIS: 0.3}
      floor: 0.3
      max: 0.95
      sleeves:
        tsmom_multihorizon:
          mapping: {ELEVATED: 0.9, STRESS: 0.9, CRISIS: 0.7}
        csmom_meta:
          mapping: {STRESS: 0.4}
    """

    static func config(_ yaml: String) throws -> AllocatorConfig {
        try AllocatorConfig.parse(yaml, file: "sleeves.yaml")
    }

    /// The SPEC §5 recursion written out here, independently of ``RiskStepper``:
    /// `s₀ = x₀`, `sₜ = (1 − α)·sₜ₋₁ + α·xₜ`, clipped to `[floor, ceiling]`.
    static func expected(_ regimes: [Regime], mapping: [Regime: Double], alpha: Double, floor: Double, ceiling: Double) -> [Double] {
        var s = Double.nan
        return regimes.enumerated().map { i, r in
            let x = mapping[r]!
            s = i == 0 ? x : (1 - alpha) * s + alpha * x
            return min(max(s, floor), ceiling)
        }
    }

    /// The 1-rebalance lag written out: the last value on or before the previous rebalance, else 1.0.
    static func lagged(_ dates: [TradingDate], _ values: [Double], at rebalances: [TradingDate]) -> [Double] {
        rebalances.indices.map { k in
            guard k > 0, let i = dates.lastIndex(where: { $0 <= rebalances[k - 1] }) else { return 1.0 }
            return values[i]
        }
    }

    @Test(.requiresFixtures) func sleeveScalarsMatchAnIndependentComputation() throws {
        let dir = RunDirectory(path: Fixtures.run(Fixtures.baseline))
        let inputs = try dir.loadStateInputs()
        let rebalances = try #require(try dir.rebalanceDates())
        let allocator = try RiskAllocator(configuration: Self.config(Self.clippingYAML))
        let result = try allocator.run(AllocatorInputs(portfolioReturns: inputs.portfolioReturns, equityCurve: inputs.equityCurve,
                                                       assetReturns: inputs.assetReturns, trendUnitReturns: inputs.trendUnitReturns,
                                                       sleeveReturns: inputs.sleeveReturns, rebalanceDates: rebalances))
        let sleeves = try #require(result.sleeveScalars)
        let applied = try #require(result.sleeveApplied)
        #expect(sleeves.names == ["tsmom_multihorizon", "csmom_meta"])
        let regimes = result.regimes.regimes
        #expect(Set(regimes).isSuperset(of: [.normal, .elevated, .stress]), "the fixture visits the regimes the test relies on")
        let trend: [Regime: Double] = [.normal: 1.0, .elevated: 0.9, .stress: 0.9, .crisis: 0.7]
        let csmom: [Regime: Double] = [.normal: 1.0, .elevated: 0.2, .stress: 0.4, .crisis: 0.3] // ELEVATED, NORMAL, CRISIS not named
        for (k, mapping) in [trend, csmom].enumerated() {
            let want = Self.expected(regimes, mapping: mapping, alpha: 0.25, floor: 0.3, ceiling: 0.95)
            let worst = zip(sleeves.scalars[k], want).map { abs($0 - $1) }.max()!
            #expect(worst <= 1e-12, "\(sleeves.names[k]): max |Δ| \(worst)")
            let wantApplied = Self.lagged(sleeves.dates, want, at: rebalances)
            #expect(zip(applied.scalars[k], wantApplied).allSatisfy { abs($0 - $1) <= 1e-12 })
            #expect(sleeves.scalars[k].contains(0.95), "ceiling clips NORMAL's 1.0")
        }
        #expect(sleeves.scalars[1].contains(0.3), "floor clips the inherited ELEVATED 0.2")
        #expect(!sleeves.scalars[0].contains(0.3), "trend's own ELEVATED 0.9 keeps it off the floor")
        #expect(applied.dates == rebalances)
    }

    /// Every sleeve given the portfolio mapping scores exactly the portfolio scalar.
    @Test(.requiresFixtures) func portfolioMappingForEverySleeveGivesThePortfolioScalar() throws {
        let yaml = """
        risk:
          sleeves:
            tsmom_multihorizon: {mapping: {NORMAL: 1.0, ELEVATED: 0.85, STRESS: 0.55, CRISIS: 0.3}}
            csmom_meta: {mapping: {NORMAL: 1.0, ELEVATED: 0.85, STRESS: 0.55, CRISIS: 0.3}}
        """
        let out = try TemporaryRunDirectory(label: "sleeve-equal")
        try out.copy(Self.inputFiles, from: Fixtures.run(Fixtures.baseline))
        let result = try AllocatorPipeline(runDirectory: out.runDirectory, config: Self.config(yaml)).run().result
        let sleeves = try #require(result.sleeveScalars), applied = try #require(result.sleeveApplied)
        for k in sleeves.names.indices {
            #expect(sleeves.scalars[k].map(\.bitPattern) == result.risk.scalars.map(\.bitPattern))
            #expect(applied.scalars[k].map(\.bitPattern) == result.applied!.values.map(\.bitPattern))
        }
    }

    /// Fed one date at a time, the engine's sleeve steppers reproduce the batch sleeve scalars bit for bit.
    @Test(.requiresFixtures) func engineDayByDayReproducesBatchSleeveScalars() throws {
        let dir = RunDirectory(path: Fixtures.run(Fixtures.baseline))
        let inputs = try dir.loadStateInputs()
        let allocator = try RiskAllocator(configuration: Self.config(Self.clippingYAML))
        let out = try TemporaryRunDirectory(label: "sleeve-batch")
        try out.copy(Self.inputFiles, from: dir.path)
        let batch = try #require(try AllocatorPipeline(runDirectory: out.runDirectory, config: allocator.configuration).run().result.sleeveScalars)
        let common = inputs.commonDates
        let feed = AlignedStateFeed(inputs: inputs, dates: common)
        var engine = try AllocatorEngine(assetCount: inputs.assetReturns.columnCount,
                                         trendColumnCount: inputs.trendUnitReturns?.columnCount,
                                         sleeveColumnCount: inputs.sleeveReturns?.columnCount,
                                         thresholds: RegimeThresholds(), riskConfig: allocator.riskConfig,
                                         sleeveRiskConfigs: try allocator.sleeveRiskConfigs(for: inputs.sleeveReturns?.names))
        var dates: [TradingDate] = []
        var columns: [[Double]] = [[], []]
        for i in common.indices {
            let step = feed.withRow(i) { engine.step($0) }
            guard step.isValid, let s = step.sleeveScalars else { continue }
            dates.append(common[i])
            for k in s.indices { columns[k].append(s[k]) }
        }
        #expect(dates == batch.dates)
        for k in columns.indices { #expect(columns[k].map(\.bitPattern) == batch.scalars[k].map(\.bitPattern)) }
    }

    /// Truncated inputs → pipeline → inputs restored → `update`: every artifact,
    /// the sleeve files included, is byte-identical to a full pipeline.
    @Test(.requiresFixtures) func updateAfterGrowthWithSleevesIsByteIdentical() throws {
        let source = Fixtures.run(Fixtures.baseline)
        let config = try Self.config(Self.clippingYAML)
        let grown = try TemporaryRunDirectory(label: "sleeve-grown"), full = try TemporaryRunDirectory(label: "sleeve-full")
        try grown.copy(Self.inputFiles, from: source)
        try full.copy(Self.inputFiles, from: source)
        for name in Self.inputFiles where name.hasSuffix("returns.csv") || name == "equity_curve.csv" {
            let lines = String(decoding: try FileBytes.read(path: source + "/" + name), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false)
            try FileBytes.writeAtomically(lines.dropLast(12).joined(separator: "\n") + "\n", to: grown.file(name))
        }
        _ = try AllocatorPipeline(runDirectory: grown.runDirectory, config: config).run()
        try grown.copy(Self.inputFiles, from: source)
        let outcome = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: grown.runDirectory, config: config)).update()
        guard case .updated(let n, _) = outcome else { Issue.record("expected an incremental update, got \(outcome)"); return }
        #expect(n == 11)
        _ = try AllocatorPipeline(runDirectory: full.runDirectory, config: config).run()
        for name in IncrementalEngineTests.artifacts + Self.sleeveFiles {
            #expect(try FileBytes.read(path: grown.file(name)) == FileBytes.read(path: full.file(name)), "\(name)")
        }
        for name in IncrementalEngineTests.metadata + Self.sleeveMeta {
            #expect(try IncrementalEngineTests.withoutTimestamp(grown.file(name)) == IncrementalEngineTests.withoutTimestamp(full.file(name)), "\(name)")
        }
        // Switching the sleeves off: the snapshot no longer fits, the sleeve files go.
        var withoutSleeves = config
        withoutSleeves.risk.sleeves = nil
        let off = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: grown.runDirectory, config: withoutSleeves)).update()
        guard case .recomputed(let reason, _) = off else { Issue.record("expected a recompute, got \(off)"); return }
        #expect(reason.contains("sleeve"))
        #expect(!FileBytes.exists(grown.file(RunDirectory.File.sleeveScalars)))
    }

    /// Without `risk.sleeves` nothing new is written.
    @Test(.requiresFixtures) func noSleevesBlockWritesNoSleeveFile() throws {
        let out = try TemporaryRunDirectory(label: "sleeve-none")
        try out.copy(Self.inputFiles, from: Fixtures.run(Fixtures.baseline))
        let result = try AllocatorPipeline(runDirectory: out.runDirectory).run().result
        #expect(result.sleeveScalars == nil && result.sleeveApplied == nil)
        for name in Self.sleeveFiles + Self.sleeveMeta { #expect(!FileBytes.exists(out.file(name))) }
        #expect(!String(decoding: try FileBytes.read(path: out.file(RunDirectory.File.snapshot)), as: UTF8.self).contains("sleeveRisk"))
    }

    @Test func badSleeveConfigurationNamesFileLineAndKeyPath() {
        func message(_ yaml: String) -> String {
            do { _ = try Self.config(yaml); return "no error" } catch { return "\(error)" }
        }
        let outOfRange = message("risk:\n  sleeves:\n    csmom_meta:\n      mapping: {STRESS: 0.1}\n")
        #expect(outOfRange.contains("sleeves.yaml:4") && outOfRange.contains("risk.sleeves.csmom_meta.mapping.STRESS")
                && outOfRange.contains("[0.25, 1.0]"), "\(outOfRange)")
        let notNumber = message("risk:\n  sleeves:\n    csmom_meta:\n      mapping:\n        STRESS: half\n")
        #expect(notNumber.contains("sleeves.yaml:5") && notNumber.contains("STRESS") && notNumber.contains("number"), "\(notNumber)")
        let badRegime = message("risk:\n  sleeves:\n    csmom_meta:\n      mapping: {PANIC: 0.5}\n")
        #expect(badRegime.contains("PANIC"), "\(badRegime)")
        let badKey = message("risk:\n  sleeves:\n    csmom_meta:\n      scalars: {STRESS: 0.5}\n")
        #expect(badKey.contains("scalars"), "\(badKey)")
        // Above a ceiling set in the same block.
        #expect(message("risk:\n  max: 0.9\n  sleeves:\n    a:\n      mapping: {NORMAL: 1.0}\n").contains("outside"))
    }

    @Test(.requiresFixtures) func unknownSleeveIsAnErrorListingTheRunsSleeves() throws {
        let out = try TemporaryRunDirectory(label: "sleeve-unknown")
        try out.copy(Self.inputFiles, from: Fixtures.run(Fixtures.baseline))
        let config = try Self.config("risk:\n  sleeves:\n    carry:\n      mapping: {STRESS: 0.5}\n")
        do {
            _ = try AllocatorPipeline(runDirectory: out.runDirectory, config: config).run()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("carry") && "\(error)".contains("tsmom_multihorizon, csmom_meta"),
                    "\(error)")
        }
    }

    @Test(.requiresAllocatorExecutable, .requiresFixtures) func commandLineExitsOneOnBadSleeveInput() throws {
        let out = try TemporaryRunDirectory(label: "sleeve-cli")
        try out.copy(Self.inputFiles, from: Fixtures.run(Fixtures.baseline))
        let cases = [("risk:\n  sleeves:\n    carry:\n      mapping: {STRESS: 0.5}\n", "carry"),
                     ("risk:\n  sleeves:\n    csmom_meta:\n      mapping: {STRESS: 1.5}\n", "risk.sleeves.csmom_meta.mapping.STRESS"),
                     ("risk:\n  sleeves:\n    csmom_meta:\n      mapping: {STRESS: lots}\n", "risk.sleeves.csmom_meta.mapping.STRESS")]
        for (yaml, needle) in cases {
            try FileBytes.writeAtomically(yaml, to: out.file("bad.yaml"))
            let run = try AllocatorProcess.run(["pipeline", "--run-dir", out.path, "--config", out.file("bad.yaml")])
            #expect(run.status == 1, "\(yaml)")
            #expect(run.stderr.contains(needle), "\(run.stderr)")
        }
    }
}
