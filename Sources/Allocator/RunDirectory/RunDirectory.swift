import TimeSeries

/// A backtest's run directory and the names of its files (SPEC §1, §6).
///
/// This folder is the one place that touches the file system: reading the
/// inputs, `meta.json` and earlier artifacts, and writing every artifact
/// (always atomically, see ``ArtifactFile``). Computations, commands and the
/// simulator hand it values and get values back.
public struct RunDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// File names of a run directory.
    public enum File {
        public static let portfolioReturns = "portfolio_returns.csv"
        public static let equityCurve = "equity_curve.csv"
        public static let assetReturns = "asset_returns.csv"
        public static let trendUnitReturns = "trend_unit_returns.csv"
        public static let sleeveReturns = "sleeve_returns.csv"
        public static let weights = "weights.csv"
        public static let meta = "meta.json"
        public static let state = "allocator_state_v1.csv"
        public static let stateMeta = "allocator_state_v1_meta.json"
        public static let stateError = "allocator_state_v1_error.json"
        public static let regime = "allocator_regime_v1.csv"
        public static let regimeMeta = "allocator_regime_v1_meta.json"
        public static let risk = "allocator_risk_v1.csv"
        public static let riskMeta = "allocator_risk_v1_meta.json"
        public static let applied = "allocator_risk_v1_applied.csv"
        public static let appliedMeta = "allocator_risk_v1_applied_meta.json"
        public static let snapshot = "allocator_engine_snapshot.json"
        /// Artifacts of a scaled backtest (`precomputed` / `compute`, SPEC §6).
        public static let weightsRaw = "weights_raw.csv"
        public static let weightsScaled = "weights_scaled.csv"
        public static let appliedUsed = "allocator_risk_v1_applied_used.csv"
        public static let scalarsAtRebalances = "allocator_scalars_at_rebalances.csv"
        /// Artifacts of mode `precomputed` only.
        public static let appliedSource = "allocator_risk_v1_applied_source.csv"
        public static let precomputedMeta = "allocator_precomputed_meta.json"
    }

    /// Full path of a file in this directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Whether the directory exists.
    public var exists: Bool { FileBytes.isDirectory(path) }

    /// Whether the directory holds a file called `name`.
    public func contains(_ name: String) -> Bool { FileBytes.exists(file(name)) }

    /// The directory a file path lies in (`""` for a bare name).
    public static func parent(of filePath: String) -> String { FileBytes.directory(of: filePath) }
}
