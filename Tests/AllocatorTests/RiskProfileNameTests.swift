import Testing
@testable import Allocator

/// Profile names: the letters and the reference's aliases, any case.
@Suite struct RiskProfileNameTests {
    @Test(arguments: [
        ("L", RiskProfile.low), ("M", .medium), ("H", .high), ("l", .low),
        ("low", .low), ("medium", .medium), ("high", .high),
        ("conservative", .low), ("institutional", .low), ("balanced", .medium), ("aggressive", .high),
        ("LOW", .low), ("Aggressive", .high),
    ])
    func namesAndAliases(_ name: String, _ expected: RiskProfile) {
        #expect(RiskProfile(name: name) == expected)
    }

    @Test func otherNamesAreRefused() {
        for name in ["", "X", "lo", "institution", "moderate"] { #expect(RiskProfile(name: name) == nil) }
    }

    @Test func theRiskBlockTakesAliases() throws {
        let risk = try AllocatorConfig.parse("risk:\n  profile: aggressive\n", file: "c.yaml").risk.resolved()
        #expect(risk.profile == .high && risk.alpha == 0.15 && risk.floor == 0.5)
        let error = #expect(throws: AllocatorError.self) { try AllocatorConfig.parse("risk:\n  profile: bold\n", file: "c.yaml") }
        #expect(error?.description == "c.yaml:2: `risk.profile` is `bold`, not a risk profile (expected L, M, H, low, medium, high, conservative, institutional, balanced or aggressive)")
    }
}
