import Allocator
import AllocatorTestSupport
@testable import Audit
import Foundation
import Testing
import TimeSeries

/// `allocator compare` and `allocator audit` end to end on the reference runs:
/// the reference's comparison reproduced through the run-directory layer, the
/// overlay replay recomputed independently, and bad input refused.
@Suite(.requiresFixtures) struct AuditCommandTests {
    static let baseline = "baseline_20200106_20251031"
    static let scaled = "allocpass2_20200106_20251031"

    /// A scratch copy of every file of a reference run.
    static func copy(_ run: String, into scratch: TemporaryRunDirectory) throws -> String {
        let target = scratch.file(run)
        try FileManager.default.copyItem(atPath: Fixtures.run(run), toPath: target)
        return target
    }

    @Test(.requiresAllocatorExecutable) func compareReproducesTheReferenceComparison() throws {
        let scratch = try TemporaryRunDirectory(label: "compare")
        let b = try Self.copy(Self.baseline, into: scratch), s = try Self.copy(Self.scaled, into: scratch)
        try FileManager.default.removeItem(atPath: s + "/two_pass_comparison.json")
        try FileManager.default.removeItem(atPath: s + "/two_pass_comparison.md")
        let run = try AllocatorProcess.run(["compare", "--baseline", b, "--scaled", s])
        #expect(run.status == 0, "\(run.stderr)")

        let ours = try JSONParser.parse(try FileBytes.read(path: s + "/two_pass_comparison.json"))
        let reference = try Fixtures.json(Fixtures.run(Self.scaled), "two_pass_comparison.json")
        guard case .object(let mine) = ours, case .object(let theirs) = reference else { Issue.record("not objects"); return }
        #expect(Array(mine.map(\.0).prefix(theirs.count)) == theirs.map(\.0), "the reference's keys first, in its order")
        #expect(mine.map(\.0).dropFirst(theirs.count) == ["regimes", "de_risk_events", "scorecard"])
        let worst = expectJSON(.object(Array(mine.prefix(theirs.count))), reference, tolerance: 1e-12)
        print("[compare golden] max |diff| \(worst)")

        let ourLines = String(decoding: try FileBytes.read(path: s + "/two_pass_comparison.md"), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let referenceLines = String(decoding: try FileBytes.read(path: Fixtures.run(Self.scaled) + "/two_pass_comparison.md"),
                                    as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(ourLines.prefix(referenceLines.count)) == referenceLines)
        #expect(FileBytes.exists(s + "/report.html"))
    }

    /// The run's inputs and weights only, as a user's own backtester would leave them.
    static func userRun(_ scratch: TemporaryRunDirectory) throws -> RunDirectory {
        let dir = scratch.file("user_run")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in ["portfolio_returns.csv", "equity_curve.csv", "asset_returns.csv", "trend_unit_returns.csv",
                     "sleeve_returns.csv", "weights.csv", "meta.json"] {
            try FileManager.default.copyItem(atPath: Fixtures.run(Self.baseline) + "/" + name, toPath: dir + "/" + name)
        }
        return RunDirectory(path: dir)
    }

    static func read(_ path: String) throws -> Panel { try CSVReader.read(path: path) }

    @Test func auditReplaysBothPassesFromTheWeights() throws {
        let scratch = try TemporaryRunDirectory(label: "audit")
        let run = try Self.userRun(scratch)
        let scaledRun = RunDirectory(path: scratch.file("user_run_audit"))
        let outcome = try OverlayAudit(run: run, scaledRun: scaledRun, logger: quietLogger).execute()
        #expect(outcome.computedAllocator)
        #expect(outcome.slippageBps == 0.5, "the run's meta.json slippage")
        for name in [RunDirectory.File.state, RunDirectory.File.regime, RunDirectory.File.risk, RunDirectory.File.applied] {
            #expect(run.contains(name), "\(name) computed into the audited run")
        }
        for name in ["portfolio_returns.csv", "equity_curve.csv", "weights.csv", "weights_raw.csv", "weights_scaled.csv",
                     "allocator_risk_v1_applied_source.csv", "allocator_risk_v1_applied_used.csv",
                     "allocator_scalars_at_rebalances.csv", "allocator_precomputed_meta.json", "meta.json"] {
            #expect(scaledRun.contains(name), "scaled run lacks \(name)")
        }

        // Independent recomputation from weights.csv, asset_returns.csv and the applied scalars:
        // weights of the latest rebalance strictly before the day, scaled by that rebalance's scalar;
        // a missing return contributes 0; 0.5 bps on turnover the first day after each rebalance.
        let weights = try Self.read(run.file("weights.csv"))
        let returns = try Self.read(run.file("asset_returns.csv"))
        let applied = try Self.read(run.file(RunDirectory.File.applied))
        #expect(applied.dates == weights.dates)
        var expected: [Double] = []
        var held = [String: Double]()
        var previous = [String: Double]()
        var k = -1
        for (d, day) in returns.dates.enumerated() {
            var r = 0.0
            for (a, name) in returns.names.enumerated() where !returns.columns[a][d].isNaN {
                r += (held[name] ?? 0) * returns.columns[a][d]
            }
            if k >= 0 && d > 0 && returns.dates[d - 1] == weights.dates[k] {
                let names = Set(held.keys).union(previous.keys)
                r -= 0.5e-4 * names.reduce(0) { $0 + abs((held[$1] ?? 0) - (previous[$1] ?? 0)) }
            }
            expected.append(r)
            if k + 1 < weights.rowCount && weights.dates[k + 1] == day {
                k += 1
                previous = held
                for (c, name) in weights.names.enumerated() {
                    let w = weights.columns[c][k]
                    held[name] = (w.isNaN ? 0 : w) * applied.columns[0][k]
                }
            }
        }
        let written = try Self.read(scaledRun.file("portfolio_returns.csv"))
        #expect(written.dates == returns.dates)
        let worst = zip(written.columns[0], expected).map { abs($0 - $1) }.max() ?? .nan
        #expect(worst <= 1e-15, "pass 2 differs from the independent replay by \(worst)")

        let json = outcome.audit.comparison.json()
        #expect(json["baseline_run_id"] == .string("baseline_20200106_20251031"))
        #expect(json["replay"]?["correlation"]?.doubleValue.map { $0 > 0.99 } == true)
        #expect(json["scaled"]?["scalars"]?["available"] == .bool(true))
    }

    @Test func unitScalarsLeaveBothPassesEqual() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-unit")
        let run = try Self.userRun(scratch)
        let flat = try AllocatorConfig.parse("risk:\n  mapping: {NORMAL: 1.0, ELEVATED: 1.0, STRESS: 1.0, CRISIS: 1.0}\n",
                                             file: "unit.yaml")
        let outcome = try OverlayAudit(run: run, scaledRun: RunDirectory(path: scratch.file("unit_audit")), allocatorConfig: flat,
                                       recomputeAllocator: true, logger: quietLogger).execute()
        #expect(outcome.pass2.returns == outcome.pass1.returns)
        #expect(outcome.pass2.equity.elementsEqual(outcome.pass1.equity) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        let c = outcome.audit.comparison
        #expect(c.baseline.metrics == c.scaled.metrics)
        #expect(c.scaled.scalars.fractionScaled == 0)
        #expect(outcome.audit.events.isEmpty)
    }

