import Foundation
import Testing
import TimeSeries
@testable import Allocator

@Suite struct RiskTransformerTests {
    static func dates(_ n: Int) -> [TradingDate] {
        (0..<n).map { TradingDate(year: 2024, month: 1, day: 1)!.adding(days: $0) }
    }

    static func series(_ regimes: [Regime]) -> RegimeSeries {
        RegimeSeries(dates: dates(regimes.count), regimes: regimes)
    }

    static func config(alpha: Double, floor: Double = 0.25, mapping: RegimeScalarMapping? = nil) -> RiskConfig {
        var c = RiskConfig()
        c.smoothing = .alpha(alpha)
        c.floor = floor
        if let mapping { c.mapping = mapping }
        return c
    }

    @Test func firstRowTakesItsTargetThenEWMA() throws {
        let risk = try RiskTransformer(config: Self.config(alpha: 0.5)).transform(Self.series([.elevated, .stress, .normal]))
        // s0 = 0.85; s1 = 0.5·0.85 + 0.5·0.55 = 0.70; s2 = 0.5·0.70 + 0.5·1.0 = 0.85
        #expect(risk.scalars == [0.85, 0.7, 0.85])
    }

    @Test func defaultProfileIsL() throws {
        let c = RiskConfig()
        #expect(c.profile == .low && c.alpha == 0.25 && c.floor == 0.25 && c.ceiling == 1.0)
        #expect(c.mapping == RegimeScalarMapping(normal: 1.0, elevated: 0.85, stress: 0.55, crisis: 0.3))
        #expect(RiskProfile(name: "m")?.mapping[.crisis] == 0.45)
        #expect(RiskProfile(name: "H")?.floor == 0.5 && RiskProfile.high.alpha == 0.15)
        #expect(RiskProfile(name: "X") == nil)
    }

    @Test func halfLifeAndAlphaAreTheSameSmoothing() {
        let a = RiskConfig.alpha(halfLife: 5)
        #expect(abs(a - (1 - pow(0.5, 1.0 / 5))) < 1e-15)
        #expect(abs(pow(1 - a, 5) - 0.5) < 1e-15)
        #expect(abs(RiskConfig.halfLife(alpha: a) - 5) < 1e-12)
        #expect(abs(RiskConfig.alpha(halfLife: 1) - 0.5) < 1e-15)
        var c = RiskConfig()
        c.smoothing = .halfLife(5)
        #expect(c.alpha == a && c.halfLife == 5)
        let meta = RiskArtifacts.metadata(RiskSeries(dates: [], scalars: [], regimes: []), config: c, generatedAt: "x")
        #expect(meta["smoothing_half_life"] == .int(5))
        #expect(meta["smoothing_alpha"] == .double(a))
        #expect(RiskArtifacts.metadata(RiskSeries(dates: [], scalars: [], regimes: []), config: RiskConfig())["smoothing_half_life"] == .null)
    }

    @Test func halfLifeSmoothingHalvesTheGapAfterHalfLifeRows() throws {
        var c = RiskConfig()
        c.smoothing = .halfLife(4)
        c.floor = 0.1
        let risk = try RiskTransformer(config: c).transform(Self.series([.crisis] + Array(repeating: .normal, count: 4)))
        // Gap to the target 1.0 starts at 0.7 and halves after 4 rows.
        #expect(abs((1 - risk.scalars[4]) - 0.35) < 1e-12)
    }

    @Test func clippingToTheFloorDoesNotFeedBackIntoTheAverage() throws {
        let risk = try RiskTransformer(config: Self.config(alpha: 0.5, floor: 0.5)).transform(Self.series([.crisis, .normal]))
        // s0 = 0.3 → clipped to 0.5; s1 = 0.5·0.3 + 0.5·1.0 = 0.65 (from the unclipped 0.3).
        #expect(risk.scalars == [0.5, 0.65])
    }

    @Test func clippingToTheCeiling() throws {
        var c = Self.config(alpha: 1)
        c.ceiling = 0.9
        let risk = try RiskTransformer(config: c).transform(Self.series([.normal, .elevated, .crisis]))
        #expect(risk.scalars == [0.9, 0.85, 0.3])
    }

