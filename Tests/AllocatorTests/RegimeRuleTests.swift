import Foundation
import Testing
@testable import Allocator

/// Hand-made feature rows exercising each rule of SPEC §4 with the default thresholds.
@Suite struct RegimeRuleTests {
    static func row(vol: Double = 1.0, corr: Double = 0.0, dd: Double = 0.0, slope: Double = 0.0) -> RegimeFeatureRow {
        RegimeFeatureRow(volAccel: vol, corrShock: corr, ddLevel: dd, ddSlope10d: slope)
    }

    static let calm = row()

    static func classify(_ rows: [RegimeFeatureRow], _ t: RegimeThresholds = RegimeThresholds()) throws -> [Regime] {
        var stepper = try RegimeStepper(thresholds: t)
        return rows.map { stepper.step($0) }
    }

    @Test func calmRowIsNormal() throws {
        #expect(try Self.classify([Self.calm]) == [.normal])
    }

    @Test(arguments: [
        ("dd at crisis level", row(dd: -0.20)),
        ("score 3 without corr spike", row(vol: 1.4, dd: -0.11, slope: -0.07)),
        ("fast vol, corr spike and worsening dd", row(vol: 1.4, corr: 0.12, slope: -0.07)),
        ("all four flags", row(vol: 1.5, corr: 0.2, dd: -0.15, slope: -0.1)),
    ])
    func enterPathsToCrisis(_ name: String, _ r: RegimeFeatureRow) throws {
        #expect(try Self.classify([r]) == [.crisis], "\(name)")
    }

    @Test(arguments: [
        ("deep and worsening dd (score 2)", row(dd: -0.11, slope: -0.07)),
        ("fast vol and corr spike", row(vol: 1.3, corr: 0.1)),
        ("dd at stress level with score 1", row(dd: -0.12)),
        ("corr spike and worsening dd", row(corr: 0.3, slope: -0.06)),
    ])
    func enterPathsToStress(_ name: String, _ r: RegimeFeatureRow) throws {
        #expect(try Self.classify([r]) == [.stress], "\(name)")
    }

    @Test(arguments: [
        ("fast vol at its threshold", row(vol: 1.30)),
        ("corr spike at its threshold", row(corr: 0.10)),
        ("deep dd at its threshold", row(dd: -0.10)),
        ("worsening dd at its threshold", row(slope: -0.06)),
    ])
    func enterPathsToElevated(_ name: String, _ r: RegimeFeatureRow) throws {
        #expect(try Self.classify([r]) == [.elevated], "\(name)")
    }

    @Test func justBelowEveryEnterThresholdIsNormal() throws {
        let r = Self.row(vol: 1.2999, corr: 0.0999, dd: -0.0999, slope: -0.0599)
        #expect(try Self.classify([r]) == [.normal])
    }

    @Test func missingFeatureRaisesNoFlag() throws {
        let r = Self.row(vol: .nan, corr: .nan, dd: .nan, slope: .nan)
        #expect(try Self.classify([r]) == [.normal])
    }

    @Test func upgradeHappensAtOnce() throws {
        let regimes = try Self.classify([Self.calm, Self.row(vol: 1.4), Self.row(dd: -0.13), Self.row(dd: -0.25)])
        #expect(regimes == [.normal, .elevated, .stress, .crisis])
    }

    @Test func noDowngradeBeforeMinimumDaysThenDowngradeSkipsLevels() throws {
        // CRISIS on day 1; calm rows after it: the regime must last 5 days before leaving.
        let regimes = try Self.classify([Self.row(dd: -0.25)] + Array(repeating: Self.calm, count: 6))
        #expect(regimes == [.crisis, .crisis, .crisis, .crisis, .crisis, .normal, .normal])
    }

    @Test func minimumDaysIsConfigurable() throws {
        var t = RegimeThresholds()
        t.minDaysInRegime = 1
        #expect(try Self.classify([Self.row(dd: -0.25), Self.calm], t) == [.crisis, .normal])
    }

    @Test func noDowngradeWhileExitScoreTooHigh() throws {
        // Between EXIT and ENTER: vol 1.2 ≥ 1.15, corr 0.07 ≥ 0.05 → ENTER score 0, EXIT score 2.
        let lingering = Self.row(vol: 1.2, corr: 0.07)
        let oneExitFlag = Self.row(vol: 1.2)
        let regimes = try Self.classify([Self.row(dd: -0.13)] + Array(repeating: lingering, count: 8) + [oneExitFlag])
        #expect(regimes == Array(repeating: .stress, count: 9) + [.normal])
    }

    @Test func elevatedStaysWhileAnyExitFlagIsOn() throws {
        let regimes = try Self.classify([Self.row(vol: 1.4)] + Array(repeating: Self.row(slope: -0.04), count: 6) + [Self.calm])
        #expect(regimes == Array(repeating: .elevated, count: 7) + [.normal])
    }

    @Test func crisisStepsDownToStressWhenTargetIsStress() throws {
        // Target STRESS (dd ≤ −0.12) with EXIT score 1 (< 3): CRISIS → STRESS after 5 days.
        let regimes = try Self.classify([Self.row(dd: -0.25)] + Array(repeating: Self.row(dd: -0.13), count: 5))
        #expect(regimes == [.crisis, .crisis, .crisis, .crisis, .crisis, .stress])
    }

    @Test func daysInRegimeResetsOnChange() throws {
        var stepper = try RegimeStepper()
        _ = stepper.step(Self.calm)
        _ = stepper.step(Self.calm)
        #expect(stepper.daysInRegime == 2)
        _ = stepper.step(Self.row(vol: 1.4))
        #expect(stepper.current == .elevated)
        #expect(stepper.daysInRegime == 1)
    }

    @Test func stepperResumesFromSerialisedState() throws {
        let rows = [Self.row(dd: -0.25), Self.calm, Self.row(vol: 1.2, corr: 0.07), Self.calm, Self.calm,
                    Self.calm, Self.row(vol: 1.4), Self.calm, Self.calm]
        let whole = try Self.classify(rows)
        var first = try RegimeStepper()
        let head = rows[..<4].map { first.step($0) }
        let saved = try JSONEncoder().encode(first)
        var resumed = try JSONDecoder().decode(RegimeStepper.self, from: saved)
        #expect(resumed == first)
        let tail = rows[4...].map { resumed.step($0) }
        #expect(head + tail == whole)
    }

    @Test func severityOrderAndLabels() {
        #expect(Regime.allCases == [.normal, .elevated, .stress, .crisis])
        #expect(Regime.allCases.map(\.severity) == [0, 1, 2, 3])
        #expect(Regime.normal < Regime.crisis)
        #expect(Regime(label: "STRESS") == .stress)
        #expect(Regime(label: "Stress") == nil)
    }
}
