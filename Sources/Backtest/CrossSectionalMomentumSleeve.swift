/// `csmom_meta`: cross-sectional 12-1 month momentum.
///
/// At row `t`, for each asset with a return observed at or before
/// `t − lookback` and a defined volatility:
/// - momentum `m_i = G_i(t − skip) − G_i(t − lookback)`, the log growth from
///   12 months ago to 1 month ago (defaults 252 and 21 rows);
/// - rank the `n` eligible assets by `m_i` (ties: universe order); with
///   `k = ⌊n/3⌋` (at least 1, and `n ≥ 3` required), the top `k` are long and
///   the bottom `k` short;
/// - `w_i = ±(σ* / σ̂_i) / (2k)` (``AssetVolScaling``), 0 for the middle third.
package struct CrossSectionalMomentumSleeve: Sleeve {
    package static let sleeveName = "csmom_meta"
    package var name: String { Self.sleeveName }
    package var lookback: Int
    package var skip: Int
    package var volScaling: AssetVolScaling

    package init(lookback: Int = 252, skip: Int = 21, volScaling: AssetVolScaling) {
        precondition(lookback > skip && skip >= 0)
        self.lookback = lookback
        self.skip = skip
        self.volScaling = volScaling
    }

    package func targetWeights(at t: Int, statistics: TrailingStatistics, into weights: inout [Double]) {
        // Scratch on the stack: no heap allocation per rebalance.
        withUnsafeTemporaryAllocation(of: (momentum: Double, asset: Int, leverage: Double).self,
                                      capacity: statistics.assetCount) { ranked in
            var n = 0
            for a in 0..<statistics.assetCount {
                weights[a] = 0
                guard statistics.isObserved(asset: a, by: t - lookback) else { continue }
                let leverage = volScaling.leverage(asset: a, at: t, statistics: statistics)
                guard !leverage.isNaN else { continue }
                ranked[n] = (statistics.logGrowth(asset: a, from: t - lookback, to: t - skip), a, leverage)
                n += 1
            }
            guard n >= 3 else { return }
            var eligible = UnsafeMutableBufferPointer(rebasing: ranked[0..<n])
            eligible.sort { $0.momentum != $1.momentum ? $0.momentum > $1.momentum : $0.asset < $1.asset }
            let k = n / 3
            let unit = 1.0 / Double(2 * k)
            for j in 0..<k {
                weights[eligible[j].asset] = eligible[j].leverage * unit
                weights[eligible[n - 1 - j].asset] = -eligible[n - 1 - j].leverage * unit
            }
        }
    }
}
