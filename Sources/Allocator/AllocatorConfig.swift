import TimeSeries

/// The allocator part of a YAML configuration file (`--config FILE`).
///
/// ```yaml
/// regime:                 # thresholds by their metadata names
///   vol_accel_enter: 1.4
///   min_days_in_regime: 3
/// risk:
///   profile: M            # L (default), M or H
///   half_life: 6          # or alpha: 0.2 (not both)
///   floor: 0.4
///   mapping: {NORMAL: 1.0, ELEVATED: 0.9, STRESS: 0.7, CRISIS: 0.45}
///   apply_missing_scalar_as: 1.0
///   override_regime: STRESS   # optional: treat every date as this regime
///   sleeves:              # optional (SPEC §10): per-sleeve regime mappings
///     csmom_meta:
///       mapping: {STRESS: 0.5, CRISIS: 0.3}   # other regimes: the portfolio mapping
/// ```
///
/// Unknown keys are errors, never ignored. Top-level sections that belong to
/// other parts of the program are named by the caller (`otherSections`).
/// Read with ``ConfigNode``; errors name the file, the line and the key path.
public struct AllocatorConfig: Equatable, Sendable {
    /// Regime thresholds (the `regime:` block; defaults of SPEC §4).
    public var regime: RegimeThresholds
    /// Risk settings (the `risk:` block; unset fields take the profile's values).
    public var risk: RiskSettings

    /// Default thresholds, no risk setting.
    public init(regime: RegimeThresholds = RegimeThresholds(), risk: RiskSettings = RiskSettings()) {
        self.regime = regime
        self.risk = risk
    }

    /// This configuration with `overrides`' risk fields where set (command-line
    /// flags or a backtest's `allocator_v1` block over the config file) — the
    /// one place risk settings are merged (``RiskSettings/overridden(by:)``).
    public func overridingRisk(_ overrides: RiskSettings) -> AllocatorConfig {
        AllocatorConfig(regime: regime, risk: risk.overridden(by: overrides))
    }

    /// Keys of the `risk:` block.
    public static let riskKeys = ["profile", "alpha", "half_life", "mapping", "floor", "max",
                                  "apply_missing_scalar_as", "override_regime", "sleeves"]

    /// Reads and parses the file at `path`.
    public static func load(path: String, otherSections: Set<String> = []) throws(AllocatorError) -> AllocatorConfig {
        let text: String
        do { text = try DataFile.readText(path: path) } catch { throw .invalidConfig(file: path, detail: error.description) }
        return try parse(text, file: path, otherSections: otherSections)
    }

    /// Parses YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String, otherSections: Set<String> = []) throws(AllocatorError) -> AllocatorConfig {
        do { return try read(ConfigNode.document(text, file: file), otherSections: otherSections) } catch {
            throw .invalidConfig(file: file + (error.line.map { ":\($0)" } ?? ""), detail: error.message)
        }
    }

    /// The `regime:` and `risk:` blocks of a parsed document (`nil`: empty,
    /// the defaults); other top-level keys must be in `otherSections`.
    package static func read(_ root: ConfigNode?, otherSections: Set<String>) throws(ConfigNodeError) -> AllocatorConfig {
        var config = AllocatorConfig()
        guard let root else { return config }
        for (key, value) in try root.entries() {
            switch key {
            case "regime": try applyRegime(value, to: &config.regime)
            case "risk": config.risk = try riskSettings(value)
            default:
                if otherSections.contains(key) { continue }
                throw value.keyError("unknown top-level key `\(key)` (expected regime, risk"
                    + otherSections.sorted().map { ", " + $0 }.joined() + ")")
            }
        }
        return config
    }

    private static func regime(_ node: ConfigNode) throws(ConfigNodeError) -> Regime {
        let label = try node.string()
        guard let r = Regime(label: label) else {
            throw node.error("is `\(label)`, not a regime (expected NORMAL, ELEVATED, STRESS or CRISIS)")
        }
        return r
    }

    private static func applyRegime(_ node: ConfigNode, to thresholds: inout RegimeThresholds) throws(ConfigNodeError) {
        for (key, value) in try node.entries() {
            guard RegimeThresholds.metadataNames.contains(key) else {
                throw value.keyError("unknown key `\(key)` (expected one of: \(RegimeThresholds.metadataNames.joined(separator: ", ")))")
            }
            let number = try value.number()
            do { try thresholds.set(key, to: number) } catch { throw value.error(error.message) }
        }
    }

    private static func riskSettings(_ node: ConfigNode) throws(ConfigNodeError) -> RiskSettings {
        var s = RiskSettings()
        var sleeveNodes: [(name: String, targets: [(Regime, ConfigNode)])]?
        for (key, value) in try node.entries() {
            switch key {
            case "profile": s.profile = try RiskProfile.read(value)
            case "alpha": s.alpha = try value.number()
            case "half_life": s.halfLife = try value.number()
            case "floor": s.floor = try value.number()
            case "max": s.ceiling = try value.number()
            case "apply_missing_scalar_as": s.applyMissingScalarAs = try value.number()
            case "override_regime": s.overrideRegime = try regime(value)
            case "mapping":
                var pairs: [(Regime, Double)] = []
                for (label, target) in try value.entries() {
                    guard let r = Regime(label: label) else {
                        throw target.keyError("unknown regime `\(label)` (expected NORMAL, ELEVATED, STRESS or CRISIS)")
                    }
                    pairs.append((r, try target.number()))
                }
                s.mapping = RegimeScalarMapping(pairs)
            case "sleeves":
                sleeveNodes = []
                for (name, sleeve) in try value.entries() {
                    let keys = try sleeve.mapping(required: ["mapping"], optional: [])
                    var targets: [(Regime, ConfigNode)] = []
                    for (label, target) in try keys["mapping"]!.entries() {
                        guard let r = Regime(label: label) else {
                            throw target.keyError("unknown regime `\(label)` (expected NORMAL, ELEVATED, STRESS or CRISIS)")
                        }
                        targets.append((r, target))
                    }
                    sleeveNodes?.append((name, targets))
                }
            default:
                throw value.keyError("unknown key `\(key)` (expected one of: \(AllocatorConfig.riskKeys.joined(separator: ", ")))")
            }
        }
        if let sleeveNodes { s.sleeves = try sleeveMappings(sleeveNodes, bounds: s) }
        return s
    }

    /// The sleeves' mappings, each target a number within the block's own `[floor, max]`
    /// (the profile's floor unless `floor` is set); an error names the target's line and key path.
    private static func sleeveMappings(_ sleeves: [(name: String, targets: [(Regime, ConfigNode)])],
                                       bounds settings: RiskSettings) throws(ConfigNodeError) -> [SleeveMapping] {
        var own = settings
        own.sleeves = nil
        let portfolio = (try? own.resolved()) ?? RiskConfig(profile: settings.profile ?? .low)
        var out: [SleeveMapping] = []
        for sleeve in sleeves {
            var pairs: [(Regime, Double)] = []
            for (regime, node) in sleeve.targets {
                let x = try node.number()
                guard x >= portfolio.floor && x <= portfolio.ceiling else {
                    throw node.error("is \(x), outside [floor, max] = [\(portfolio.floor), \(portfolio.ceiling)]")
                }
                pairs.append((regime, x))
            }
            out.append(SleeveMapping(name: sleeve.name, mapping: RegimeScalarMapping(pairs)))
        }
        return out
    }
}
