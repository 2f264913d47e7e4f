/// One sleeve's regime mapping as configured (`risk.sleeves.<name>.mapping`,
/// SPEC §10): only the regimes it names; the others take the portfolio mapping's value.
public struct SleeveMapping: Codable, Equatable, Sendable {
    /// The sleeve: a column of `sleeve_returns.csv` (or a built-in ExecSim sleeve).
    public var name: String
    /// The regimes this sleeve overrides.
    public var mapping: RegimeScalarMapping

    /// A sleeve's partial mapping.
    public init(name: String, mapping: RegimeScalarMapping) {
        self.name = name
        self.mapping = mapping
    }
}

/// The resolved sleeve scalar configuration (SPEC §10): one ``RiskConfig``
/// per sleeve of the run, equal to the portfolio's (α, floor, ceiling,
/// missing rule, override regime) except for the mapping, which is the
/// portfolio mapping with the sleeve's own entries laid over it.
///
/// A sleeve of the run that `risk.sleeves` does not name uses the portfolio
/// mapping unchanged, so it gets exactly the portfolio scalar.
public struct SleeveRiskConfig: Equatable, Sendable {
    /// The configured partial mappings, in configuration order.
    public var configured: [SleeveMapping]
    /// The portfolio configuration the sleeves inherit from.
    public var portfolio: RiskConfig

    /// Checks every configured target is a number in `[floor, ceiling]` of `portfolio`.
    ///
    /// - Throws: ``RiskConfigError`` naming `sleeves.<name>.mapping.<REGIME>`.
    public init(configured: [SleeveMapping], portfolio: RiskConfig) throws(RiskConfigError) {
        for sleeve in configured {
            for (regime, target) in sleeve.mapping.entries where !(target >= portfolio.floor && target <= portfolio.ceiling) {
                throw RiskConfigError(parameter: "sleeves.\(sleeve.name).mapping.\(regime.label)",
                                      message: "must be in [floor, max] = [\(portfolio.floor), \(portfolio.ceiling)], got \(target)")
            }
        }
        var seen: Set<String> = []
        for sleeve in configured where !seen.insert(sleeve.name).inserted {
            throw RiskConfigError(parameter: "sleeves.\(sleeve.name)", message: "is configured twice")
        }
        self.configured = configured
        self.portfolio = portfolio
    }

    /// The full mapping of `sleeve`: the portfolio's, with the sleeve's configured regimes replaced.
    public func mapping(of sleeve: String) -> RegimeScalarMapping {
        var mapping = portfolio.mapping
        if let own = configured.first(where: { $0.name == sleeve }) {
            for (regime, target) in own.mapping.entries { mapping[regime] = target }
        }
        return mapping
    }

    /// The risk configuration of `sleeve` (the portfolio's with ``mapping(of:)``).
    public func config(of sleeve: String) -> RiskConfig {
        var config = portfolio
        config.mapping = mapping(of: sleeve)
        return config
    }

    /// Checks every configured sleeve is one of `available` (the run's sleeves, `nil` = the run has none).
    ///
    /// - Throws: ``AllocatorError/invalidParameter(name:detail:)`` naming the
    ///   unknown sleeve and listing the run's sleeves.
    public func check(available: [String]?) throws(AllocatorError) {
        for sleeve in configured where !(available ?? []).contains(sleeve.name) {
            let have = available.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") } ?? "none (no sleeve_returns.csv)"
            throw .invalidParameter(name: "risk.sleeves.\(sleeve.name)",
                                    detail: "the run has no sleeve `\(sleeve.name)`; its sleeves: \(have)")
        }
    }
}
