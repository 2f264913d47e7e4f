import Allocator
import TimeSeries

/// Writes a backtest's run directory (SPEC §1, §6) through ``RunDirectory``;
/// all CSVs and `meta.json` are byte-identical for identical inputs (only
/// `generated_at` in `allocator_precomputed_meta.json` carries the wall clock).
public enum RunArtifacts {
    private typealias File = RunDirectory.File
    /// Artifacts of a scaled run (`precomputed` / `compute`).
    static let scaledRunFiles = [File.weightsRaw, File.weightsScaled, File.appliedUsed, File.scalarsAtRebalances]
    /// Artifacts of `precomputed` mode only.
    static let precomputedFiles = [File.appliedSource, File.precomputedMeta]

    /// What `meta.json` records besides the result itself.
    public struct RunInfo: Sendable {
        public var runId: String
        /// The requested window (the data's first/last trading day when not given).
        public var startDate: TradingDate
        public var endDate: TradingDate
        /// Market data source (file path or synthetic label).
        public var marketData: String
        /// Configuration source.
        public var config: String

        public init(runId: String, startDate: TradingDate, endDate: TradingDate, marketData: String, config: String) {
            self.runId = runId
            self.startDate = startDate
            self.endDate = endDate
            self.marketData = marketData
            self.config = config
        }
    }

    /// Writes every backtest artifact of `result` into `directory` (created
    /// when needed). `precomputed` names the scaler's source in that mode.
    /// Artifacts of other modes left by an earlier run are removed; `meta.json`
    /// is written last, so its presence marks a complete set.
    public static func write(_ result: BacktestResult, info: RunInfo, precomputed: PrecomputedScalars?,
                             to directory: RunDirectory) throws(AllocatorError) {
        try directory.create()
        var files = [ArtifactFile(name: File.portfolioReturns, panel: result.portfolioReturns),
                     ArtifactFile(name: File.equityCurve, panel: result.equityCurve),
                     ArtifactFile(name: File.assetReturns, panel: result.assetReturns),
                     ArtifactFile(name: File.weights, panel: result.weights)]
        if let trend = result.trendUnitReturns {
            files.append(ArtifactFile(name: File.trendUnitReturns, panel: trend))
        } else {
            directory.remove(File.trendUnitReturns)
        }
        files.append(ArtifactFile(name: File.sleeveReturns, panel: result.sleeveReturns))
        if result.allocatorMode != .off {
            let dates = result.rebalanceDates
            files += [ArtifactFile(name: File.weightsRaw, panel: result.weightsRaw),
                      ArtifactFile(name: File.weightsScaled, panel: result.weights),
                      ArtifactFile(name: File.appliedUsed, panel: Panel(dates: dates, names: ["risk_scalar_used"],
                                                                        columns: [result.scalars.map(\.applied)])),
                      ArtifactFile(name: File.scalarsAtRebalances,
                                   panel: Panel(dates: dates, names: ["risk_scalar_computed", "risk_scalar_applied"],
                                                columns: [result.scalars.map(\.computed), result.scalars.map(\.applied)]))]
        } else {
            directory.remove(scaledRunFiles)
        }
        if let precomputed {
            files += [ArtifactFile(name: File.appliedSource, panel: precomputed.source),
                      ArtifactFile(name: File.precomputedMeta, json: precomputedMeta(result, source: precomputed))]
        } else {
            directory.remove(precomputedFiles)
        }
        files.append(ArtifactFile(name: File.meta, json: metaJSON(result, info: info, precomputed: precomputed)))
        try directory.write(files)
    }

    /// `meta.json`: `run_id, start_date, end_date, profile, universe, rebalance,
    /// slippage_bps, n_rebalances, n_trading_days, allocator_mode`, then the
    /// precomputed source run (in that mode), market data and config sources.
    public static func metaJSON(_ result: BacktestResult, info: RunInfo, precomputed: PrecomputedScalars?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("run_id", .string(info.runId)),
            ("start_date", .date(info.startDate)),
            ("end_date", .date(info.endDate)),
            ("profile", .string(result.profileName)),
            ("universe", .array(result.assetNames.map { .string($0) })),
            ("rebalance", .string(result.rebalance.rawValue)),
            ("slippage_bps", .double(result.slippageBps)),
            ("n_rebalances", .int(result.rebalanceDates.count)),
            ("n_trading_days", .int(result.tradingDays.count)),
            ("allocator_mode", .string(result.allocatorMode.rawValue)),
        ]
        if let precomputed { pairs.append(("precomputed_run_id", .string(precomputed.sourceRunId))) }
        pairs.append(("market_data", .string(info.marketData)))
        pairs.append(("config", .string(info.config)))
        return .object(pairs)
    }

    /// `allocator_precomputed_meta.json`, keys as the reference writes them.
    /// `n_scaled` counts rebalances whose applied scalar is below 1.
    public static func precomputedMeta(_ result: BacktestResult, source: PrecomputedScalars) -> JSONValue {
        let applied = result.scalars.map(\.applied)
        let n = applied.count
        let scaledCount = applied.filter { $0 < 1.0 }.count
        return .object([
            ("mode", .string("precomputed")),
            ("source_run_id", .string(source.sourceRunId)),
            ("source_filename", .string(PrecomputedScalars.sourceFileName)),
            ("n_rebalances", .int(n)),
            ("n_scaled", .int(scaledCount)),
            ("pct_scaled", .number(n > 0 ? 100.0 * Double(scaledCount) / Double(n) : .nan)),
            ("mean_scalar", .number(n > 0 ? applied.reduce(0, +) / Double(n) : .nan)),
            ("min_scalar", .number(applied.min() ?? .nan)),
            ("max_scalar", .number(applied.max() ?? .nan)),
            ("generated_at", .string(Timestamp.now())),
        ])
    }
}
