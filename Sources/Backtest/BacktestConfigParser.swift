import Allocator
import TimeSeries
import Yams

/// Reads a ``BacktestConfig`` from YAML (see ``DefaultConfig`` for the
/// schema). Strict: an unknown key, a wrong type or an out-of-range value is
/// an error that names the file, the line and the key path.
public enum BacktestConfigParser {
    /// Parses the YAML file at `path`.
    public static func parse(file path: String) throws(BacktestError) -> BacktestConfig {
        let text: String
        do { text = try DataFile.readText(path: path) } catch {
            throw .config(file: path, line: nil, message: error.detail)
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses YAML text; `source` names it in errors.
    public static func parse(yaml: String, source: String) throws(BacktestError) -> BacktestConfig {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw .config(file: source, line: nil, message: "not valid YAML: \(error)")
        }
        guard let root else { throw .config(file: source, line: nil, message: "empty configuration (expected `profiles:`)") }
        let top = try ConfigNode(node: root, path: "", file: source)
            .mapping(required: ["profiles"], optional: ["default_profile", "allocator_v1"] + allocatorSections)
        var profiles: [StrategyProfile] = []
        for (name, node) in try top["profiles"]!.entries() {
            profiles.append(try profile(name: name, node))
        }
        guard !profiles.isEmpty else { throw top["profiles"]!.error("defines no profile") }
        let defaultProfile = try top["default_profile"]?.string() ?? profiles[0].name
        if !profiles.contains(where: { $0.name == defaultProfile }) {
            throw top["default_profile"]!.error("names `\(defaultProfile)`, which is not among the profiles (\(profiles.map(\.name).joined(separator: ", ")))")
        }
        let allocator = try top["allocator_v1"].map(allocatorSettings) ?? AllocatorSettings()
        let allocatorConfig: AllocatorConfig
        do {
            allocatorConfig = try AllocatorConfig.parse(yaml, file: source, otherSections: ["profiles", "default_profile", "allocator_v1"])
        } catch {
            throw .allocator(error)
        }
        return BacktestConfig(source: source, defaultProfile: defaultProfile, profiles: profiles, allocator: allocator,
                              allocatorConfig: allocatorConfig)
    }

    /// Top-level blocks read by ``AllocatorConfig`` (regime thresholds, risk settings).
    static let allocatorSections = ["regime", "risk"]

    private static func profile(name: String, _ node: ConfigNode) throws(BacktestError) -> StrategyProfile {
        let keys = try node.mapping(
            required: ["rebalance", "slippage_bps", "portfolio_vol_target", "leverage_cap", "sleeves"],
            optional: ["description", "warmup_days", "vol_lookback_days"])
        let rebalanceText = try keys["rebalance"]!.string()
        guard let rebalance = RebalanceCalendar(rawValue: rebalanceText) else {
            throw keys["rebalance"]!.error("`\(rebalanceText)` is not a calendar (expected W-FRI, M or D)")
        }
        let slippage = try keys["slippage_bps"]!.double(atLeast: 0)
        let warmup = try keys["warmup_days"]?.int(atLeast: 1) ?? 63
        let lookback = try keys["vol_lookback_days"]?.int(atLeast: 2) ?? 63
        let volTarget = try keys["portfolio_vol_target"]!.double(above: 0)
        let cap = try keys["leverage_cap"]!.double(above: 0)
        var sleeves: [SleeveAllocation] = []
        for (sleeveName, sleeveNode) in try keys["sleeves"]!.entries() {
            sleeves.append(try sleeve(name: sleeveName, sleeveNode, volLookback: lookback))
        }
        guard sleeves.contains(where: { $0.weight > 0 }) else {
            throw keys["sleeves"]!.error("needs at least one sleeve with a positive weight")
        }
        return StrategyProfile(
            name: name, description: try keys["description"]?.string() ?? "",
            rebalance: rebalance, slippageBps: slippage, warmupDays: warmup, sleeves: sleeves,
            volTarget: PortfolioVolTarget(volTarget: volTarget, leverageCap: cap, lookback: lookback))
    }

    private static func sleeve(name: String, _ node: ConfigNode, volLookback: Int) throws(BacktestError) -> SleeveAllocation {
        switch name {
        case TimeSeriesMomentumSleeve.sleeveName:
            let keys = try node.mapping(required: ["weight"], optional: ["horizons", "asset_vol_target"])
            let horizons = try keys["horizons"]?.intList(atLeast: 1) ?? [21, 63, 252]
            let scaling = AssetVolScaling(assetVolTarget: try keys["asset_vol_target"]?.double(above: 0) ?? 0.10, lookback: volLookback)
            return SleeveAllocation(weight: try keys["weight"]!.double(atLeast: 0),
                                    sleeve: TimeSeriesMomentumSleeve(horizons: horizons, volScaling: scaling))
        case CrossSectionalMomentumSleeve.sleeveName:
            let keys = try node.mapping(required: ["weight"], optional: ["lookback_days", "skip_days", "asset_vol_target"])
            let lookback = try keys["lookback_days"]?.int(atLeast: 2) ?? 252
            let skip = try keys["skip_days"]?.int(atLeast: 0) ?? 21
            guard skip < lookback else { throw node.error("skip_days (\(skip)) must be below lookback_days (\(lookback))") }
            let scaling = AssetVolScaling(assetVolTarget: try keys["asset_vol_target"]?.double(above: 0) ?? 0.10, lookback: volLookback)
            return SleeveAllocation(weight: try keys["weight"]!.double(atLeast: 0),
                                    sleeve: CrossSectionalMomentumSleeve(lookback: lookback, skip: skip, volScaling: scaling))
        default:
            throw node.keyError("unknown sleeve `\(name)` (expected \(TimeSeriesMomentumSleeve.sleeveName) or \(CrossSectionalMomentumSleeve.sleeveName))")
        }
    }

    private static func allocatorSettings(_ node: ConfigNode) throws(BacktestError) -> AllocatorSettings {
        let keys = try node.mapping(required: [], optional: ["mode", "precomputed_run_id", "apply_missing_scalar_as", "risk_profile"])
        var settings = AllocatorSettings()
        if let modeNode = keys["mode"] {
            let text = try modeNode.string()
            guard let mode = AllocatorSettings.Mode(rawValue: text) else {
                throw modeNode.error("`\(text)` is not a mode (expected off, precomputed or compute)")
            }
            settings.mode = mode
        }
        settings.precomputedRunId = try keys["precomputed_run_id"]?.optionalString()
        if let missing = keys["apply_missing_scalar_as"] { settings.applyMissingScalarAs = try missing.double(atLeast: 0) }
        if let riskNode = keys["risk_profile"], let risk = try riskNode.optionalString() {
            guard ["L", "M", "H"].contains(risk) else { throw riskNode.error("`\(risk)` is not a risk profile (expected L, M, H or null)") }
            settings.riskProfile = risk
        }
        return settings
    }
}

/// A YAML node with its key path and file, for precise error messages.
struct ConfigNode {
    let node: Node
    let path: String
    let file: String
    /// Line of the key that holds this node (the value's line when unknown).
    let keyLine: Int?

