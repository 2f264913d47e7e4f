import Allocator

/// Mode `compute`: the allocator's incremental engine (``AllocatorEngine``)
/// runs inside the backtest on the run's own history.
///
/// At each rebalance it feeds the engine every common date not yet seen
/// (the days from the first rebalance on, where the equity curve exists) up
/// to and including the rebalance date, then applies the contract's
/// one-rebalance lag (``AppliedScalarLag``): the scalar applied now is the
/// last risk scalar known at the previous rebalance. So the weights decided
/// at rebalance `k` never depend on returns they will earn — no circularity —
/// and the result equals the batch pipeline's `allocator_risk_v1_applied.csv`
/// recomputed on the finished run. `computed` is the latest risk scalar on or
/// before the rebalance (before the lag); `.nan` while the state warms up.
/// With `risk.sleeves` (SPEC §10) the engine steps one more risk stepper per
/// sleeve and each sleeve's scalar gets the same lag (its own ``AppliedScalarLag``).
///
/// The correlation features read only the assets' returns, which are market
/// data the simulation never changes, over trailing windows; so at the first
/// rebalance they are computed for every remaining day in one batch
/// (``CorrelationSeries``, the pipeline's computation, the same bits) and
/// handed to the engine with each day, instead of the engine's per-day
/// kernels (O(K²) per day with gaps, most of a compute-mode run).
package struct IncrementalRiskScaler: RebalanceScaler {
    /// The engine after the last date fed.
    package private(set) var engine: AllocatorEngine
    /// Every row the engine produced, to complete the run's artifacts without recomputing.
    package private(set) var outputs: EngineOutputs
    private var lag: AppliedScalarLag
    /// One lag per sleeve scalar (empty without `risk.sleeves`).
    private var sleeveLags: [AppliedScalarLag]
    private var latestRisk = Double.nan
    private var nextDay = 0
    private var assetRow: [Double] = []
    private var trendRow: [Double] = []
    private var sleeveRow: [Double] = []
    /// `corr_20d` and `corr_60d` of every day from the first rebalance on
    /// (index 0 = that day), computed at the first rebalance.
    private var correlations: (firstDay: Int, fast: [Double], slow: [Double])?

    package var mode: AllocatorSettings.Mode { .compute }

    /// An engine for a run with these assets, trend-unit columns (when the
    /// profile has a trend sleeve) and sleeves (`sleeveNames`, the
    /// `sleeve_returns.csv` columns), with the allocator pipeline's thresholds,
    /// risk settings and sleeve mappings.
    package init(assetCount: Int, hasTrendUnitReturns: Bool, sleeveNames: [String],
                settings: AllocatorSettings, allocatorConfig: AllocatorConfig) throws(BacktestError) {
        let riskConfig: RiskConfig
        let sleeveConfigs: [RiskConfig]
        do {
            let allocator = try RiskAllocator(configuration: allocatorConfig.overridingRisk(settings.riskOverrides))
            riskConfig = allocator.riskConfig
            sleeveConfigs = try allocator.sleeveRiskConfigs(for: sleeveNames)
        } catch {
            throw .allocator(error)
        }
        let sleeveCount = sleeveNames.count
        do {
            engine = try AllocatorEngine(assetCount: assetCount, trendColumnCount: hasTrendUnitReturns ? assetCount : nil,
                                         sleeveColumnCount: sleeveCount > 0 ? sleeveCount : nil,
                                         thresholds: allocatorConfig.regime, riskConfig: riskConfig,
                                         sleeveRiskConfigs: sleeveConfigs)
        } catch {
            throw .allocator(error)
        }
        lag = AppliedScalarLag(missingAs: riskConfig.applyMissingScalarAs)
        sleeveLags = sleeveConfigs.map { _ in AppliedScalarLag(missingAs: riskConfig.applyMissingScalarAs) }
        outputs = EngineOutputs(features: engine.state.features, sleeveCount: sleeveConfigs.count)
        assetRow = [Double](repeating: .nan, count: assetCount)
        trendRow = [Double](repeating: .nan, count: hasTrendUnitReturns ? assetCount : 0)
        sleeveRow = [Double](repeating: .nan, count: sleeveCount)
    }

    package mutating func scalar(at rebalanceIndex: Int, history: SimulationHistory) -> RebalanceScalar {
        // Every day not yet seen, fed to the engine together (its correlation windows run
        // on their own threads over the whole run of days).
        var days: [Int] = []
        var rows: [OwnedStateInputRow] = []
        while nextDay < history.dayCount {
            let day = nextDay
            nextDay += 1
            // Before the first rebalance: not a common date (no equity row). A missing
            // equity later is still a common date (an empty cell), as the batch sees it.
            guard let first = history.rebalanceDays.first, day >= first else { continue }
            for a in assetRow.indices { assetRow[a] = history.assetReturn(asset: a, day: day) }
            for a in trendRow.indices { trendRow[a] = history.trendUnitReturn(asset: a, day: day) }
            for s in sleeveRow.indices { sleeveRow[s] = history.sleeveReturn(sleeve: s, day: day) }
            days.append(day)
            rows.append(OwnedStateInputRow(portfolioReturn: history.portfolioReturn(day), equity: history.equity(day),
                                           assetReturns: assetRow, trendUnitReturns: trendRow.isEmpty ? nil : trendRow,
                                           sleeveReturns: sleeveRow.isEmpty ? nil : sleeveRow))
        }
        let steps: [EngineStep]
        if let first = days.first {
            if correlations == nil {
                let series = CorrelationSeries.compute(
                    assetColumns: history.marketAssetReturns(days: first..<history.totalDayCount))
                correlations = (first, series.fast, series.slow)
            }
            let known = correlations!
            let range = (first - known.firstDay)..<(first - known.firstDay + days.count)
            steps = engine.step(rows, correlations: (known.fast[range], known.slow[range]))
        } else {
            steps = []
        }
        for (day, step) in zip(days, steps) {
            outputs.record(step, date: history.date(day))
            if let risk = step.riskScalar {
                latestRisk = risk
                lag.observe(risk)
            }
            if let sleeves = step.sleeveScalars {
                for s in sleeves.indices { sleeveLags[s].observe(sleeves[s]) }
            }
        }
        let sleeveApplied: [Double]? = sleeveLags.isEmpty ? nil : sleeveLags.indices.map { sleeveLags[$0].rebalance() }
        return RebalanceScalar(computed: latestRisk, applied: lag.rebalance(), sleeveApplied: sleeveApplied)
    }
}
