import Allocator

/// A side-by-side table of two runs (the demo's baseline and scaled pass).
package enum RunComparison {
    /// Rows: period, CAGR, vol, Sharpe, max drawdown, worst month, final
    /// equity, allocator mode, rebalances scaled and mean / min scalar.
    package static func table(_ left: RunSummary, _ right: RunSummary) -> String {
        func metricRows(_ s: RunSummary) -> [String] {
            let p = s.performance
            let worst = p.worstMonth.map { "\($0.year)-\($0.month < 10 ? "0" : "")\($0.month) \(RunSummary.percent($0.return))" } ?? "n/a"
            let a = s.allocator
            return [
                s.runId,
                a.map { $0.mode.rawValue } ?? "-",
                RunSummary.percent(p.cagr),
                RunSummary.percent(p.annualisedVolatility),
                fixed(p.sharpeRatio, 2),
                RunSummary.percent(p.maxDrawdown),
                worst,
                fixed(p.finalEquity, 4),
                a.map { "\($0.scaled) / \($0.rebalances)" } ?? "-",
                a.map { fixed($0.meanScalar, 4) } ?? "-",
                a.map { fixed($0.minScalar, 4) } ?? "-",
            ]
        }
        let labels = ["run", "allocator mode", "CAGR", "annualised vol", "Sharpe (rf 0)", "max drawdown",
                      "worst month", "final equity", "scalar < 1 at rebalances", "mean scalar", "min scalar"]
        let l = metricRows(left), r = metricRows(right)
        let w0 = labels.map(\.count).max()!, w1 = max(l.map(\.count).max()!, 8), w2 = max(r.map(\.count).max()!, 8)
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        var lines: [String] = []
        for k in labels.indices {
            lines.append("  \(pad(labels[k], w0))  \(pad(l[k], w1))  \(pad(r[k], w2))")
            if k == 0 { lines.append("  " + String(repeating: "─", count: w0 + w1 + w2 + 4)) }
        }
        return lines.joined(separator: "\n")
    }
}
