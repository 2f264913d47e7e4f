import Allocator

/// The backtest configuration: named strategy profiles, the `allocator_v1`
/// settings and, optionally, the allocator's own `regime:` / `risk:` blocks
/// (``AllocatorConfig``), so one file configures a whole run. Read from YAML by ``BacktestConfigParser``; the embedded
/// ``DefaultConfig`` is used unless `--config FILE` replaces it.
package struct BacktestConfig: Sendable {
    /// Where the configuration came from (file path or `<embedded default config>`).
    package var source: String
    /// Profile used when none is named.
    package var defaultProfile: String
    /// Profiles in file order.
    package var profiles: [StrategyProfile]
    package var allocator: AllocatorSettings
    /// Regime thresholds and risk settings for the allocator pipeline.
    package var allocatorConfig: AllocatorConfig

    package init(source: String, defaultProfile: String, profiles: [StrategyProfile], allocator: AllocatorSettings,
                allocatorConfig: AllocatorConfig = AllocatorConfig()) {
        self.source = source
        self.defaultProfile = defaultProfile
        self.profiles = profiles
        self.allocator = allocator
        self.allocatorConfig = allocatorConfig
    }

    /// The profile called `name` (the default profile for `nil`).
    package func profile(named name: String?) throws(BacktestError) -> StrategyProfile {
        let wanted = name ?? defaultProfile
        guard let p = profiles.first(where: { $0.name == wanted }) else {
            throw .unknownProfile(name: wanted, available: profiles.map(\.name), file: source)
        }
        return p
    }

    /// The embedded default configuration.
    package static func embeddedDefault() -> BacktestConfig {
        do {
            return try BacktestConfigParser.parse(yaml: DefaultConfig.yaml, source: DefaultConfig.sourceName)
        } catch {
            preconditionFailure("embedded default config is invalid: \(error)")
        }
    }

    /// The configuration in `path`, or the embedded default for `nil`.
    package static func load(path: String?) throws(BacktestError) -> BacktestConfig {
        guard let path else { return embeddedDefault() }
        return try BacktestConfigParser.parse(file: path)
    }
}
