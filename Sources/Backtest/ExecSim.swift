import TimeSeries

/// The backtest simulator (SPEC §6).
///
/// Timing, with no look-ahead:
/// - trading days = market rows dated within `[start, end]`; rebalance dates
///   come from the profile's calendar, from the first date with at least
///   `warmupDays` rows of data (earlier rows of the file count);
/// - weights decided at the close of rebalance date `t` use rows ≤ `t` only
///   (sleeves, vol target and scaler all see history through `t`), and are
///   held constant from the next trading day until the next rebalance;
/// - `r_p(d) = Σ_i w_i · r_i(d)` (a missing `r_i(d)` contributes 0), minus
///   `slippage_bps · 1e-4 · Σ_i |w_new,i − w_old,i|` on the first trading day
///   after each rebalance (not charged when the rebalance is the last day);
/// - `r_p = 0` up to and including the first rebalance date;
/// - equity `E = 1.0` on the first rebalance date, `E(d) = E(d−1)·(1 + r_p(d))` after;
/// - sleeve `s` contributes `Σ_i c_{s,i} · r_i(d)` with `c_{s,i} = scalar · k · weight_s · w_{s,i}`,
///   so the sleeves add up to the gross return; trend-unit return
///   `c_{trend,i} · r_i(d)` (missing when `r_i(d)` is).
///
/// Weights at a rebalance: each sleeve's raw weights `w_s`, combined
/// `w = Σ_s weight_s · w_s`, scaled by ``PortfolioVolTarget`` (`k`), then by
/// the scaler's applied scalar `c`. With sleeve scalars `c_s` (SPEC §10) they
/// replace `c`: held `w_i = Σ_s c_s · k · weight_s · w_{s,i}` (and the sleeve
/// contributions use `c_s`); `weights_raw.csv` stays `k · w`.
package struct ExecSim {
    package var profile: StrategyProfile

    package init(profile: StrategyProfile) {
        self.profile = profile
    }

    /// Runs the backtest over the window `[start, end]` of `market` (either
    /// bound `nil` = the data's own). `progress(day, dayCount)` is called
    /// every 256 days and once at the end.
    package func run(market: MarketData, start: TradingDate?, end: TradingDate?,
                    scaler: inout some RebalanceScaler,
                    progress: ((Int, Int) -> Void)? = nil) throws(BacktestError) -> BacktestResult {
        let window = try market.tradingRange(start: start, end: end)
        let returns = market.returns
        let firstRow = window.lowerBound
        let days = Array(returns.dates[window])
        let n = days.count, assetCount = returns.columnCount
        let allocations = profile.activeSleeves
        let sleeveCount = allocations.count
        let trendIndex = allocations.firstIndex { $0.sleeve is TimeSeriesMomentumSleeve }
        let statistics = TrailingStatistics(returns: returns)
        let isRebalance = rebalanceFlags(days: days, firstRow: firstRow)

        let ledger = SimulationLedger(tradingDates: days, market: returns, firstRow: firstRow,
                                      sleeveNames: allocations.map(\.sleeve.name), hasTrendSleeve: trendIndex != nil)
        var held = [Double](repeating: 0, count: assetCount)
        var heldSleeve = [Double](repeating: 0, count: sleeveCount * assetCount)
        var sleeveRaw = [[Double]](repeating: [Double](repeating: 0, count: assetCount), count: sleeveCount)
        var combined = [Double](repeating: 0, count: assetCount)
        var scratch = [Double](repeating: 0, count: max(2, profile.volTarget.lookback))
        var rawRows: [Double] = [], scaledRows: [Double] = [] // row-major, one row per rebalance
        var scalars: [RebalanceScalar] = []
        var pendingCost = 0.0
        var equity = Double.nan
        let costPerTurnover = profile.slippageBps * 1e-4

        for d in 0..<n {
            if let progress, d & 255 == 0 { progress(d, n) }
            let row = firstRow + d
            // 1. Book the day's returns with the weights held since the last rebalance.
            var gross = 0.0
            for a in 0..<assetCount {
                let r = returns.columns[a][row]
                if let trendIndex { ledger.trendUnit[a * n + d] = heldSleeve[trendIndex * assetCount + a] * r }
                guard !r.isNaN else { continue }
                gross += held[a] * r
                for s in 0..<sleeveCount { ledger.sleeveReturns[s * n + d] += heldSleeve[s * assetCount + a] * r }
            }
            let net = gross - pendingCost
            pendingCost = 0
            ledger.portfolioReturns[d] = net
            if !equity.isNaN { equity *= 1 + net }
            guard isRebalance[d] else {
                ledger.equity[d] = equity
                continue
            }
            if equity.isNaN { equity = 1.0 }
            ledger.equity[d] = equity
            ledger.rebalanceDays.append(d)

            // 2. Decide new weights from rows ≤ row.
            for a in 0..<assetCount { combined[a] = 0 }
            for (s, allocation) in allocations.enumerated() {
                allocation.sleeve.targetWeights(at: row, statistics: statistics, into: &sleeveRaw[s])
                for a in 0..<assetCount { combined[a] += allocation.weight * sleeveRaw[s][a] }
            }
            let k = profile.volTarget.scale(weights: combined, at: row, returns: returns, scratch: &scratch)
            let scalar = scaler.scalar(at: scalars.count, history: SimulationHistory(ledger: ledger, dayCount: d + 1))
            scalars.append(scalar)
            var turnover = 0.0
            for (s, allocation) in allocations.enumerated() {
                let factor = (scalar.sleeveApplied?[s] ?? scalar.applied) * k * allocation.weight
                for a in 0..<assetCount { heldSleeve[s * assetCount + a] = factor * sleeveRaw[s][a] }
            }
            for a in 0..<assetCount {
                let raw = k * combined[a]
                var scaled = 0.0
                if scalar.sleeveApplied == nil {
                    scaled = scalar.applied * raw
                } else {
                    for s in 0..<sleeveCount { scaled += heldSleeve[s * assetCount + a] }
                }
                rawRows.append(raw)
                scaledRows.append(scaled)
                turnover += abs(scaled - held[a])
                held[a] = scaled
            }
            pendingCost = costPerTurnover * turnover
        }
        progress?(n, n)
        return result(ledger: ledger, rawRows: rawRows, scaledRows: scaledRows, scalars: scalars, mode: scaler.mode)
    }

    /// Calendar rebalance days that have at least `warmupDays` rows of data.
    func rebalanceFlags(days: [TradingDate], firstRow: Int) -> [Bool] {
        var flags = [Bool](repeating: false, count: days.count)
        for d in profile.rebalance.rebalanceIndices(days) where firstRow + d + 1 >= profile.warmupDays {
            flags[d] = true
        }
        return flags
    }

    private func result(ledger: SimulationLedger, rawRows: [Double], scaledRows: [Double],
                        scalars: [RebalanceScalar], mode: AllocatorSettings.Mode) -> BacktestResult {
        let days = ledger.tradingDates
        let n = days.count
        let names = ledger.assetNames
        let assetCount = names.count
        let window = ledger.firstRow..<(ledger.firstRow + n)
        let rebalanceDates = ledger.rebalanceDays.map { days[$0] }
        func rebalancePanel(_ rows: [Double]) -> Panel {
            let columns = (0..<assetCount).map { a in (0..<scalars.count).map { rows[$0 * assetCount + a] } }
            return Panel(dates: rebalanceDates, names: names, columns: columns)
        }
        func columnMajor(_ flat: [Double], names: [String]) -> Panel {
            Panel(dates: days, names: names, columns: names.indices.map { Array(flat[($0 * n)..<(($0 + 1) * n)]) })
        }
        let equityStart = ledger.rebalanceDays.first ?? n
        return BacktestResult(
            profileName: profile.name,
            rebalance: profile.rebalance,
            slippageBps: profile.slippageBps,
            allocatorMode: mode,
            assetReturns: Panel(dates: days, names: names, columns: ledger.market.columns.map { Array($0[window]) }),
            portfolioReturns: Panel(dates: days, names: ["ret"], columns: [ledger.portfolioReturns]),
            equityCurve: Panel(dates: Array(days[equityStart...]), names: ["equity"], columns: [Array(ledger.equity[equityStart...])]),
            weightsRaw: rebalancePanel(rawRows),
            weights: rebalancePanel(scaledRows),
            scalars: scalars,
            trendUnitReturns: ledger.hasTrendSleeve ? columnMajor(ledger.trendUnit, names: names) : nil,
            sleeveReturns: columnMajor(ledger.sleeveReturns, names: ledger.sleeveNames))
    }
}
