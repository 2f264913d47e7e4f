import Testing
import Allocator
@testable import Backtest

/// The reference's `allocator_v1` block as its users write it (issue 8
/// item 7) loads with the reference's meaning; keys nobody defines stay errors.
@Suite struct ReferenceAllocatorBlockTests {
    static let profiles = """
    profiles:
      p:
        rebalance: W-FRI
        slippage_bps: 1
        portfolio_vol_target: 0.1
        leverage_cap: 2
        sleeves:
          csmom_meta: {weight: 1}

    """

    func settings(_ block: String) throws(BacktestError) -> AllocatorSettings {
        try BacktestConfigParser.parse(yaml: Self.profiles + "allocator_v1:\n" + block, source: "cfg.yaml").allocator
    }

    func message(_ block: String) -> String? {
        do { _ = try settings(block); return nil } catch { return error.description }
    }

    @Test func theReferenceBlockLoadsUnchanged() throws {
        let block = """
          enabled: true
          mode: "precomputed"
          profile: "institutional"
          precomputed_run_id: "baseline_1"
          precomputed_scalar_filename: "allocator_risk_v1_applied.csv"
          apply_missing_scalar_as: 1.0
          state_version: "v1.0"
          regime_version: "v1.0"
          risk_version: "v1.0"

        """
        #expect(try settings(block) == AllocatorSettings(mode: .precomputed, precomputedRunId: "baseline_1",
                                                         applyMissingScalarAs: 1.0, riskProfile: "L"))
    }

    @Test(arguments: [
        ("H", "H"), ("M", "M"), ("L", "L"), ("h", "H"),
        ("high", "H"), ("medium", "M"), ("low", "L"),
        ("aggressive", "H"), ("balanced", "M"), ("conservative", "L"), ("institutional", "L"),
        ("High", "H"), ("BALANCED", "M"), ("Institutional", "L"),
    ])
    func profileAliases(_ name: String, _ expected: String) throws {
        #expect(try settings("  profile: \(name)\n").riskProfile == expected)
        #expect(try settings("  risk_profile: \(name)\n").riskProfile == expected)
    }

    @Test func profileAndRiskProfileMustAgree() throws {
        #expect(try settings("  profile: balanced\n  risk_profile: M\n").riskProfile == "M")
        #expect(try settings("  profile: null\n  risk_profile: null\n").riskProfile == nil)
        let error = message("  risk_profile: H\n  profile: conservative\n")
        #expect(error?.contains("cfg.yaml:11:") == true, "\(error ?? "")")
        #expect(error?.contains("`allocator_v1.profile` names profile L but `allocator_v1.risk_profile` names H") == true, "\(error ?? "")")
    }

    @Test func unknownProfileNamesTheKeyAndValue() {
        let error = message("  profile: reckless\n")
        #expect(error?.contains("cfg.yaml:10:") == true, "\(error ?? "")")
        #expect(error?.contains("`allocator_v1.profile` is `reckless`, not a risk profile") == true, "\(error ?? "")")
    }

    @Test func enabledFalseTurnsTheAllocatorOff() throws {
        #expect(try settings("  enabled: false\n  mode: compute\n").mode == .off)
        #expect(try settings("  mode: precomputed\n  enabled: False\n  precomputed_run_id: b\n").mode == .off)
        #expect(try settings("  enabled: true\n  mode: compute\n").mode == .compute)
        #expect(try settings("  enabled: true\n").mode == .off)
        #expect(try settings("  mode: compute\n").mode == .compute)
        #expect(message("  enabled: sometimes\n")?.contains("`allocator_v1.enabled` is `sometimes`; expected true or false") == true)
    }

    @Test func precomputedScalarFilenameMustBeTheAppliedFile() throws {
        #expect(try settings("  precomputed_scalar_filename: allocator_risk_v1_applied.csv\n").mode == .off)
        #expect(try settings("  precomputed_scalar_filename: null\n").mode == .off)
        let error = message("  precomputed_scalar_filename: my_scalars.csv\n")
        #expect(error?.contains("cfg.yaml:10:") == true, "\(error ?? "")")
        #expect(error?.contains("`allocator_v1.precomputed_scalar_filename` is `my_scalars.csv`; precomputed mode reads only `allocator_risk_v1_applied.csv`") == true,
                "\(error ?? "")")
    }

    @Test(arguments: ["state_version", "regime_version", "risk_version"])
    func versionsOtherThanV1AreErrors(_ key: String) throws {
        #expect(try settings("  \(key): v1.0\n").mode == .off)
        #expect(try settings("  \(key): \"v1.0\"\n").mode == .off)
        let error = message("  \(key): v2.0\n")
        #expect(error?.contains("cfg.yaml:10: `allocator_v1.\(key)` is `v2.0`; this allocator implements v1.0 only") == true, "\(error ?? "")")
        #expect(message("  \(key): 1.0\n")?.contains("`allocator_v1.\(key)` is `1.0`") == true)
    }

    @Test func keysNobodyDefinesAreStillErrors() {
        let error = message("  enabled: true\n  profile_name: H\n")
        #expect(error?.contains("cfg.yaml:11: unknown key `profile_name`") == true, "\(error ?? "")")
    }
}