    init(node: Node, path: String, file: String, keyLine: Int? = nil) throws(BacktestError) {
        if case .alias = node { throw BacktestError.config(file: file, line: node.mark?.line, message: "`\(path)`: YAML aliases are not supported") }
        self.node = node
        self.path = path
        self.file = file
        self.keyLine = keyLine
    }

    func error(_ message: String) -> BacktestError {
        .config(file: file, line: node.mark?.line ?? keyLine, message: "`\(path)` \(message)")
    }

    func keyError(_ message: String) -> BacktestError {
        .config(file: file, line: keyLine ?? node.mark?.line, message: message + (path.isEmpty ? "" : " at `\(path)`"))
    }

    /// The mapping's entries in file order (duplicate keys rejected).
    func entries() throws(BacktestError) -> [(String, ConfigNode)] {
        guard case .mapping(let mapping) = node else { throw error("must be a mapping of `key: value` lines") }
        var out: [(String, ConfigNode)] = []
        for (k, v) in mapping {
            guard let key = k.scalar?.string else { throw error("has a key that is not text") }
            let child = try ConfigNode(node: v, path: path.isEmpty ? key : path + "." + key, file: file, keyLine: k.mark?.line)
            if out.contains(where: { $0.0 == key }) { throw child.keyError("duplicate key `\(key)`") }
            out.append((key, child))
        }
        return out
    }

    /// The mapping's values by key, after checking that every key is known
    /// and every required key is present.
    func mapping(required: [String], optional: [String]) throws(BacktestError) -> [String: ConfigNode] {
        var byKey: [String: ConfigNode] = [:]
        for (key, child) in try entries() {
            guard required.contains(key) || optional.contains(key) else {
                let known = (required + optional).map { "`\($0)`" }.joined(separator: ", ")
                throw child.keyError("unknown key `\(key)` (known keys here: \(known))")
            }
            byKey[key] = child
        }
        for key in required where byKey[key] == nil {
            throw error("is missing the key `\(key)`")
        }
        return byKey
    }

    func string() throws(BacktestError) -> String {
        guard case .scalar(let s) = node else { throw error("must be a single value") }
        return s.string
    }

    /// A string, or `nil` for `null`, `~` or an empty value.
    func optionalString() throws(BacktestError) -> String? {
        let s = try string()
        return ["", "null", "~", "Null", "NULL"].contains(s) ? nil : s
    }

    func double(atLeast lower: Double) throws(BacktestError) -> Double {
        let v = try number()
        guard v >= lower else { throw error("is \(v); expected a number ≥ \(lower)") }
        return v
    }

    func double(above lower: Double) throws(BacktestError) -> Double {
        let v = try number()
        guard v > lower else { throw error("is \(v); expected a number > \(lower)") }
        return v
    }

    func int(atLeast lower: Int) throws(BacktestError) -> Int {
        let text = try string()
        guard let v = Int(text) else { throw error("is `\(text)`; expected a whole number") }
        guard v >= lower else { throw error("is \(v); expected a whole number ≥ \(lower)") }
        return v
    }

    func intList(atLeast lower: Int) throws(BacktestError) -> [Int] {
        guard case .sequence(let seq) = node, seq.count > 0 else { throw error("must be a non-empty list like [21, 63, 252]") }
        var out: [Int] = []
        for (k, item) in seq.enumerated() {
            out.append(try ConfigNode(node: item, path: "\(path)[\(k)]", file: file, keyLine: keyLine).int(atLeast: lower))
        }
        return out
    }

    private func number() throws(BacktestError) -> Double {
        let text = try string()
        guard let v = Double(text), v.isFinite else { throw error("is `\(text)`; expected a finite number") }
        return v
    }
}
