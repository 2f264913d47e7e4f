import Allocator
import TimeSeries

/// Writes a backtest's run directory (SPEC §1, §6) through ``RunDirectory``;
/// all CSVs and `meta.json` are byte-identical for identical inputs (only
/// `generated_at` in `allocator_precomputed_meta.json` carries the wall clock).
package enum RunArtifacts {
    private typealias File = RunDirectory.File
    /// What `meta.json` records besides the result itself.
    package struct RunInfo: Sendable {
        package var runId: String
        /// The requested window (the data's first/last trading day when not given).
        package var startDate: TradingDate
        package var endDate: TradingDate
        /// Market data source (file path or synthetic label).
        package var marketData: String
        /// Configuration source.
        package var config: String

        package init(runId: String, startDate: TradingDate, endDate: TradingDate, marketData: String, config: String) {
            self.runId = runId
            self.startDate = startDate
            self.endDate = endDate
            self.marketData = marketData
            self.config = config
        }
    }

    /// Writes every backtest artifact of `result` into `directory` (created
    /// when needed). `precomputed` names the scaler's source in that mode.
    /// The set is written whole (``RunDirectory/writeWhole(_:)``): every
    /// allocator artifact of an earlier run under this id that this one does
    /// not write (other modes' files, the allocator step's own) is removed,
    /// and an untracked input this run lacks is removed here; `meta.json` is
    /// written last, so its presence marks a complete set.
    package static func write(_ result: BacktestResult, info: RunInfo, precomputed: PrecomputedScalars?,
                             marketSpells: Panel? = nil, to directory: RunDirectory) throws(AllocatorError) {
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
            files += ScaledRunArtifacts(dates: result.rebalanceDates, weightsRaw: result.weightsRaw, weightsScaled: result.weights,
                                        computed: result.scalars.map(\.computed), applied: result.scalars.map(\.applied),
                                        source: precomputed.map { ($0.source, $0.sourceRunId) },
                                        sleeveApplied: result.sleeveApplied).files
        }
        if let marketSpells {
            files.append(ArtifactFile(name: RunDirectory.AuditFile.marketSpells, panel: marketSpells.reindexed(to: result.tradingDays)))
        } else {
            directory.remove(RunDirectory.AuditFile.marketSpells)
        }
        files.append(ArtifactFile(name: File.meta, json: metaJSON(result, info: info, precomputed: precomputed)))
        // Whole: allocator artifacts of an earlier run with this id describe other inputs; if the
        // allocator step after this write fails, none may be left for precomputed mode to use.
        try directory.writeWhole(files)
    }

    /// `meta.json`: `run_id, start_date, end_date, profile, universe, rebalance,
    /// slippage_bps, n_rebalances, n_trading_days, allocator_mode`, then the
    /// precomputed source run (in that mode), market data and config sources.
    package static func metaJSON(_ result: BacktestResult, info: RunInfo, precomputed: PrecomputedScalars?) -> JSONValue {
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
}
