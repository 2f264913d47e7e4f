import TimeSeries

/// A backtest's run directory and the names of its files (SPEC §1, §6).
///
/// This folder is the one place that touches the file system: reading the
/// inputs, `meta.json` and earlier artifacts, and writing every artifact
/// (always atomically, see ``ArtifactFile``). Computations, commands and the
/// simulator hand it values and get values back.
public struct RunDirectory: Sendable {
    /// The directory's path (no trailing slash).
    public let path: String

    /// The run directory at `path` (trailing slashes dropped, `/` kept).
    public init(path: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        self.path = String(trimmed)
    }

    /// File names of a run directory.
    public enum File {
        /// `date,ret`: daily portfolio simple returns.
        public static let portfolioReturns = "portfolio_returns.csv"
        /// `date,equity`: daily equity.
        public static let equityCurve = "equity_curve.csv"
        /// `date,<asset>…`: daily asset simple returns.
        public static let assetReturns = "asset_returns.csv"
        /// `date,<asset>…`: trend-unit returns (optional).
        public static let trendUnitReturns = "trend_unit_returns.csv"
        /// `date,<sleeve>…`: sleeve returns (optional).
        public static let sleeveReturns = "sleeve_returns.csv"
        /// `date,<asset>…`: weights, one row per rebalance.
        public static let weights = "weights.csv"
        /// The run's metadata (`run_id`, `start_date`, `end_date`, …).
        public static let meta = "meta.json"
        /// The state table (SPEC §2).
        public static let state = "allocator_state_v1.csv"
        /// The state metadata.
        public static let stateMeta = "allocator_state_v1_meta.json"
        /// Written when the state cannot be computed (SPEC §3).
        public static let stateError = "allocator_state_v1_error.json"
        /// `date,regime` (SPEC §4).
        public static let regime = "allocator_regime_v1.csv"
        /// The regime metadata.
        public static let regimeMeta = "allocator_regime_v1_meta.json"
        /// `date,risk_scalar` (SPEC §5).
        public static let risk = "allocator_risk_v1.csv"
        /// The risk metadata.
        public static let riskMeta = "allocator_risk_v1_meta.json"
        /// `date,risk_scalar_applied`: lagged scalars at the rebalances.
        public static let applied = "allocator_risk_v1_applied.csv"
        /// The applied scalars' metadata.
        public static let appliedMeta = "allocator_risk_v1_applied_meta.json"
        /// `date,sleeve_scalar_<name>…`: daily sleeve scalars (SPEC §10, only with `risk.sleeves`).
        public static let sleeveScalars = "allocator_risk_v1_sleeve_scalars.csv"
        /// The sleeve scalars' metadata.
        public static let sleeveScalarsMeta = "allocator_risk_v1_sleeve_scalars_meta.json"
        /// `date,sleeve_scalar_<name>…`: lagged sleeve scalars at the rebalances.
        public static let sleeveApplied = "allocator_risk_v1_sleeve_applied.csv"
        /// The applied sleeve scalars' metadata.
        public static let sleeveAppliedMeta = "allocator_risk_v1_sleeve_applied_meta.json"
        /// `date,sleeve_scalar_<name>…`: the sleeve scalars a scaled backtest used at each rebalance.
        public static let sleeveAppliedUsed = "allocator_risk_v1_sleeve_applied_used.csv"
        /// The engine state `allocator update` continues from.
        public static let snapshot = "allocator_engine_snapshot.bin"
        /// The JSON engine snapshot of earlier versions (removed when a new snapshot is written).
        public static let legacySnapshot = "allocator_engine_snapshot.json"
        /// Generation number and digest of every allocator artifact, written last (SPEC §12).
        public static let manifest = "allocator_manifest.json"
        /// Artifacts of a scaled backtest (`precomputed` / `compute`, SPEC §6).
        public static let weightsRaw = "weights_raw.csv"
        /// `date,<asset>…`: weights, one row per rebalance.
        public static let weightsScaled = "weights_scaled.csv"
        /// `date,risk_scalar_used`: the scalar each rebalance used.
        public static let appliedUsed = "allocator_risk_v1_applied_used.csv"
        /// Computed and applied scalar at each rebalance.
        public static let scalarsAtRebalances = "allocator_scalars_at_rebalances.csv"
        /// Artifacts of mode `precomputed` only.
        public static let appliedSource = "allocator_risk_v1_applied_source.csv"
        /// Source run and statistics of the scalars a precomputed run used.
        public static let precomputedMeta = "allocator_precomputed_meta.json"
    }

    /// Full path of a file in this directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Whether the directory exists.
    public var exists: Bool { FileBytes.isDirectory(path) }

    /// Whether the directory holds a file called `name`.
    public func contains(_ name: String) -> Bool { FileBytes.exists(file(name)) }

    /// The directory a file path lies in (`""` for a bare name).
    package static func parent(of filePath: String) -> String { FileBytes.directory(of: filePath) }
}
