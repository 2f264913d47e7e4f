import Allocator
import TimeSeries

/// Daily P&L of a run re-simulated from its weights and asset returns
/// (SPEC §9 overlay replay under the §6 timing), with ExecSim's arithmetic
/// step for step, so replaying an ExecSim run reproduces its
/// `portfolio_returns.csv` and `equity_curve.csv` bit for bit.
///
/// Days `d` are the rows of the asset returns. With rebalance dates
/// `t₀ < t₁ < …` (rows of the weights) and `wₖ = scalarₖ · weightsₖ`
/// (`scalarₖ = 1` for pass 1), each `tₖ` taken at its trading day `dₖ`, the
/// last day `≤ tₖ` (`tₖ` itself, or the day before a weekend, holiday or
/// calendar month-end that is not a row):
/// - `gross(d) = Σᵢ hᵢ · rᵢ(d)` summed in asset-return column order, skipping
///   missing `rᵢ(d)` (a missing return contributes 0); `h` = the weights held,
///   0 through `d₀`, `wₖ` from the day after `dₖ` through `dₖ₊₁`;
/// - `r_p(d) = gross(d) − cost(d)`, `cost = slippage_bps · 1e-4 · Σᵢ |wₖ,ᵢ − hᵢ|`
///   (turnover summed in column order, `h` = the weights held before,
///   0 for `t₀`) on the first day after `dₖ`, 0 otherwise;
/// - equity `E = NaN` before `d₀`, `E(d₀) = 1.0`, `E(d) = E(d − 1) · (1 + r_p(d))` after.
///
/// A missing weight (NaN) is held as 0. Assets with returns but no weights
/// column are held at 0.
package enum OverlayReplay {
    /// Replays `weights` (one row per rebalance, columns named like the
    /// asset returns) over `assetReturns` (daily, missing = NaN).
    ///
    /// - Parameters:
    ///   - scalars: one multiplier per rebalance (pass 2), or `nil` (pass 1).
    ///   - slippageBps: cost per unit of turnover, in basis points.
    /// - Throws: ``AuditError`` when a column name appears twice in either
    ///   header, a weights column has no returns, a rebalance date lies
    ///   outside the returns' dates or shares its trading day with another,
    ///   dates are not increasing, the scalars do not match the rebalances or
    ///   the slippage is invalid.
    package static func replay(weights: Panel, assetReturns: Panel, scalars: [Double]? = nil,
                              slippageBps: Double = 0) throws(AuditError) -> ReplayedPass {
        guard slippageBps.isFinite, slippageBps >= 0 else { throw .invalidSlippage(bps: slippageBps) }
        if let scalars, scalars.count != weights.rowCount {
            throw .scalarCountMismatch(scalars: scalars.count, rebalances: weights.rowCount)
        }
        if let column = firstRepeated(assetReturns.names) { throw .duplicateColumn(column: column, input: .assetReturns) }
        if let column = firstRepeated(weights.names) { throw .duplicateColumn(column: column, input: .weights) }
        let assetCount = assetReturns.columnCount
        // weightColumn[a]: the weights column of return column a, or -1.
        var weightColumn = [Int](repeating: -1, count: assetCount)
        for (c, name) in weights.names.enumerated() {
            guard let a = assetReturns.names.firstIndex(of: name) else { throw .assetWithoutReturns(asset: name) }
            weightColumn[a] = c
        }
        let days = assetReturns.dates
        var isRebalance = [Int](repeating: -1, count: days.count) // rebalance number on that day, or -1
        for (k, date) in weights.dates.enumerated() {
            if k > 0, weights.dates[k - 1] >= date {
                throw .rebalanceDatesNotIncreasing(previous: weights.dates[k - 1], date: date)
            }
            let d = days.partitioningIndex { $0 > date } - 1 // the last trading day on or before the date
            guard d >= 0, d < days.count - 1 || date == days[d] else {
                throw .rebalanceOutsideReturns(date: date, firstDay: days.first, lastDay: days.last)
            }
            if isRebalance[d] >= 0 {
                throw .rebalancesShareATradingDay(earlier: weights.dates[isRebalance[d]], later: date, day: days[d])
            }
            isRebalance[d] = k
        }

        let costPerTurnover = slippageBps * 1e-4
        var held = [Double](repeating: 0, count: assetCount)
        var returns = [Double](repeating: 0, count: days.count)
        var equityPath = [Double](repeating: .nan, count: days.count)
        var pendingCost = 0.0
        var equity = Double.nan
        for d in days.indices {
            var gross = 0.0
            for a in 0..<assetCount {
                let r = assetReturns.columns[a][d]
                guard !r.isNaN else { continue }
                gross += held[a] * r
            }
            let net = gross - pendingCost
            pendingCost = 0
            returns[d] = net
            if !equity.isNaN { equity *= 1 + net }
            let k = isRebalance[d]
            guard k >= 0 else {
                equityPath[d] = equity
                continue
            }
            if equity.isNaN { equity = 1.0 }
            equityPath[d] = equity
            let scalar = scalars?[k] ?? 1.0
            var turnover = 0.0
            for a in 0..<assetCount {
                let c = weightColumn[a]
                let raw = c < 0 ? 0 : weights.columns[c][k]
                let target = scalar * (raw.isNaN ? 0 : raw)
                turnover += abs(target - held[a])
                held[a] = target
            }
            pendingCost = costPerTurnover * turnover
        }
        return ReplayedPass(dates: days, returns: returns, equity: equityPath, rebalanceDates: weights.dates)
    }

    /// The first name that appears again later in `names`, in header order of its second appearance.
    static func firstRepeated(_ names: [String]) -> String? {
        var seen: Set<String> = []
        return names.first { !seen.insert($0).inserted }
    }
}

/// The two panels a replay reads.
package enum ReplayInput: String, Sendable {
    case weights = "weights"
    case assetReturns = "asset returns"
}

/// The result of ``OverlayReplay/replay(weights:assetReturns:scalars:slippageBps:)``.
package struct ReplayedPass: Equatable, Sendable {
    /// The asset-return days.
    package var dates: [TradingDate]
    /// Net portfolio return per day (0 up to and including the first rebalance).
    package var returns: [Double]
    /// Equity per day, NaN before the first rebalance.
    package var equity: [Double]
    /// The weights' dates.
    package var rebalanceDates: [TradingDate]

    /// `date,ret` over every day (like `portfolio_returns.csv`).
    package var portfolioReturns: Series { Series(dates: dates, values: returns) }

    /// Equity from the first rebalance on (like `equity_curve.csv`); empty without rebalances.
    package var equityCurve: Series {
        let first = equity.firstIndex { !$0.isNaN } ?? equity.count
        return Series(dates: Array(dates[first...]), values: Array(equity[first...]))
    }
}
