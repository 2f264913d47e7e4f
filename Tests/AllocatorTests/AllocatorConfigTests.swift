import Testing
@testable import Allocator

@Suite struct AllocatorConfigTests {
    @Test func fullConfigIsRead() throws {
        let yaml = """
        regime:
          vol_accel_enter: 1.4
          dd_crisis_enter: -0.25
          min_days_in_regime: 3
        risk:
          profile: M
          half_life: 6
          floor: 0.4
          mapping: {NORMAL: 1.0, ELEVATED: 0.9, STRESS: 0.7, CRISIS: 0.45}
          apply_missing_scalar_as: 0.9
        """
        let config = try AllocatorConfig.parse(yaml, file: "c.yaml")
        #expect(config.regime.volAccelEnter == 1.4 && config.regime.ddCrisisEnter == -0.25)
        #expect(config.regime.minDaysInRegime == 3 && config.regime.volAccelExit == 1.15)
        let risk = try config.risk.resolved()
        #expect(risk.profile == .medium && risk.halfLife == 6 && risk.floor == 0.4 && risk.applyMissingScalarAs == 0.9)
        #expect(risk.alpha == RiskConfig.alpha(halfLife: 6))
        #expect(risk.mapping == RiskProfile.medium.mapping)
    }

    @Test func emptyFileGivesDefaults() throws {
        let config = try AllocatorConfig.parse("", file: "c.yaml")
        #expect(config == AllocatorConfig())
        #expect(try config.risk.resolved() == RiskConfig())
    }

    @Test func profileDefaultsThenExplicitKeys() throws {
        let risk = try AllocatorConfig.parse("risk:\n  alpha: 0.5\n  profile: H\n", file: "c.yaml").risk.resolved()
        #expect(risk.alpha == 0.5 && risk.floor == 0.5 && risk.mapping == RiskProfile.high.mapping)
    }

    @Test func partialMappingReplacesTheProfileMapping() throws {
        let risk = try AllocatorConfig.parse("risk:\n  mapping:\n    CRISIS: 0.3\n", file: "c.yaml").risk.resolved()
        #expect(risk.mapping[.crisis] == 0.3 && risk.mapping[.normal] == nil)
    }

    @Test(arguments: [
        ("regime:\n  vol_accel_entry: 1.3\n", "regime.vol_accel_entry"),
        ("risk:\n  smoothing: 0.3\n", "risk.smoothing"),
        ("risk:\n  mapping: {PANIC: 0.1}\n", "risk.mapping.PANIC"),
        ("allocator:\n  x: 1\n", "allocator"),
        ("risk:\n  profile: Z\n", "risk.profile"),
        ("risk:\n  alpha: fast\n", "risk.alpha"),
        ("regime:\n  min_days_in_regime: 2.5\n", "regime.min_days_in_regime"),
        ("regime: 3\n", "regime"),
    ])
    func unknownOrMalformedKeysAreErrorsNamingTheKey(_ yaml: String, _ key: String) {
        let error = #expect(throws: AllocatorError.self) { try AllocatorConfig.parse(yaml, file: "c.yaml") }
        #expect(error?.description.contains(key) == true, "\(error.map { "\($0)" } ?? "no error")")
        #expect(error?.description.contains("c.yaml") == true)
    }

    @Test func otherSectionsNamedByTheCallerAreLeftAlone() throws {
        let config = try AllocatorConfig.parse("backtest:\n  slippage_bps: 1\nrisk:\n  floor: 0.3\n",
                                               file: "c.yaml", otherSections: ["backtest"])
        #expect(config.risk.floor == 0.3)
    }

    @Test func errorsCarryTheLine() {
        let error = #expect(throws: AllocatorError.self) {
            try AllocatorConfig.parse("risk:\n  floor: 0.3\n  flor: 0.2\n", file: "c.yaml")
        }
        #expect(error?.description.contains("c.yaml:3") == true)
    }

    @Test func alphaAndHalfLifeTogetherAreRefused() throws {
        let settings = try AllocatorConfig.parse("risk:\n  alpha: 0.3\n  half_life: 4\n", file: "c.yaml").risk
        let error = #expect(throws: RiskConfigError.self) { try settings.resolved() }
        #expect(error?.parameter == "alpha")
    }

    @Test func commandLineSettingsOverrideTheFile() throws {
        var file = RiskSettings()
        file.halfLife = 4
        file.floor = 0.3
        var flags = RiskSettings()
        flags.alpha = 0.4
        flags.profile = .high
        let merged = file.overridden(by: flags)
        #expect(merged.alpha == 0.4 && merged.halfLife == nil && merged.floor == 0.3 && merged.profile == .high)
        #expect(try merged.resolved().floor == 0.3)
    }
}
