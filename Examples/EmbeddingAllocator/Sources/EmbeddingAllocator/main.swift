#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Allocator
import TimeSeries

// 1. Inputs in memory: 600 business days of a four-asset portfolio whose
//    volatility and correlation jump halfway through (a stress episode).
var generator = LinearCongruential(seed: 42)
var dates: [TradingDate] = []
var day = TradingDate(year: 2021, month: 1, day: 4)!
while dates.count < 600 {
    if day.isoWeekday <= 5 { dates.append(day) }
    day = day.adding(days: 1)
}
let assetNames = ["equities", "bonds", "gold", "crude"]
var assetColumns = Array(repeating: [Double](), count: assetNames.count)
var portfolio: [Double] = []
var equity: [Double] = []
var value = 1.0
for t in dates.indices {
    let stressed = t >= 350 && t < 420
    let volatility = stressed ? 0.025 : 0.008
    let common = generator.normal()
    var sum = 0.0
    for a in assetNames.indices {
        let loading = stressed ? 0.9 : 0.2
        let r = volatility * (loading * common + (1 - loading) * generator.normal()) - (stressed ? 0.0015 : -0.0006)
        assetColumns[a].append(r)
        sum += r / Double(assetNames.count)
    }
    portfolio.append(sum)
    value *= 1 + sum
    equity.append(value)
}
let fridays = dates.filter { $0.isoWeekday == 5 }

let inputs = AllocatorInputs(
    portfolioReturns: Series(dates: dates, values: portfolio),
    equityCurve: Series(dates: dates, values: equity),
    assetReturns: Panel(dates: dates, names: assetNames, columns: assetColumns),
    rebalanceDates: fridays)

// 2. The front door: state → regimes → risk scalars → applied scalars. No file is touched.
do {
    let allocator = try RiskAllocator(configuration: AllocatorConfig())
    let result = try allocator.run(inputs)

    let metadata = result.metadata
    print("Features present: \(metadata.featuresPresent.map { $0.rawValue }.joined(separator: ", "))")
    print("Features missing: \(metadata.featuresMissing.map { $0.rawValue }.joined(separator: ", "))")
    print("Rows requested / valid / dropped: \(metadata.accounting.rowsRequested) / \(metadata.accounting.rowsValid) / \(metadata.accounting.rowsDropped)")
    for warning in result.warnings { print("Warning: \(warning)") }

    var days: [Regime: Int] = [:]
    for regime in result.regimes.regimes { days[regime, default: 0] += 1 }
    print("Days per regime: " + Regime.allCases.map { "\($0.label) \(days[$0] ?? 0)" }.joined(separator: ", "))
    if let lowest = result.risk.scalars.indices.min(by: { result.risk.scalars[$0] < result.risk.scalars[$1] }) {
        print("Lowest risk scalar: \(result.risk.scalars[lowest]) on \(result.risk.dates[lowest]) (\(result.regimes.regimes[lowest].label))")
    }
    if let applied = result.applied {
        let cut = applied.values.filter { $0 < 1 }.count
        print("Applied at \(applied.values.count) rebalances (1-rebalance lag): \(cut) scaled below 1.0")
    }

    // 3. Each layer also stands alone, e.g. a more tail-only profile on the same state.
    var settings = RiskSettings()
    settings.profile = .high
    let tailOnly = try RiskAllocator(configuration: AllocatorConfig(risk: settings))
    let risk = tailOnly.transform(try tailOnly.classify(result.state))
    print("Profile H mean scalar: \(risk.scalars.reduce(0, +) / Double(risk.scalars.count))")
} catch {
    print("Allocator refused the inputs: \(error)")
}

/// A small deterministic generator for the example's data (Knuth's MMIX LCG, Box–Muller normals).
struct LinearCongruential {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    mutating func normal() -> Double {
        let u = uniform(), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