    @Test func unmappedRegimeScoresOneAndIsReported() throws {
        let partial = RegimeScalarMapping([(.normal, 1.0), (.crisis, 0.3)])
        let risk = try RiskTransformer(config: Self.config(alpha: 1, mapping: partial))
            .transform(Self.series([.crisis, .elevated, .stress, .elevated]))
        #expect(risk.scalars == [0.3, 1.0, 1.0, 1.0])
        #expect(risk.unmappedLabels == ["ELEVATED", "STRESS"])
        let meta = RiskArtifacts.metadata(risk, config: Self.config(alpha: 1, mapping: partial), generatedAt: "x")
        #expect(meta["regime_scalar_mapping"] == .object([("NORMAL", .double(1.0)), ("CRISIS", .double(0.3))]))
    }

    @Test func unknownLabelScoresOne() throws {
        let risk = try RiskTransformer(config: Self.config(alpha: 1))
            .transform(dates: Self.dates(3), labels: ["STRESS", "Panic", "STRESS"])
        #expect(risk.scalars == [0.55, 1.0, 0.55])
        #expect(risk.unmappedLabels == ["Panic"])
        #expect(risk.regimes == [.stress, nil, .stress])
    }

    @Test func overrideForcesOneRegimeForEveryDate() throws {
        var c = Self.config(alpha: 1)
        c.overrideRegime = .stress
        let risk = try RiskTransformer(config: c).transform(Self.series([.normal, .crisis, .elevated]))
        #expect(risk.scalars == [0.55, 0.55, 0.55])
        #expect(risk.regimes == [.normal, .crisis, .elevated])
    }

    /// A default configuration with one change.
    static func changed(_ change: (inout RiskConfig) -> Void) -> RiskConfig {
        var c = RiskConfig()
        change(&c)
        return c
    }

    static let invalid: [(String, RiskConfig)] = [
        ("alpha", changed { $0.smoothing = .alpha(0) }),
        ("alpha", changed { $0.smoothing = .alpha(1.01) }),
        ("alpha", changed { $0.smoothing = .alpha(.nan) }),
        ("half_life", changed { $0.smoothing = .halfLife(0) }),
        ("half_life", changed { $0.smoothing = .halfLife(-3) }),
        ("floor", changed { $0.floor = 0 }),
        ("floor", changed { $0.floor = 1.5 }),
        ("floor", changed { $0.floor = 0.8; $0.ceiling = 0.7 }),
        ("max", changed { $0.ceiling = 1.2 }),
        ("mapping.STRESS", changed { $0.mapping[.stress] = 0 }),
        ("apply_missing_scalar_as", changed { $0.applyMissingScalarAs = 2 }),
        ("override_regime", changed { $0.mapping[.crisis] = nil; $0.overrideRegime = .crisis }),
    ]

    @Test(arguments: invalid)
    func invalidParametersAreRefusedByName(_ parameter: String, _ config: RiskConfig) {
        let error = #expect(throws: RiskConfigError.self) { try RiskTransformer(config: config) }
        #expect(error?.parameter == parameter)
        #expect(error?.description.contains(parameter) == true)
    }

    @Test func alphaOneAndFloorEqualCeilingAreValid() throws {
        var c = Self.config(alpha: 1, floor: 1)
        c.ceiling = 1
        let risk = try RiskTransformer(config: c).transform(Self.series([.crisis, .normal]))
        #expect(risk.scalars == [1, 1])
    }

    @Test func stepperResumesFromSerialisedState() throws {
        let regimes: [Regime] = [.normal, .elevated, .stress, .stress, .crisis, .elevated, .normal, .normal]
        let config = RiskConfig(profile: .medium)
        let whole = try RiskTransformer(config: config).transform(Self.series(regimes)).scalars
        var first = try RiskStepper(config: config)
        let head = regimes[..<5].map { first.step($0) }
        var resumed = try JSONDecoder().decode(RiskStepper.self, from: JSONEncoder().encode(first))
        #expect(resumed == first)
        let tail = regimes[5...].map { resumed.step($0) }
        #expect(head + tail == whole)
    }

    @Test func byRegimeStatisticsFollowSeverityOrderAndSkipAbsentRegimes() throws {
        let risk = try RiskTransformer(config: Self.config(alpha: 1)).transform(Self.series([.stress, .normal, .stress]))
        let meta = RiskArtifacts.metadata(risk, config: Self.config(alpha: 1), generatedAt: "x")
        guard case .object(let groups)? = meta["risk_scalar_by_regime"] else { Issue.record("no by-regime object"); return }
        #expect(groups.map(\.0) == ["NORMAL", "STRESS"])
        #expect(meta["risk_scalar_by_regime"]?["STRESS"]?["count"] == .int(2))
        #expect(meta["risk_scalar_by_regime"]?["STRESS"]?["mean"] == .double(0.55))
    }
}
