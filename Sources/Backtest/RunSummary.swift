import Allocator
import TimeSeries

/// The run summary printed on stdout after a backtest: period, headline
/// metrics, the allocator section and, when the allocator step failed, the
/// red-flag line as the very last line.
package struct RunSummary: Sendable {
    package var runId: String
    package var runDirectory: String
    package var tradingDays: Int
    package var rebalances: Int
    package var rebalance: RebalanceCalendar
    package var performance: PerformanceSummary
    package var allocator: AllocatorReport?
    package var allocatorStep: AllocatorStepOutcome

    package init(runId: String, runDirectory: String, result: BacktestResult,
                allocator: AllocatorReport?, allocatorStep: AllocatorStepOutcome) {
        self.runId = runId
        self.runDirectory = runDirectory
        tradingDays = result.tradingDays.count
        rebalances = result.rebalanceDates.count
        rebalance = result.rebalance
        performance = PerformanceSummary(result)
        self.allocator = allocator
        self.allocatorStep = allocatorStep
    }

    /// `12.34%` style.
    static func percent(_ x: Double) -> String { x.isNaN ? "n/a" : fixed(100 * x, 2) + "%" }
    /// `x` with `digits` decimals, `n/a` when it is not defined (NaN), like ``percent(_:)``.
    static func number(_ x: Double, _ digits: Int) -> String { x.isNaN ? "n/a" : fixed(x, digits) }

    package var text: String {
        let p = performance
        let period = "\(p.firstDay?.description ?? "-") .. \(p.lastDay?.description ?? "-")"
        let live = p.liveStart.map { "live from \($0)" } ?? "never invested"
        let worst = p.worstMonth.map { "\($0.year)-\($0.month < 10 ? "0" : "")\($0.month) \(Self.percent($0.return))" } ?? "n/a"
        var lines = [
            "ExecSim run \(runId) — \(runDirectory)",
            "  period              : \(period) (\(tradingDays) trading days, \(rebalances) \(rebalance.rawValue) rebalances, \(live))",
            "  CAGR                : \(Self.percent(p.cagr))",
            "  annualised vol      : \(Self.percent(p.annualisedVolatility))",
            "  Sharpe (rf 0, √252) : \(Self.number(p.sharpeRatio, 2))",
            "  max drawdown        : \(Self.percent(p.maxDrawdown))",
            "  worst month         : \(worst)",
            "  final equity        : \(Self.number(p.finalEquity, 4))",
        ]
        if let a = allocator {
            let scaled = a.mode == .off
                ? "\(a.scaled) of \(a.rebalances) would be (scalar < 1; mode off leaves weights unscaled)"
                : "\(a.scaled) of \(a.rebalances) (scalar < 1)"
            lines += [
                "Allocator (mode \(a.mode.rawValue))",
                "  scalars             : \(a.scalarSource)",
                "  rebalances scaled   : \(scaled)",
                "  scalar mean/min/max : \(fixed(a.meanScalar, 4)) / \(fixed(a.minScalar, 4)) / \(fixed(a.maxScalar, 4))",
            ]
            if a.topDeRisk.isEmpty {
                lines.append("  top de-risk dates   : none (no scalar below 1)")
            } else {
                lines.append("  top de-risk dates   : (rebalance, scalar, regime when the scalar was decided one rebalance earlier)")
                for d in a.topDeRisk {
                    let why = d.decidedOn.map { "\(d.regime ?? "regime n/a") on \($0)" } ?? "first rebalance"
                    lines.append("    \(d.date)  \(fixed(d.scalar, 4))  \(why)")
                }
            }
        } else {
            lines.append("Allocator: no scalars available")
        }
        if case .failed = allocatorStep { lines.append(AllocatorStep.redFlag) }
        return lines.joined(separator: "\n")
    }
}
