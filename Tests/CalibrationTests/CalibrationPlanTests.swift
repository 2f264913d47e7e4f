import Allocator
import AllocatorTestSupport
@testable import Calibration
import Testing

/// The `calibrate:` block, candidate generation and the candidates table codec.
struct CalibrationPlanTests {
    @Test func gridIsTheProductLastParameterFastest() throws {
        let plan = try CalibrationPlan.parse("regime: {dd_enter: -0.09}\ncalibrate:\n  vol_accel_enter: [1.2, 1.4]\n  min_days_in_regime: [3, 5, 8]\n", file: "t.yaml")
        #expect(plan.base.regime.ddEnter == -0.09)
        let set = try CandidateSet.grid(plan)
        #expect(set.names == ["vol_accel_enter", "min_days_in_regime"])
        #expect(set.values == [[1.2, 3], [1.2, 5], [1.2, 8], [1.4, 3], [1.4, 5], [1.4, 8]])
    }

    /// The shipped example (`docs/calibrate_example.yaml`, named in `--help`
    /// and in the error for a missing `--config`) parses into the grid and
    /// ranges it describes.
    @Test func shippedExampleLoads() throws {
        let plan = try CalibrationPlan.load(path: Fixtures.packageRoot + "/docs/calibrate_example.yaml")
        let grid = try CandidateSet.grid(plan)
        #expect(grid.names == ["vol_accel_enter", "min_days_in_regime"] && grid.values.count == 9)
        let drawn = try CandidateSet.samples(plan, count: 50, seed: 7)
        #expect(drawn.names == ["vol_accel_enter", "dd_enter", "alpha"])
        #expect(drawn.values.allSatisfy { (1.1...1.6).contains($0[0]) && (-0.14 ... -0.06).contains($0[1]) })
    }

    @Test func samplesAreDeterministicAndInRange() throws {
        let plan = try CalibrationPlan.parse("calibrate:\n  ranges:\n    alpha: [0.1, 0.4]\n    min_days_in_regime: [2, 4]\n", file: "t.yaml")
        let a = try CandidateSet.samples(plan, count: 200, seed: 9), b = try CandidateSet.samples(plan, count: 200, seed: 9)
        let c = try CandidateSet.samples(plan, count: 200, seed: 10)
        #expect(a.values == b.values && a.values != c.values)
        #expect(a.values.allSatisfy { (0.1..<0.4).contains($0[0]) && [2, 3, 4].contains($0[1]) })
        #expect(Set(a.values.map { $0[1] }) == [2, 3, 4])
    }

    @Test func strictKeysAndErrorsNameTheLine() throws {
        #expect(throws: CalibrationError.self) { try CalibrationPlan.parse("calibrate:\n  weights: {share: 1}\n", file: "t.yaml") }
        do {
            _ = try CalibrationPlan.parse("calibrate:\n  vol_accel_enter: [1.2]\n  nope: [1]\n", file: "t.yaml")
            Issue.record("accepted an unknown key")
        } catch { #expect(error.description.hasPrefix("t.yaml:3:") && error.description.contains("`nope`")) }
        #expect(throws: CalibrationError.self) { try CalibrationPlan.parse("calibrate:\n  alpha: [0.2]\n  half_life: [3]\n", file: "t.yaml") }
        #expect(throws: CalibrationError.self) { try CalibrationPlan.parse("calibrate:\n  min_days_in_regime: [2.5]\n", file: "t.yaml") }
    }

    @Test func tableRoundTripsByteForByte() throws {
        let table = CandidateTable(header: ["candidate", "x", "stress_missed"], rows: [[3, 0.1 + 0.2, 2], [10, -1e-300, 0], [11, .nan, 1]],
                                   integerColumns: ["candidate", "stress_missed"])
        let bytes = table.encoded()
        #expect(String(decoding: bytes, as: UTF8.self) == "candidate,x,stress_missed\n3,0.30000000000000004,2\n10,-1e-300,0\n11,,1\n")
        let back = try CandidateTable.decode(bytes, file: "t.csv", integerColumns: table.integerColumns)
        #expect(back.encoded() == bytes)
    }

    @Test func bestYAMLLoadsAsTheSameConfiguration() throws {
        var config = AllocatorConfig()
        config.regime.volAccelEnter = 1.4123456789
        config.regime.minDaysInRegime = 7
        config.risk.profile = .medium
        config.risk.halfLife = 3.3
        config.risk.mapping = RegimeScalarMapping(normal: 1, elevated: 0.8, stress: 0.5, crisis: 0.3)
        let text = ConfigurationYAML.text(config, comment: ["test"])
        #expect(try AllocatorConfig.parse(text, file: "best.yaml") == config)
    }
}
