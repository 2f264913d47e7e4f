/// The configuration shipped with the package. `allocator backtest --config
/// FILE` replaces it entirely; copy this text as a starting point.
package enum DefaultConfig {
    /// How the embedded configuration is named in messages.
    package static let sourceName = "<embedded default config>"

    /// YAML text of the default configuration.
    package static let yaml = """
    # Allocator ExecSim configuration.
    #
    # profiles.<name>: one strategy set-up, chosen with --profile NAME.
    #   rebalance             W-FRI (weekly, last trading day on or before Friday), M (month end) or D (daily)
    #   slippage_bps          cost per unit of turnover, charged on the first day after each rebalance
    #   warmup_days           rows of data up to a rebalance date needed before trading starts
    #   vol_lookback_days     window of the trailing asset and portfolio volatility estimates
    #   portfolio_vol_target  annualised volatility the combined portfolio is scaled to
    #   leverage_cap          maximum gross exposure sum(|w|) after scaling
    #   sleeves               tsmom_multihorizon and/or csmom_meta, each with a weight
    # allocator_v1: how the allocator's risk scalar acts on the weights.
    #   mode                    off | precomputed | compute
    #   precomputed_run_id      run whose allocator_risk_v1_applied.csv feeds precomputed mode
    #   apply_missing_scalar_as scalar used where the source has none on or before a rebalance
    #   risk_profile            L, M or H (null: the allocator's default, L); aliases, any case:
    #                           high/aggressive = H, medium/balanced = M, low/conservative/institutional = L
    #   The reference's spellings are read too: profile (= risk_profile), enabled (false: mode off),
    #   precomputed_scalar_filename (allocator_risk_v1_applied.csv only), state_version /
    #   regime_version / risk_version (v1.0 only).
    # regime: / risk: (optional) the allocator's thresholds and risk settings, the same
    #   blocks `allocator pipeline --config` reads; allocator_v1.risk_profile and
    #   apply_missing_scalar_as override risk.profile / risk.apply_missing_scalar_as.
    default_profile: balanced
    profiles:
      balanced:
        description: Trend and cross-sectional momentum, weekly, 10% volatility target.
        rebalance: W-FRI
        slippage_bps: 0.5
        warmup_days: 63
        vol_lookback_days: 63
        portfolio_vol_target: 0.10
        leverage_cap: 4.0
        sleeves:
          tsmom_multihorizon:
            weight: 0.7
            horizons: [21, 63, 252]
            asset_vol_target: 0.10
          csmom_meta:
            weight: 0.3
            lookback_days: 252
            skip_days: 21
            asset_vol_target: 0.10
      trend_only:
        description: Multi-horizon trend alone, weekly, 10% volatility target.
        rebalance: W-FRI
        slippage_bps: 0.5
        warmup_days: 63
        vol_lookback_days: 63
        portfolio_vol_target: 0.10
        leverage_cap: 4.0
        sleeves:
          tsmom_multihorizon:
            weight: 1.0
            horizons: [21, 63, 252]
            asset_vol_target: 0.10
      monthly:
        description: Both sleeves, month-end rebalancing, 8% volatility target, lower leverage.
        rebalance: M
        slippage_bps: 1.0
        warmup_days: 63
        vol_lookback_days: 63
        portfolio_vol_target: 0.08
        leverage_cap: 3.0
        sleeves:
          tsmom_multihorizon:
            weight: 0.5
            horizons: [21, 63, 252]
            asset_vol_target: 0.10
          csmom_meta:
            weight: 0.5
            lookback_days: 252
            skip_days: 21
            asset_vol_target: 0.10
    allocator_v1:
      mode: off
      precomputed_run_id: null
      apply_missing_scalar_as: 1.0
      risk_profile: null

    """
}
