/// A strategy sleeve: turns the market history up to a rebalance date into
/// target weights, one per asset.
///
/// Contract: `targetWeights(at:statistics:into:)` reads only rows ≤ `t`
/// (``TrailingStatistics`` guarantees that for the windows it answers), and
/// writes every entry of `weights` (0 for assets it does not trade).
package protocol Sleeve: Sendable {
    /// Column name in `sleeve_returns.csv` (e.g. `tsmom_multihorizon`).
    var name: String { get }
    /// Fills `weights` (count = assets) with the sleeve's raw weights at row `t`.
    func targetWeights(at t: Int, statistics: TrailingStatistics, into weights: inout [Double])
}

/// A sleeve with its weight in the combined portfolio.
package struct SleeveAllocation: Sendable {
    package var weight: Double
    package var sleeve: any Sleeve

    package init(weight: Double, sleeve: any Sleeve) {
        self.weight = weight
        self.sleeve = sleeve
    }
}

/// Per-asset volatility targeting shared by the sleeves.
///
/// Inverse-volatility position of one unit of signal: `σ* / σ̂_i`, where
/// `σ̂_i` is the annualised trailing volatility of asset `i`
/// (``TrailingStatistics/annualisedVol(asset:endingAt:window:minCount:)``).
/// `.nan` when the volatility is undefined or below 1e-8.
package struct AssetVolScaling: Sendable, Equatable {
    /// Target annualised volatility of one asset position, `σ*`.
    package var assetVolTarget: Double
    /// Rows in the trailing volatility window.
    package var lookback: Int

    package init(assetVolTarget: Double, lookback: Int) {
        self.assetVolTarget = assetVolTarget
        self.lookback = lookback
    }

    /// Present returns required in the window: half of it, at least 10.
    package var minCount: Int { max(10, lookback / 2) }

    /// `σ* / σ̂_i(t)`, or `.nan`.
    @inline(__always)
    package func leverage(asset a: Int, at t: Int, statistics: TrailingStatistics) -> Double {
        let vol = statistics.annualisedVol(asset: a, endingAt: t, window: lookback, minCount: minCount)
        guard vol.isFinite, vol > 1e-8 else { return .nan }
        return assetVolTarget / vol
    }
}
