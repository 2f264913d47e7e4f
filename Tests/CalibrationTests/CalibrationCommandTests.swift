import Allocator
import AllocatorTestSupport
import Foundation
import Testing
import TimeSeries

/// `allocator calibrate` end to end on the baseline reference run: the same
/// bytes for any thread count and for 3 shards merged; the best candidate's
/// scores recomputed from the artifacts `allocator pipeline --config best.yaml`
/// writes, from SPEC §9/§11's definitions (not through the calibration code);
/// the report's calibration section.
@Suite(.requiresFixtures, .requiresAllocatorExecutable) struct CalibrationCommandTests {
    static let grid = """
        risk:
          profile: L
        calibrate:
          vol_accel_enter: [1.1, 1.3, 1.45]
          dd_enter: [-0.12, -0.08]
          min_days_in_regime: [3, 5]
          alpha: [0.2, 0.35]

        """
    static let trainEnd = "2023-06-30"
    static let outputs = ["candidates.csv", "best.yaml", "summary.md", "calibration.json"]

    /// A scratch copy of the baseline run's inputs with the grid config beside it.
    static func scratch(_ label: String) throws -> TemporaryRunDirectory {
        let dir = try TemporaryRunDirectory(copyingInputsOf: Fixtures.run(Fixtures.baseline), label: label)
        try dir.write("calib.yaml", Array(grid.utf8))
        return dir
    }

    static func calibrate(_ dir: TemporaryRunDirectory, _ extra: [String]) throws -> AllocatorProcess.Outcome {
        try AllocatorProcess.run(["calibrate", "--run-dir", dir.path, "--config", dir.file("calib.yaml"),
                                  "--train-end", trainEnd, "--quiet"] + extra)
    }