    @Test(.requiresAllocatorExecutable) func compareRefusesRunsOverDifferentDates() throws {
        let scratch = try TemporaryRunDirectory(label: "compare-dates")
        let b = try Self.copy(Self.baseline, into: scratch), s = try Self.copy(Self.scaled, into: scratch)
        try FileManager.default.removeItem(atPath: s + "/two_pass_comparison.json")
        let equity = try Self.read(s + "/equity_curve.csv")
        try CSVWriter.write(equity.rows(0..<(equity.rowCount - 20)), to: s + "/equity_curve.csv")
        let run = try AllocatorProcess.run(["compare", "--baseline", b, "--scaled", s])
        #expect(run.status == 1)
        #expect(run.stderr.contains("covers 2020-03-20..2025-10-31"), "\(run.stderr)")
        #expect(!FileBytes.exists(s + "/two_pass_comparison.json"), "nothing written")
        #expect(!FileBytes.exists(s + "/report.html"))
    }

    @Test(.requiresAllocatorExecutable) func compareNamesAMissingEquityCurve() throws {
        let scratch = try TemporaryRunDirectory(label: "compare-equity")
        let b = try Self.copy(Self.baseline, into: scratch), s = try Self.copy(Self.scaled, into: scratch)
        try FileManager.default.removeItem(atPath: b + "/equity_curve.csv")
        let run = try AllocatorProcess.run(["compare", "--baseline", b, "--scaled", s])
        #expect(run.status == 1)
        #expect(run.stderr.contains(b + "/equity_curve.csv"), "\(run.stderr)")
    }

    @Test(.requiresAllocatorExecutable) func aScaledRunWithoutUsedScalarsIsReportedUnavailable() throws {
        let scratch = try TemporaryRunDirectory(label: "compare-unused")
        let b = try Self.copy(Self.baseline, into: scratch), s = try Self.copy(Self.scaled, into: scratch)
        try FileManager.default.removeItem(atPath: s + "/allocator_risk_v1_applied_used.csv")
        let run = try AllocatorProcess.run(["compare", "--baseline", b, "--scaled", s])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONParser.parse(try FileBytes.read(path: s + "/two_pass_comparison.json"))
        #expect(json["scaled"]?["scalars"] == .object([("available", .bool(false))]))
    }

