import Allocator
import TimeSeries

/// Scales combined sleeve weights to a portfolio volatility target, capped
/// by gross leverage.
///
/// With combined weights `w` decided at row `t`:
/// - ex-ante portfolio returns over the trailing window, holding `w` fixed:
///   `p(u) = Σ_i w_i · r_i(u)` for `u = t−L+1 … t` (missing `r` counts as 0);
/// - `σ̂_p = √(var(p, ddof 1) · 252)` (``SampleStatistics``, ``Annualisation/volatility(variance:)``);
/// - `k = σ_target / σ̂_p`, then `k = min(k, cap / Σ_i |w_i|)`;
/// - `k = 0` when `σ̂_p` is not positive or the window starts before row 0.
///
/// Uses rows ≤ `t` only. The caller passes a scratch buffer of length `L`
/// so the computation allocates nothing.
package struct PortfolioVolTarget: Sendable, Equatable {
    /// Annualised portfolio volatility target `σ_target`.
    package var volTarget: Double
    /// Cap on gross leverage `Σ|w|` after scaling.
    package var leverageCap: Double
    /// Rows `L` in the ex-ante volatility window.
    package var lookback: Int

    package init(volTarget: Double, leverageCap: Double, lookback: Int) {
        self.volTarget = volTarget
        self.leverageCap = leverageCap
        self.lookback = lookback
    }

    /// The scale factor `k` for `weights` at row `t` of `returns`.
    package func scale(weights: [Double], at t: Int, returns: Panel, scratch: inout [Double]) -> Double {
        let lo = t - lookback + 1
        guard lo >= 0, lookback >= 2 else { return 0 }
        var gross = 0.0
        for w in weights { gross += abs(w) }
        guard gross > 0 else { return 0 }
        for k in 0..<lookback { scratch[k] = 0 }
        for (a, w) in weights.enumerated() where w != 0 {
            returns.columns[a].withUnsafeBufferPointer { r in
                for k in 0..<lookback {
                    let v = r[lo + k]
                    if !v.isNaN { scratch[k] += w * v }
                }
            }
        }
        let variance = scratch.withUnsafeBufferPointer { SampleStatistics.variance(UnsafeBufferPointer(rebasing: $0[0..<lookback])) }
        let vol = Annualisation.volatility(variance: variance)
        guard vol > 1e-12 else { return 0 }
        return min(volTarget / vol, leverageCap / gross)
    }
}