    @Test func sameBytesForOneThreadAllThreadsAndThreeShards() throws {
        let one = try Self.scratch("calib-one")
        let r1 = try Self.calibrate(one, ["--threads", "1"])
        #expect(r1.status == 0, "\(r1.stderr)")
        let all = try Self.scratch("calib-all")
        let r2 = try Self.calibrate(all, [])
        #expect(r2.status == 0, "\(r2.stderr)")
        let sharded = try Self.scratch("calib-shards")
        for i in 0..<3 {
            let r = try Self.calibrate(sharded, ["--shard", "\(i)/3", "--threads", "2"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(sharded.bytes("calibration/candidates.csv") == nil, "a shard writes only its shard file")
        let merge = try AllocatorProcess.run(["calibrate", "merge", "--run-dir", sharded.path, "--quiet"])
        #expect(merge.status == 0, "\(merge.stderr)")
        for name in Self.outputs {
            let reference = one.bytes("calibration/" + name)
            #expect(reference != nil && !reference!.isEmpty, "\(name) written")
            #expect(all.bytes("calibration/" + name) == reference, "\(name): all threads = 1 thread")
            #expect(sharded.bytes("calibration/" + name) == reference, "\(name): 3 shards merged = unsharded")
        }
        // 24 valid candidates (vol_accel_enter 1.1 ≤ vol_accel_exit 1.15 is invalid: 8 skipped).
        let lines = String(decoding: one.bytes("calibration/candidates.csv")!, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 1 + 16)
        #expect(lines[0] == "candidate,vol_accel_enter,dd_enter,min_days_in_regime,alpha,score,share_normal,share_elevated,share_stress,share_crisis,transitions_per_year,thrash_per_year,stress_missed,calm_events,test_score,test_share_normal,test_share_elevated,test_share_stress,test_share_crisis,test_transitions_per_year,test_thrash_per_year,test_stress_missed,test_calm_events")
        let json = try JSONParser.parse(one.bytes("calibration/calibration.json")!)
        #expect(json["skipped_invalid"]?.intValue == 8)
        #expect(json["evaluated"]?.intValue == 16)
    }

    /// The best row of `candidates.csv`, recomputed from the regimes and
    /// applied scalars `allocator pipeline --config best.yaml` writes.
    @Test func bestScoresRecomputedIndependentlyFromThePipelineArtifacts() throws {
        let dir = try Self.scratch("calib-independent")
        let r = try Self.calibrate(dir, [])
        #expect(r.status == 0, "\(r.stderr)")
        let out = dir.file("pipeline-best")
        let p = try AllocatorProcess.run(["pipeline", "--run-dir", dir.path, "--config", dir.file("calibration/best.yaml"),
                                          "--output-dir", out, "--quiet"])
        #expect(p.status == 0, "\(p.stderr)")
        let table = String(decoding: dir.bytes("calibration/candidates.csv")!, as: UTF8.self).split(separator: "\n")
        let header = table[0].split(separator: ",").map(String.init)
        let best = table[1].split(separator: ",", omittingEmptySubsequences: false).map { Double($0)! }
        func column(_ name: String) -> Double { best[header.firstIndex(of: name)!] }

        let regimes = try Self.readColumn(out + "/allocator_regime_v1.csv").map { ($0.0, $0.1) }
        let applied = try Self.readColumn(out + "/allocator_risk_v1_applied.csv").map { ($0.0, Double($0.1)!) }
        let split = TradingDate(Self.trainEnd)!
        // The baseline run's rebalances span 2020-01..2025-10: the built-in windows lying wholly inside.
        let windows: [(TradingDate, TradingDate, Bool)] = [
            (TradingDate("2020-02-15")!, TradingDate("2020-04-30")!, true), (TradingDate("2021-01-01")!, TradingDate("2021-12-31")!, false),
            (TradingDate("2022-01-01")!, TradingDate("2022-09-30")!, true), (TradingDate("2023-04-01")!, TradingDate("2023-12-31")!, false),
        ]
        let expected = [("", regimes.filter { $0.0 <= split }), ("test_", regimes.filter { $0.0 > split })]
        // De-risk events: starts of maximal runs of applied scalar < 0.70.
        var starts: [TradingDate] = []
        for (k, (date, scalar)) in applied.enumerated() where scalar < 0.70 && (k == 0 || applied[k - 1].1 >= 0.70) { starts.append(date) }
        for (prefix, rows) in expected {
            let n = Double(rows.count)
            let shares = ["NORMAL", "ELEVATED", "STRESS", "CRISIS"].map { label in Double(rows.filter { $0.1 == label }.count) / n }
            let years = Double(rows.first!.0.days(to: rows.last!.0)) / 365.25
            var changes = 0
            for k in 1..<rows.count where rows[k].1 != rows[k - 1].1 { changes += 1 }
            // Visits (regime, length); a thrash event is a middle visit of ≤ 5 rows between two visits of one regime.
            var visits: [(String, Int)] = []
            for row in rows { if visits.last?.0 == row.1 { visits[visits.count - 1].1 += 1 } else { visits.append((row.1, 1)) } }
            var thrash = 0
            if visits.count >= 3 { for j in 1..<(visits.count - 1) where visits[j - 1].0 == visits[j + 1].0 && visits[j].1 <= 5 { thrash += 1 } }
            let (first, last) = (rows.first!.0, rows.last!.0)
            let own = starts.filter { first <= $0 && $0 <= last }
            var missed = 0, calm = 0
            for (s, e, stress) in windows {
                let (a, b) = (max(s, first), min(e, last))
                guard a <= b else { continue }
                let inside = own.filter { a <= $0 && $0 <= b }.count
                if stress && inside == 0 { missed += 1 }
                if !stress { calm += inside }
            }
            let targets = [0.70, 0.20, 0.08, 0.02]
            let tpy = Double(changes) / years
            let score = zip(shares, targets).reduce(0) { $0 + abs($1.0 - $1.1) } + max(0, tpy - 20) / 20
                + Double(thrash) / years + Double(missed) + Double(calm)
            for (name, value) in zip(["share_normal", "share_elevated", "share_stress", "share_crisis"], shares) {
                #expect(abs(column(prefix + name) - value) <= 1e-12, "\(prefix)\(name)")
            }
            #expect(abs(column(prefix + "transitions_per_year") - tpy) <= 1e-9)
            #expect(abs(column(prefix + "thrash_per_year") - Double(thrash) / years) <= 1e-9)
            #expect(column(prefix + "stress_missed") == Double(missed))
            #expect(column(prefix + "calm_events") == Double(calm))
            #expect(abs(column(prefix + "score") - score) <= 1e-9, "\(prefix)score")
            print("[calibration independent] \(prefix.isEmpty ? "train" : "test"): score \(score), shares \(shares), transitions/yr \(tpy), thrash \(thrash), missed \(missed), calm \(calm)")
        }
    }

    @Test func auditReportShowsTheCalibration() throws {
        let dir = try Self.scratch("calib-report")
        #expect(try Self.calibrate(dir, []).status == 0)
        let a = try AllocatorProcess.run(["audit", "--run-dir", dir.path, "--quiet"])
        #expect(a.status == 0, "\(a.stderr)")
        let html = String(decoding: FileManager.default.contents(atPath: dir.path + "_audit/report.html") ?? Data(), as: UTF8.self)
        try? FileManager.default.removeItem(atPath: dir.path + "_audit")
        #expect(html.contains("Calibration score (lower is better), 16 candidates"))
        #expect(html.contains("vol_accel_enter"))
    }

    /// `date,value` rows of a two-column artifact.
    static func readColumn(_ path: String) throws -> [(TradingDate, String)] {
        let text = String(decoding: try FileBytes.read(path: path), as: UTF8.self)
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return (TradingDate(cells[0])!, String(cells[1]))
        }
    }
}
