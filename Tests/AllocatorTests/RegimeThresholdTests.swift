import Testing
import TimeSeries
@testable import Allocator

@Suite struct RegimeThresholdTests {
    @Test func defaultsAreValidAndWrittenInMetadataOrder() throws {
        try RegimeThresholds().validate()
        guard case .object(let pairs) = RegimeThresholds().metadata else { Issue.record("not an object"); return }
        #expect(pairs.map(\.0) == RegimeThresholds.metadataNames)
        #expect(RegimeThresholds().metadata["dd_crisis_enter"] == .double(-0.2))
        #expect(RegimeThresholds().metadata["min_days_in_regime"] == .int(5))
    }

    @Test(arguments: [
        ("vol_accel_exit", 1.30, ["vol_accel_exit", "vol_accel_enter"]),
        ("vol_accel_enter", 1.0, ["vol_accel_exit", "vol_accel_enter"]),
        ("corr_shock_exit", 0.2, ["corr_shock_exit", "corr_shock_enter"]),
        ("dd_exit", -0.10, ["dd_exit", "dd_enter"]),
        ("dd_enter", -0.05, ["dd_exit", "dd_enter"]),
        ("dd_slope_exit", -0.07, ["dd_slope_exit", "dd_slope_enter"]),
        ("dd_crisis_enter", -0.12, ["dd_crisis_enter", "dd_stress_enter"]),
        ("dd_stress_enter", -0.25, ["dd_crisis_enter", "dd_stress_enter"]),
        ("min_days_in_regime", 0, ["min_days_in_regime"]),
        ("vol_accel_enter", .nan, ["vol_accel_enter"]),
    ])
    func eachBrokenRuleIsRefusedNamingItsThresholds(_ name: String, _ value: Double, _ involved: [String]) throws {
        var t = RegimeThresholds()
        try t.set(name, to: value)
        let error = #expect(throws: RegimeThresholdError.self) { try t.validate() }
        #expect(error?.names == involved)
        for n in involved { #expect(error?.description.contains(n) == true) }
        #expect(throws: RegimeThresholdError.self) { try RegimeClassifier(thresholds: t) }
    }

    @Test func setAcceptsEveryMetadataName() throws {
        var t = RegimeThresholds()
        for (k, name) in RegimeThresholds.metadataNames.enumerated() {
            try t.set(name, to: Double(k + 1))
        }
        #expect(t.volAccelEnter == 1 && t.ddSlopeExit == 10 && t.minDaysInRegime == 11)
    }

    @Test func setRefusesUnknownNamesAndFractionalDays() {
        var t = RegimeThresholds()
        #expect(throws: RegimeThresholdError.self) { try t.set("vol_accel_entry", to: 1.3) }
        #expect(throws: RegimeThresholdError.self) { try t.set("min_days_in_regime", to: 2.5) }
    }
}
