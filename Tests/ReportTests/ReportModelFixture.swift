import Foundation
import Report
import TimeSeries

/// A deterministic, realistic audit model for tests and the screenshot: a
/// seeded daily market with stress spells, state features computed on it,
/// a simplified SPEC §4 regime rule with hysteresis, an EWMA risk scalar
/// applied at weekly rebalances with a one-rebalance lag, and the metrics,
/// scorecard and events derived from both passes.
enum ReportModelFixture {
    /// SplitMix64: a small seeded generator, identical on every platform.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Standard normal draw (Box–Muller).
        mutating func normal() -> Double {
            let u1 = max(Double.leastNonzeroMagnitude, Double.random(in: 0..<1, using: &self))
            let u2 = Double.random(in: 0..<1, using: &self)
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
    }

    static let featureNames = ["port_rvol_20d", "port_rvol_60d", "vol_accel", "dd_level", "dd_slope_10d",
                               "corr_20d", "corr_60d", "corr_shock", "trend_breadth_20d", "sleeve_concentration_60d"]

    /// Weekdays from `start` for `years` calendar years.
    static func weekdays(from start: TradingDate, years: Int) -> [TradingDate] {
        let end = start.adding(days: Int(Double(years) * 365.25))
        return stride(from: 0, through: start.days(to: end), by: 1).map { start.adding(days: $0) }.filter { $0.isoWeekday <= 5 }
    }

    /// The model over `years` years of weekdays from `start`; `optionalSections` adds replay,
    /// regime summary, sleeves and calibration.
    static func model(years: Int, start: TradingDate = TradingDate(year: 2020, month: 1, day: 6)!,
                      seed: UInt64 = 20_240_601, optionalSections: Bool = true) -> AuditReportModel {
        var rng = SplitMix64(state: seed)
        let dates = weekdays(from: start, years: years)
        let n = dates.count
        var inSpell = [Bool](repeating: false, count: n)
        var day = 120
        while day < n {
            let length = Int.random(in: 20...50, using: &rng)
            for i in day..<min(n, day + length) { inSpell[i] = true }
            day += length + Int.random(in: 350...800, using: &rng)
        }
        var returns = [Double](repeating: 0, count: n)
        for i in 1..<n {
            let sigma = (inSpell[i] ? 0.26 : 0.10) / 252.0.squareRoot()
            let mu = (inSpell[i] ? -0.40 : 0.13) / 252
            returns[i] = mu + sigma * rng.normal()
        }
        let baselineEquity = equity(returns)
        let features = stateFeatures(returns: returns, equity: baselineEquity, inSpell: inSpell, rng: &rng)
        let regimes = classify(features)
        let mapping: [ReportRegime: Double] = [.normal: 1.0, .elevated: 0.85, .stress: 0.6, .crisis: 0.35]
        var scalar = [Double](repeating: .nan, count: n)
        var smoothed = 1.0
        for i in 0..<n {
            guard let regime = regimes[i] else { continue }
            smoothed += 0.35 * (mapping[regime]! - smoothed)
            scalar[i] = smoothed
        }
        var rebalances: [ReportRebalance] = []
        var applied = [Double](repeating: 1, count: n)
        var current = 1.0, pending = 1.0
        for i in 0..<n {
            applied[i] = current
            if dates[i].isoWeekday == 5 {
                rebalances.append(ReportRebalance(date: dates[i], scalar: pending))
                current = pending
                pending = scalar[i].isFinite ? scalar[i] : 1
            }
        }
        let scaledEquity = equity(zip(returns, applied).map { $0 * $1 })
        let daily = ReportDailySeries(dates: dates, equityBaseline: baselineEquity, equityScaled: scaledEquity,
                                      drawdownBaseline: drawdown(baselineEquity), drawdownScaled: drawdown(scaledEquity),
                                      regimes: regimes, riskScalar: scalar)
        let thresholds: [String: (Double, Double)] = ["vol_accel": (1.30, 1.15), "corr_shock": (0.10, 0.05),
                                                      "dd_level": (-0.10, -0.06), "dd_slope_10d": (-0.06, -0.03)]
        let panels = featureNames.enumerated().map { index, name in
            ReportFeaturePanel(name: name, dates: dates, values: features[index],
                               enterThreshold: thresholds[name]?.0, exitThreshold: thresholds[name]?.1)
        }
        let events = deRiskEvents(rebalances, regimes: regimes, dates: dates)
        let metrics = metricRows(dates: dates, baseline: baselineEquity, scaled: scaledEquity)
        let maxDDDelta = metrics[3].delta ?? 0
        let scorecard = ReportScorecard(overall: .caution, checks: [
            .init(name: "Drawdown protection", status: maxDDDelta >= 0.02 ? .pass : (maxDDDelta >= 0 ? .caution : .fail),
                  detail: String(format: "Δ MaxDD %+.3f (PASS ≥ +0.020, FAIL < 0)", maxDDDelta)),
            .init(name: "Return cost", status: .caution,
                  detail: String(format: "CAGR loss %.3f (PASS < 0.010, FAIL > 0.020); mean scalar %.3f in [0.90, 0.98]",
                                 -(metrics[0].delta ?? 0), rebalances.map(\.scalar).reduce(0, +) / Double(max(1, rebalances.count)))),
            .init(name: "Stability", status: .pass, detail: "8.4 transitions/yr < 20; 0 thrash events"),
            .init(name: "Stress detection", status: .caution,
                  detail: "\(events.count) de-risk events; synthetic spells detected & 1 event in a calm window (CAUTION)"),
        ])
        var model = AuditReportModel(title: "Allocator audit — synthetic core portfolio",
                                     baselineRunID: "baseline_\(dates[0].description.replacingOccurrences(of: "-", with: ""))",
                                     scaledRunID: "allocpass2_\(dates[0].description.replacingOccurrences(of: "-", with: ""))",
                                     metrics: metrics, scorecard: scorecard, daily: daily, rebalances: rebalances,
                                     features: panels, deRiskEvents: events)
        if optionalSections {
            model.replay = ReportReplayQuality(correlation: 0.9987, maxAbsoluteDifference: 3.1e-4, trackingError: 0.0042,
                                               warning: nil)
            model.regimeSummary = regimeSummary(regimes: regimes, dates: dates)
            model.sleeveScalars = ReportSleeveScalars(dates: dates, sleeves: [
                .init(name: "tsmom_multihorizon", values: scalar.map { $0.isFinite ? min(1, $0 * 1.05) : .nan }),
                .init(name: "csmom_meta", values: scalar.map { $0.isFinite ? max(0.25, $0 * 0.9) : .nan }),
            ])
            model.calibration = ReportCalibrationSummary(
                defaultScore: 0.412, bestScore: 0.187, candidateCount: 240,
                sharesBefore: [0.62, 0.24, 0.10, 0.04], sharesAfter: [0.71, 0.19, 0.08, 0.02],
                parameters: [.init(name: "vol_accel_enter", defaultValue: 1.30, bestValue: 1.35),
                             .init(name: "min_days_in_regime", defaultValue: 5, bestValue: 7),
                             .init(name: "alpha", defaultValue: 0.35, bestValue: 0.25)])
        }
        return model
    }

