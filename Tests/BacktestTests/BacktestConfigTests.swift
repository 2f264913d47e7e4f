import Testing
@testable import Backtest

@Suite struct BacktestConfigTests {
    func parseError(_ yaml: String) -> String? {
        do { _ = try BacktestConfigParser.parse(yaml: yaml, source: "cfg.yaml"); return nil } catch { return error.description }
    }

    @Test func embeddedDefaultParses() throws {
        let config = BacktestConfig.embeddedDefault()
        #expect(config.defaultProfile == "balanced")
        #expect(config.profiles.map(\.name) == ["balanced", "trend_only", "monthly"])
        let p = try config.profile(named: nil)
        #expect(p.rebalance == .weeklyFriday)
        #expect(p.sleeves.map(\.sleeve.name) == ["tsmom_multihorizon", "csmom_meta"])
        #expect(p.sleeves.map(\.weight) == [0.7, 0.3])
        #expect(config.allocator == AllocatorSettings(mode: .off, precomputedRunId: nil, applyMissingScalarAs: 1.0, riskProfile: nil))
        #expect(try config.profile(named: "monthly").rebalance == .monthEnd)
    }

    @Test func unknownKeysNameTheKeyFileAndLine() {
        let yaml = """
        profiles:
          p:
            rebalance: W-FRI
            slippage_bps: 1
            portfolio_vol_target: 0.1
            leverage_cap: 2
            levrage: 3
            sleeves:
              tsmom_multihorizon: {weight: 1}
        """
        let message = parseError(yaml)
        #expect(message?.contains("cfg.yaml:7:") == true, "\(message ?? "")")
        #expect(message?.contains("unknown key `levrage`") == true)
        #expect(parseError("profiles: {}\nextra: 1\n")?.contains("unknown key `extra`") == true)
        #expect(parseError("profiles:\n  p:\n    rebalance: W-FRI\n    slippage_bps: 1\n    portfolio_vol_target: 0.1\n    leverage_cap: 2\n    sleeves:\n      momo: {weight: 1}\n")?
            .contains("unknown sleeve `momo`") == true)
        #expect(parseError("profiles:\n  p: {}\nallocator_v1:\n  mode: off\n")?.contains("missing the key `rebalance`") == true)
    }

    @Test func rejectsBadValues() {
        let base = "profiles:\n  p:\n    rebalance: W-FRI\n    slippage_bps: 1\n    portfolio_vol_target: 0.1\n    leverage_cap: 2\n    sleeves:\n      csmom_meta: {weight: 1}\n"
        #expect(parseError(base) == nil)
        #expect(parseError(base.replacingOccurrences("W-FRI", "W-MON"))?.contains("not a calendar") == true)
        #expect(parseError(base.replacingOccurrences("leverage_cap: 2", "leverage_cap: -1"))?.contains("`profiles.p.leverage_cap`") == true)
        #expect(parseError(base + "allocator_v1:\n  mode: sometimes\n")?.contains("not a mode") == true)
        #expect(parseError(base + "allocator_v1:\n  risk_profile: Z\n")?.contains("not a risk profile") == true)
        #expect(parseError(base + "default_profile: q\n")?.contains("names `q`") == true)
        #expect(parseError("profiles: [1, 2]\n")?.contains("must be a mapping") == true)
        #expect(parseError("profiles:\n  p: {\n")?.contains("not valid YAML") == true)
    }

    @Test func allocatorBlockIsRead() throws {
        let yaml = "profiles:\n  p:\n    rebalance: M\n    slippage_bps: 0\n    portfolio_vol_target: 0.1\n    leverage_cap: 2\n    sleeves:\n      tsmom_multihorizon: {weight: 1, horizons: [5, 10]}\n"
            + "allocator_v1:\n  mode: precomputed\n  precomputed_run_id: base_1\n  apply_missing_scalar_as: 0.8\n  risk_profile: M\n"
        let config = try BacktestConfigParser.parse(yaml: yaml, source: "cfg.yaml")
        #expect(config.allocator == AllocatorSettings(mode: .precomputed, precomputedRunId: "base_1", applyMissingScalarAs: 0.8, riskProfile: "M"))
        #expect((config.profiles[0].sleeves[0].sleeve as? TimeSeriesMomentumSleeve)?.horizons == [5, 10])
    }

    @Test func unknownProfileListsTheAvailableOnes() {
        #expect(throws: BacktestError.self) { try BacktestConfig.embeddedDefault().profile(named: "nope") }
        do { _ = try BacktestConfig.embeddedDefault().profile(named: "nope") } catch {
            #expect(error.description.contains("unknown profile `nope` (available: balanced, trend_only, monthly)"))
        }
    }
}

extension String {
    /// Plain substring replacement (no Foundation).
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
