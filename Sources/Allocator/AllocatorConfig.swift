import TimeSeries
import Yams

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
/// ```
///
/// Unknown keys are errors, never ignored. Top-level sections that belong to
/// other parts of the program are named by the caller (`otherSections`).
public struct AllocatorConfig: Equatable, Sendable {
    public var regime: RegimeThresholds
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
                                  "apply_missing_scalar_as", "override_regime"]

    /// Reads and parses the file at `path`.
    public static func load(path: String, otherSections: Set<String> = []) throws(AllocatorError) -> AllocatorConfig {
        let text: String
        do { text = try DataFile.readText(path: path) } catch { throw .invalidConfig(file: path, detail: error.description) }
        return try parse(text, file: path, otherSections: otherSections)
    }

    /// Parses YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String, otherSections: Set<String> = []) throws(AllocatorError) -> AllocatorConfig {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw .invalidConfig(file: file, detail: "not valid YAML: \(error)") }
        var config = AllocatorConfig()
        guard let root else { return config }
        let reader = Reader(file: file)
        for (key, value) in try reader.mapping(root, path: "") {
            switch key {
            case "regime": try reader.applyRegime(value, to: &config.regime)
            case "risk": config.risk = try reader.riskSettings(value)
            default:
                if otherSections.contains(key) { continue }
                throw .invalidConfig(file: file, detail: "unknown top-level key `\(key)` (expected regime, risk"
                    + otherSections.sorted().map { ", " + $0 }.joined() + ")")
            }
        }
        return config
    }

    /// Typed access to YAML nodes with errors that name the file, line and key.
    private struct Reader {
        let file: String

        func fail(_ node: Node, _ path: String, _ detail: String) -> AllocatorError {
            let line = node.mark.map { ":\($0.line)" } ?? ""
            return .invalidConfig(file: file + line, detail: "`\(path)`: \(detail)")
        }

        func mapping(_ node: Node, path: String) throws(AllocatorError) -> [(String, Node)] {
            guard let m = node.mapping else {
                throw fail(node, path.isEmpty ? "(document)" : path, "expected a mapping of keys to values")
            }
            var pairs: [(String, Node)] = []
            for (k, v) in m {
                guard let key = k.string else { throw fail(k, path, "keys must be text") }
                pairs.append((key, v))
            }
            return pairs
        }

        func number(_ node: Node, _ path: String) throws(AllocatorError) -> Double {
            if let s = node.scalar?.string, let v = Double(s) ?? node.float, v.isFinite { return v }
            throw fail(node, path, "expected a finite number, got `\(node.scalar?.string ?? "a collection")`")
        }

        func text(_ node: Node, _ path: String) throws(AllocatorError) -> String {
            guard let s = node.scalar?.string else { throw fail(node, path, "expected text") }
            return s
        }

        func regime(_ node: Node, _ path: String) throws(AllocatorError) -> Regime {
            let label = try text(node, path)
            guard let r = Regime(label: label) else {
                throw fail(node, path, "unknown regime `\(label)` (expected NORMAL, ELEVATED, STRESS or CRISIS)")
            }
            return r
        }

        func applyRegime(_ node: Node, to thresholds: inout RegimeThresholds) throws(AllocatorError) {
            for (key, value) in try mapping(node, path: "regime") {
                let path = "regime." + key
                guard RegimeThresholds.metadataNames.contains(key) else {
                    throw fail(value, path, "unknown key (expected one of: \(RegimeThresholds.metadataNames.joined(separator: ", ")))")
                }
                do { try thresholds.set(key, to: try number(value, path)) } catch let e as RegimeThresholdError {
                    throw fail(value, path, e.message)
                } catch let e as AllocatorError { throw e } catch { throw fail(value, path, "\(error)") }
            }
        }

        func riskSettings(_ node: Node) throws(AllocatorError) -> RiskSettings {
            var s = RiskSettings()
            for (key, value) in try mapping(node, path: "risk") {
                let path = "risk." + key
                switch key {
                case "profile":
                    let name = try text(value, path)
                    guard let p = RiskProfile(name: name) else { throw fail(value, path, "unknown profile `\(name)` (expected L, M or H)") }
                    s.profile = p
                case "alpha": s.alpha = try number(value, path)
                case "half_life": s.halfLife = try number(value, path)
                case "floor": s.floor = try number(value, path)
                case "max": s.ceiling = try number(value, path)
                case "apply_missing_scalar_as": s.applyMissingScalarAs = try number(value, path)
                case "override_regime": s.overrideRegime = try regime(value, path)
                case "mapping":
                    var pairs: [(Regime, Double)] = []
                    for (label, target) in try mapping(value, path: path) {
                        let r = try regime(Node(label), path + "." + label)
                        pairs.append((r, try number(target, path + "." + label)))
                    }
                    s.mapping = RegimeScalarMapping(pairs)
                default:
                    throw fail(value, path, "unknown key (expected one of: \(AllocatorConfig.riskKeys.joined(separator: ", ")))")
                }
            }
            return s
        }
    }
}