    static func equity(_ returns: [Double]) -> [Double] {
        var value = 1.0
        return returns.map { value *= 1 + $0; return value }
    }

    static func drawdown(_ equity: [Double]) -> [Double] {
        var peak = -Double.infinity
        return equity.map { peak = max(peak, $0); return $0 / peak - 1 }
    }

    private static func rollingStd(_ x: [Double], _ w: Int, at i: Int) -> Double {
        guard i + 1 >= w else { return .nan }
        let window = x[(i + 1 - w)...i]
        let mean = window.reduce(0, +) / Double(w)
        return (window.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w - 1)).squareRoot() * 252.0.squareRoot()
    }

    private static func stateFeatures(returns: [Double], equity: [Double], inSpell: [Bool],
                                      rng: inout SplitMix64) -> [[Double]] {
        let n = returns.count
        var f = [[Double]](repeating: [Double](repeating: .nan, count: n), count: 10)
        let dd = drawdown(equity)
        var corrLevel = 0.2, corrSlow = 0.2, breadth = 0.6, concentration = 0.35
        for i in 0..<n {
            corrLevel += 0.15 * ((inSpell[i] ? 0.55 : 0.18) - corrLevel) + 0.03 * rng.normal()
            corrSlow += (corrLevel - corrSlow) / 30
            breadth = min(1, max(0, breadth + 0.1 * ((inSpell[i] ? 0.25 : 0.65) - breadth) + 0.05 * rng.normal()))
            concentration = min(1, max(0.1, concentration + 0.05 * (0.35 - concentration) + 0.02 * rng.normal()))
            guard i >= 60 else { continue }
            f[0][i] = rollingStd(returns, 20, at: i)
            f[1][i] = rollingStd(returns, 60, at: i)
            f[2][i] = f[0][i] / f[1][i]
            f[3][i] = dd[i]
            f[4][i] = dd[i] - dd[i - 10]
            f[5][i] = corrLevel
            f[6][i] = corrSlow
            f[7][i] = corrLevel - corrSlow
            f[8][i] = breadth
            f[9][i] = concentration
        }
        return f
    }

    /// SPEC §4's target rule with the default thresholds and a 5-day minimum stay before de-escalating.
    private static func classify(_ f: [[Double]]) -> [ReportRegime?] {
        var result: [ReportRegime?] = []
        var current: ReportRegime?
        var days = 0
        for i in 0..<f[0].count {
            guard f[2][i].isFinite else { result.append(nil); continue }
            let flags = [f[2][i] >= 1.30, f[7][i] >= 0.10, f[3][i] <= -0.10, f[4][i] <= -0.06]
            let exits = [f[2][i] >= 1.15, f[7][i] >= 0.05, f[3][i] <= -0.06, f[4][i] <= -0.03].filter { $0 }.count
            let score = flags.filter { $0 }.count
            let target: ReportRegime = (f[3][i] <= -0.20 || score >= 3) ? .crisis
                : (score >= 2 || f[3][i] <= -0.12) ? .stress : score >= 1 ? .elevated : .normal
            if let regime = current {
                if target > regime || (target < regime && days >= 5 && exits < regime.rawValue) {
                    current = target
                    days = 1
                } else {
                    days += 1
                }
            } else {
                current = target
                days = 1
            }
            result.append(current)
        }
        return result
    }

    private static func deRiskEvents(_ rebalances: [ReportRebalance], regimes: [ReportRegime?],
                                     dates: [TradingDate]) -> [ReportDeRiskEvent] {
        var events: [ReportDeRiskEvent] = []
        var index = 0
        while index < rebalances.count {
            guard rebalances[index].scalar < 0.70 else { index += 1; continue }
            var end = index
            while end + 1 < rebalances.count, rebalances[end + 1].scalar < 0.70 { end += 1 }
            let run = rebalances[index...end]
            let deciding = dates.firstIndex(of: rebalances[index].date).flatMap { regimes[$0] } ?? .stress
            events.append(ReportDeRiskEvent(start: rebalances[index].date, depth: run.map(\.scalar).min()!,
                                            length: run.count, regime: deciding))
            index = end + 1
        }
        return Array(events.sorted { $0.depth < $1.depth }.prefix(10))
    }

    private static func metricRows(dates: [TradingDate], baseline: [Double], scaled: [Double]) -> [ReportMetricRow] {
        func stats(_ e: [Double]) -> [Double] {
            let years = Double(dates[0].days(to: dates[dates.count - 1])) / 365.25
            let r = zip(e.dropFirst(), e).map { $0 / $1 - 1 }
            let mean = r.reduce(0, +) / Double(r.count)
            let std = (r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(r.count)).squareRoot()
            return [pow(e.last! / e.first!, 1 / years) - 1, std * 252.0.squareRoot(),
                    mean * 252 / (std * 252.0.squareRoot()), drawdown(e).min()!]
        }
        let b = stats(baseline), s = stats(scaled)
        let specs: [(String, ReportNumberFormat, ReportMetricRow.Preference)] = [
            ("CAGR", .percent(decimals: 2), .higherIsBetter), ("Annualised volatility", .percent(decimals: 2), .lowerIsBetter),
            ("Sharpe ratio", .decimal(decimals: 3), .higherIsBetter), ("Max drawdown", .percent(decimals: 2), .higherIsBetter),
        ]
        return specs.enumerated().map { index, spec in
            ReportMetricRow(label: spec.0, baseline: b[index], scaled: s[index], delta: s[index] - b[index],
                            format: spec.1, preference: spec.2)
        } + [ReportMetricRow(label: "Worst month", baseline: nil, scaled: -0.061, delta: nil, format: .percent(decimals: 2),
                             preference: .higherIsBetter),
             ReportMetricRow(label: "Trading days", baseline: Double(dates.count), scaled: Double(dates.count), delta: 0,
                             format: .integer)]
    }

    private static func regimeSummary(regimes: [ReportRegime?], dates: [TradingDate]) -> ReportRegimeSummary {
        let defined = regimes.compactMap { $0 }
        var shares = [Double](repeating: 0, count: 4)
        for regime in defined { shares[regime.rawValue] += 1 / Double(defined.count) }
        var counts: [Int: Int] = [:]
        for (a, b) in zip(defined, defined.dropFirst()) where a != b { counts[a.rawValue * 4 + b.rawValue, default: 0] += 1 }
        let transitions = counts.keys.sorted().map {
            ReportRegimeSummary.Transition(from: ReportRegime(rawValue: $0 / 4)!, to: ReportRegime(rawValue: $0 % 4)!, count: counts[$0]!)
        }
        let years = Double(dates[0].days(to: dates[dates.count - 1])) / 365.25
        return ReportRegimeSummary(shares: shares, transitionsPerYear: Double(counts.values.reduce(0, +)) / years,
                                   thrashEventsPerYear: 0.4, transitions: transitions)
    }
}
