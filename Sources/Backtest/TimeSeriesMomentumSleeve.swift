/// `tsmom_multihorizon`: time-series momentum over several horizons.
///
/// For asset `i` at row `t`, with horizons `h ∈ H` (default 21, 63, 252 rows):
/// - `signal_i = (1/|H|) · Σ_h sign(G_i(t) − G_i(t−h))`, the sign of the
///   trailing `h`-row compounded return; a horizon whose window starts before
///   the asset's first observed return contributes 0;
/// - `w_i = signal_i · (σ* / σ̂_i) / N`, where `σ* / σ̂_i` is the asset's
///   inverse-vol leverage (``AssetVolScaling``) and `N` the number of assets
///   whose volatility is defined at `t` (so the sleeve's size does not grow
///   with the universe). Assets without a defined volatility get 0.
package struct TimeSeriesMomentumSleeve: Sleeve {
    package static let sleeveName = "tsmom_multihorizon"
    package var name: String { Self.sleeveName }
    package var horizons: [Int]
    package var volScaling: AssetVolScaling

    package init(horizons: [Int] = [21, 63, 252], volScaling: AssetVolScaling) {
        precondition(!horizons.isEmpty && horizons.allSatisfy { $0 > 0 })
        self.horizons = horizons
        self.volScaling = volScaling
    }

    package func targetWeights(at t: Int, statistics: TrailingStatistics, into weights: inout [Double]) {
        var eligible = 0
        let inverseHorizons = 1.0 / Double(horizons.count)
        for a in 0..<statistics.assetCount {
            let leverage = volScaling.leverage(asset: a, at: t, statistics: statistics)
            guard !leverage.isNaN else { weights[a] = 0; continue }
            eligible += 1
            var signal = 0.0
            for h in horizons where statistics.isObserved(asset: a, by: t - h) {
                let growth = statistics.logGrowth(asset: a, from: t - h, to: t)
                signal += growth > 0 ? 1 : (growth < 0 ? -1 : 0)
            }
            weights[a] = signal * inverseHorizons * leverage
        }
        guard eligible > 0 else { return }
        let perAsset = 1.0 / Double(eligible)
        for a in 0..<statistics.assetCount { weights[a] *= perAsset }
    }
}