    @Test(.requiresAllocatorExecutable) func auditWithoutWeightsWritesNothing() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-noweights")
        let run = try Self.userRun(scratch)
        try FileManager.default.removeItem(atPath: run.file("weights.csv"))
        let result = try AllocatorProcess.run(["audit", "--run-dir", run.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(run.file("weights.csv")), "\(result.stderr)")
        #expect(!FileBytes.isDirectory(scratch.file("user_run_audit")), "no scaled run for a failed audit")
    }

    @Test(.requiresAllocatorExecutable) func anUnknownAuditKeyIsAnError() throws {
        let scratch = try TemporaryRunDirectory(label: "audit-key")
        let run = try Self.userRun(scratch)
        try scratch.write("audit.yaml", Array("audit:\n  max_drawdown_pas: 0.03\n".utf8))
        let result = try AllocatorProcess.run(["audit", "--run-dir", run.path, "--config", scratch.file("audit.yaml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("max_drawdown_pas"), "\(result.stderr)")
        #expect(!FileBytes.isDirectory(scratch.file("user_run_audit")))
        #expect(!run.contains(RunDirectory.File.state), "no allocator artifact computed before the configuration was read")
    }
}

/// The demo's two-pass audit judges stress detection on the synthetic market's own crisis spells.
@Suite struct DemoAuditTests {
    @Test(.requiresAllocatorExecutable) func syntheticCrisisSpellsAreTheStressWindows() throws {
        let scratch = try TemporaryRunDirectory(label: "demo-audit")
        let run = try AllocatorProcess.run(["demo", "--runs-root", scratch.file("runs")])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONParser.parse(try FileBytes.read(path: scratch.file("runs/demo_scaled/two_pass_comparison.json")))
        let check = json["scorecard"]?["checks"].flatMap { checks -> JSONValue? in
            guard case .array(let items) = checks else { return nil }
            return items.first { $0["id"] == .string("stress_detection") }
        }
        let windows = check?["measures"]?["stress_windows"]?.doubleValue ?? 0
        let hitRate = check?["measures"]?["hit_rate"]?.doubleValue ?? .nan
        #expect(windows > 0, "the synthetic market's crisis spells are stress windows")
        #expect(FileBytes.exists(scratch.file("runs/demo_baseline/market_spells.csv")))
        print("[demo audit] \(Int(windows)) synthetic crisis windows, hit rate \(hitRate)")
    }
}

/// The audit of a two-pass backtest with sleeve scalars (SPEC §10) reports each
/// sleeve's scalars and contribution before and after, and draws them.
@Suite struct SleeveAuditTests {
    @Test(.requiresAllocatorExecutable) func twoPassWithSleeveScalarsReportsEverySleeve() throws {
        let scratch = try TemporaryRunDirectory(label: "sleeve-audit")
        let config = Fixtures.packageRoot + "/docs/sleeve_scalars_example.yaml"
        let run = try AllocatorProcess.run(["backtest", "--synthetic", "--assets", "12", "--years", "6", "--config", config,
                                            "--two-pass", "--runs-root", scratch.file("runs"), "--run-id", "s", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let scaled = scratch.file("runs/s_scaled")
        let json = try JSONParser.parse(try FileBytes.read(path: scaled + "/two_pass_comparison.json"))
        guard case .object(let keys)? = Optional(json), case .object(let sleeves)? = json["sleeves"] else {
            Issue.record("no `sleeves` block in \(scaled)/two_pass_comparison.json"); return
        }
        #expect(keys.last?.0 == "sleeves", "the sleeve block follows the other additions")
        #expect(sleeves.map(\.0) == ["tsmom_multihorizon", "csmom_meta"])
        for (name, block) in sleeves {
            let before = block["contribution_baseline"]?.doubleValue, after = block["contribution_scaled"]?.doubleValue
            let delta = block["contribution_delta"]?.doubleValue
            #expect(before != nil && after != nil && delta != nil, "\(name): contributions missing")
            if let before, let after, let delta { #expect(abs((after - before) - delta) <= 1e-15, "\(name): Δ = after − before") }
            #expect((block["min"]?.doubleValue ?? .nan) >= 0.25, "\(name): clipped at the floor")
        }
        // csmom_meta is cut to 0.5 in STRESS and trend kept at 0.9: the momentum sleeve's mean scalar is the lower.
        #expect((sleeves[1].1["mean"]?.doubleValue ?? 1) < (sleeves[0].1["mean"]?.doubleValue ?? 0))
        let markdown = String(decoding: try FileBytes.read(path: scaled + "/two_pass_comparison.md"), as: UTF8.self)
        #expect(markdown.contains("## Sleeve Scalars (Scaled Run)"))
        let html = String(decoding: try FileBytes.read(path: scaled + "/report.html"), as: UTF8.self)
        #expect(html.contains("sleeve risk scalars") && html.contains("sleeve-1"), "the report draws the sleeve scalars")
    }
}
