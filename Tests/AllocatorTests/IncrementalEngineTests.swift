import Foundation
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

@Suite struct IncrementalEngineTests {
    static let inputFiles = ["portfolio_returns.csv", "equity_curve.csv", "asset_returns.csv", "trend_unit_returns.csv",
                             "sleeve_returns.csv", "weights.csv", "meta.json"]
    static let artifacts = ["allocator_state_v1.csv", "allocator_regime_v1.csv", "allocator_risk_v1.csv",
                            "allocator_risk_v1_applied.csv"]
    static let metadata = ["allocator_state_v1_meta.json", "allocator_regime_v1_meta.json", "allocator_risk_v1_meta.json",
                           "allocator_risk_v1_applied_meta.json"]

    /// Feeding each fixture's common dates one at a time reproduces the batch
    /// state (the reference CSV within 1e-12), regimes exactly and risk within 1e-12.
    @Test(.requiresFixtures, arguments: Fixtures.runsWithState)
    func stepByStepMatchesBatchAndReference(run: String) throws {
        let dir = RunDirectory(path: Fixtures.run(run))
        let inputs = try dir.loadStateInputs()
        let common = inputs.commonDates
        let feed = AlignedStateFeed(inputs: inputs, dates: common)
        var engine = try AllocatorEngine(assetCount: inputs.assetReturns.columnCount,
                                         trendColumnCount: inputs.trendUnitReturns?.columnCount,
                                         sleeveColumnCount: inputs.sleeveReturns?.columnCount,
                                         thresholds: RegimeThresholds(), riskConfig: RiskConfig())
        var dates: [TradingDate] = []
        var rows: [[Double]] = []
        var regimes: [Regime] = []
        var scalars: [Double] = []
        for i in common.indices {
            let step = feed.withRow(i) { engine.step($0) }
            guard step.isValid else { continue }
            dates.append(common[i]); rows.append(step.features)
            regimes.append(step.regime!); scalars.append(step.riskScalar!)
        }
        let (batch, _) = StateComputation.compute(inputs)
        #expect(dates == batch.dates)
        for (k, column) in batch.columns.enumerated() {
            #expect(zip(column, rows.map { $0[k] }).allSatisfy { $0.bitPattern == $1.bitPattern },
                    "step and batch differ in \(batch.features[k].rawValue)")
        }
        let reference = try CSVReader.read(path: dir.file(RunDirectory.File.state))
        for (k, name) in reference.names.enumerated() {
            let mine = rows.map { $0[batch.features.firstIndex(of: StateFeature(rawValue: name)!)!] }
            #expect(zip(mine, reference.columns[k]).allSatisfy { abs($0 - $1) <= 1e-12 }, "\(run) \(name)")
        }
        let series = try RegimeClassifier().classify(batch)
        #expect(series.regimes == regimes)
        let risk = try RiskTransformer().transform(series)
        #expect(zip(risk.scalars, scalars).allSatisfy { abs($0 - $1) <= 1e-12 })
        if FileBytes.exists(dir.file(RunDirectory.File.regime)) {
            #expect(dir.readRegimes()!.regimes == regimes)
        }
    }

    /// A stepper restored from its snapshot continues with the same bits as one that never stopped.
    @Test(.requiresFixtures) func snapshotRoundTripContinuesExactly() throws {
        let inputs = try RunDirectory(path: Fixtures.run("baseline_20200106_20251031")).loadStateInputs()
        let common = inputs.commonDates
        let feed = AlignedStateFeed(inputs: inputs, dates: common)
        var engine = try AllocatorEngine(assetCount: 13, trendColumnCount: 13, sleeveColumnCount: 2,
                                         thresholds: RegimeThresholds(), riskConfig: RiskConfig())
        let cut = 1000
        for i in 0..<cut { _ = feed.withRow(i) { engine.step($0) } }
        let snapshot = EngineSnapshot(rowsProcessed: cut, firstDate: common[0].description, lastDate: common[cut - 1].description,
                                      inputs: [InputPrefix(name: "x.csv", length: 3, sha256: "00")],
                                      assetNames: [], trendNames: nil, sleeveNames: nil, rebalanceDays: nil, requestedWindow: "-..-",
                                      state: engine.state.snapshot, regime: engine.regime, risk: engine.risk,
                                      validRows: engine.validRows, generatedAt: "")
        let (decoded, problem) = EngineSnapshot.decode(snapshot.encoded())
        #expect(problem == nil)
        var restored = try #require(decoded).restoredEngine()
        for i in cut..<common.count {
            let a = feed.withRow(i) { engine.step($0) }
            let b = feed.withRow(i) { restored.step($0) }
            #expect(zip(a.features, b.features).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(a.regime == b.regime && a.riskScalar == b.riskScalar)
        }
    }

    /// Truncate the inputs, run the pipeline, restore them, update: every
    /// allocator CSV is byte-identical to a fresh full pipeline.
    @Test(.requiresFixtures, arguments: ["baseline_20200106_20251031", "test_stage4a_complete", "test_allocator_finalized"])
    func updateAfterGrowthIsByteIdenticalToPipeline(run: String) throws {
        let source = Fixtures.run(run)
        let grown = try TemporaryRunDirectory(label: "grown"), full = try TemporaryRunDirectory(label: "full")
        try grown.copy(Self.inputFiles, from: source)
        try full.copy(Self.inputFiles, from: source)
        for name in Self.inputFiles where name.hasSuffix("returns.csv") || name == "equity_curve.csv" {
            guard FileBytes.exists(source + "/" + name) else { continue }
            let lines = String(decoding: try FileBytes.read(path: source + "/" + name), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false)
            try FileBytes.writeAtomically(lines.dropLast(12).joined(separator: "\n") + "\n", to: grown.file(name))
        }
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: grown.path)).run()
        try grown.copy(Self.inputFiles, from: source)
        let outcome = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: grown.path))).update()
        guard case .updated(let n, _) = outcome else { Issue.record("expected an incremental update, got \(outcome)"); return }
        #expect(n == 11)
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: full.path)).run()
        for name in Self.artifacts {
            #expect(try FileBytes.read(path: grown.file(name)) == FileBytes.read(path: full.file(name)), "\(name)")
        }
        for name in Self.metadata {
            #expect(try Self.withoutTimestamp(grown.file(name)) == Self.withoutTimestamp(full.file(name)), "\(name)")
        }
        let again = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: grown.path))).update()
        guard case .upToDate = again else { Issue.record("second update should be a no-op"); return }
    }

    /// When a past value changed, update recomputes everything rather than mixing old and new.
    @Test(.requiresFixtures) func changedPastForcesFullRecompute() throws {
        let dir = try TemporaryRunDirectory(label: "changed")
        try dir.copy(Self.inputFiles, from: Fixtures.run("test_stage4a_complete"))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path)).run()
        let path = dir.file("portfolio_returns.csv")
        var text = String(decoding: try FileBytes.read(path: path), as: UTF8.self)
        let lines = text.split(separator: "\n")
        let target = lines[30]
        let parts = target.split(separator: ",")
        text = text.replacingOccurrences(of: String(target), with: "\(parts[0]),0.0123")
        try FileBytes.writeAtomically(text, to: path)
        let outcome = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: dir.path))).update()
        guard case .recomputed(let reason, _) = outcome else { Issue.record("expected a full recompute"); return }
        #expect(reason.contains("differ"))
    }

    /// A corrupt snapshot falls back to a full recompute with a reason.
    @Test(.requiresFixtures) func corruptSnapshotFallsBack() throws {
        let dir = try TemporaryRunDirectory(label: "corrupt")
        try dir.copy(Self.inputFiles, from: Fixtures.run("test_stage4a_complete"))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path)).run()
        try FileBytes.writeAtomically("{ not json", to: dir.file(RunDirectory.File.snapshot))
        let outcome = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: dir.path))).update()
        guard case .recomputed(let reason, _) = outcome else { Issue.record("expected a full recompute"); return }
        #expect(reason.contains(RunDirectory.File.snapshot))
        let repaired = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: dir.path))).update()
        guard case .upToDate = repaired else { Issue.record("the recompute should leave a usable snapshot"); return }
    }

    /// The applied-scalar lag as a step function equals the batch construction.
    @Test func appliedLagStepMatchesBatch() {
        let days = (0..<30).map { TradingDate(year: 2024, month: 1, day: 1)!.adding(days: $0) }
        let scalars = (0..<30).map { 1.0 - Double($0 % 7) * 0.05 }
        let risk = RiskSeries(dates: Array(days[5...]), scalars: Array(scalars[5...]), regimes: Array(repeating: nil, count: 25))
        let rebalances = [days[2], days[6], days[13], days[20], days[27]]
        let batch = AppliedScalars.compute(risk: risk, rebalanceDates: rebalances, missingAs: 0.9)
        var lag = AppliedScalarLag(missingAs: 0.9)
        var stepped: [Double] = []
        for (i, d) in days.enumerated() {
            if i >= 5 { lag.observe(scalars[i]) }
            if rebalances.contains(d) { stepped.append(lag.rebalance()) }
        }
        #expect(stepped == batch.values)
    }

    static func withoutTimestamp(_ path: String) throws -> String {
        String(decoding: try FileBytes.read(path: path), as: UTF8.self)
            .split(separator: "\n").filter { !$0.contains("generated_at") }.joined(separator: "\n")
    }
}

@Suite(.requiresFixtures) struct UpdateMissingArtifactTests {
    /// A deleted artifact is never reported as up to date: the run is recomputed and the file is back.
    @Test func deletedArtifactForcesRecompute() throws {
        let dir = try TemporaryRunDirectory(label: "deleted")
        try dir.copy(IncrementalEngineTests.inputFiles, from: Fixtures.run("test_stage4a_complete"))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path)).run()
        FileBytes.remove(dir.file(RunDirectory.File.regime))
        let outcome = try RunUpdater(pipeline: AllocatorPipeline(runDirectory: RunDirectory(path: dir.path))).update()
        guard case .recomputed(let reason, _) = outcome else { Issue.record("expected a full recompute"); return }
        #expect(reason.contains(RunDirectory.File.regime))
        #expect(FileBytes.exists(dir.file(RunDirectory.File.regime)))
    }
}
