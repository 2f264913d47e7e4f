import Allocator
import TimeSeries

/// Reads a ``BacktestConfig`` from YAML (see ``DefaultConfig`` for the
/// schema) with the package's one node reader, ``ConfigNode``. Strict: an
/// unknown key, a wrong type or an out-of-range value is an error that names
/// the file, the line and the key path.
package enum BacktestConfigParser {
    /// Parses the YAML file at `path`.
    package static func parse(file path: String) throws(BacktestError) -> BacktestConfig {
        let text: String
        do { text = try DataFile.readText(path: path) } catch {
            throw .config(file: path, line: nil, message: error.detail)
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses YAML text; `source` names it in errors.
    package static func parse(yaml: String, source: String) throws(BacktestError) -> BacktestConfig {
        let root: ConfigNode?
        do { root = try ConfigNode.document(yaml, file: source) } catch { throw fail(error) }
        guard let root else { throw .config(file: source, line: nil, message: "empty configuration (expected `profiles:`)") }
        do { return try read(root) } catch { throw fail(error) }
    }

    /// A node reader's error as a backtest configuration error.
    private static func fail(_ error: ConfigNodeError) -> BacktestError {
        .config(file: error.file, line: error.line, message: error.message)
    }

    private static func read(_ root: ConfigNode) throws(ConfigNodeError) -> BacktestConfig {
        let top = try root.mapping(required: ["profiles"], optional: ["default_profile", "allocator_v1"] + allocatorSections)
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
        let allocatorConfig = try AllocatorConfig.read(root, otherSections: ["profiles", "default_profile", "allocator_v1"])
        return BacktestConfig(source: root.file, defaultProfile: defaultProfile, profiles: profiles, allocator: allocator,
                              allocatorConfig: allocatorConfig)
    }

    /// Top-level blocks read by ``AllocatorConfig`` (regime thresholds, risk settings).
    static let allocatorSections = ["regime", "risk"]

    private static func profile(name: String, _ node: ConfigNode) throws(ConfigNodeError) -> StrategyProfile {
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

    private static func sleeve(name: String, _ node: ConfigNode, volLookback: Int) throws(ConfigNodeError) -> SleeveAllocation {
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

    /// The `allocator_v1` block, ours and the reference's spellings:
    /// - `mode`: off | precomputed | compute; `enabled: false` forces `off`
    ///   (the reference's master switch; `true` keeps `mode`);
    /// - `risk_profile` or the reference's `profile`: a ``RiskProfile`` name
    ///   or alias (both may be given only when they name the same profile);
    /// - `precomputed_run_id`, `apply_missing_scalar_as`;
    /// - `precomputed_scalar_filename`: only the applied scalars a run writes
    ///   (``PrecomputedScalars/sourceFileName``) can be read;
    /// - `state_version`, `regime_version`, `risk_version`: must be `v1.0`.
    private static func allocatorSettings(_ node: ConfigNode) throws(ConfigNodeError) -> AllocatorSettings {
        let keys = try node.mapping(required: [], optional: [
            "mode", "precomputed_run_id", "apply_missing_scalar_as", "risk_profile", "profile", "enabled",
            "precomputed_scalar_filename", "state_version", "regime_version", "risk_version",
        ])
        var settings = AllocatorSettings()
        if let modeNode = keys["mode"] {
            let text = try modeNode.string()
            guard let mode = AllocatorSettings.Mode(rawValue: text) else {
                throw modeNode.error("`\(text)` is not a mode (expected off, precomputed or compute)")
            }
            settings.mode = mode
        }
        if let enabled = keys["enabled"], try !enabled.bool() { settings.mode = .off }
        settings.precomputedRunId = try keys["precomputed_run_id"]?.optionalString()
        if let missing = keys["apply_missing_scalar_as"] { settings.applyMissingScalarAs = try missing.double(atLeast: 0) }
        var named: (node: ConfigNode, profile: RiskProfile)?
        for key in ["risk_profile", "profile"] {
            guard let profileNode = keys[key], try profileNode.optionalString() != nil else { continue }
            let profile = try RiskProfile.read(profileNode)
            if let first = named, first.profile != profile {
                throw profileNode.error("names profile \(profile.rawValue) but `\(first.node.path)` names \(first.profile.rawValue) (give one, or the same)")
            }
            named = (profileNode, profile)
        }
        settings.riskProfile = named?.profile.rawValue
        if let file = keys["precomputed_scalar_filename"], let name = try file.optionalString(), name != PrecomputedScalars.sourceFileName {
            throw file.error("is `\(name)`; precomputed mode reads only `\(PrecomputedScalars.sourceFileName)`, the applied scalars a run writes")
        }
        for key in ["state_version", "regime_version", "risk_version"] {
            guard let versionNode = keys[key] else { continue }
            let version = try versionNode.string()
            guard version == supportedVersion else {
                throw versionNode.error("is `\(version)`; this allocator implements \(supportedVersion) only")
            }
        }
        return settings
    }

    /// The only `allocator_v1.*_version` accepted.
    static let supportedVersion = "v1.0"
}
