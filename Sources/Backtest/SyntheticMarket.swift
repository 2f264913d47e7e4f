import Allocator
import TimeSeries

/// A deterministic synthetic futures market: daily simple returns of equity
/// indices, rates, FX and commodities, driven by a global factor, one factor
/// per class and idiosyncratic noise, with calm / stressed / crisis spells
/// (``MarketSpellChain``) that raise volatility and correlation together.
///
/// Model, per business day `t` and asset `i` of class `k`:
/// - spell `s(t)` from the Markov chain; global factor `g ~ N(−drift(s), 1)`;
///   class factors `f_k ~ N(0, 1)`; noise `ε_i ~ N(0, 1)`;
/// - `z_i = c(s)·b_i·g + ρ_k·f_k + √(1 − (c(s)·b_i)² − ρ_k²)·ε_i`;
/// - a persistent drift `μ_i(t) = φ·μ_i(t−1) + √(1−φ²)·0.04/252·η`, `φ = 0.996`
///   (trends for the momentum sleeves to find), plus the class drift / 252;
/// - latent return `σ_i/√252 · volMultiplier(s) · z_i + μ_i(t)`.
///
/// Rows are the business days (Mon–Fri) on which at least one class trades.
/// On a class holiday the cell is missing and the next observed return
/// carries the compounded move since the last observation (as real closes
/// do). Some assets start late: their cells are missing before their start.
/// Everything derives from the seed; no system randomness.
package struct SyntheticMarket: Sendable {
    /// Simple returns, one column per asset.
    package var returns: Panel
    /// The asset class of each column.
    package var classes: [AssetClass]
    /// The spell of each row.
    package var spells: [MarketSpell]

    /// Size and seed of the market `allocator demo` (and `--synthetic`) uses.
    package static let demoAssets = 40
    package static let demoYears = 15
    package static let demoSeed: UInt64 = 7

    /// First business day of a market when none is given: 2000-01-03.
    package static let defaultStart = TradingDate(year: 2000, month: 1, day: 3)!

    /// Generates `assets` assets over `years` years of business days from `start`.
    package static func generate(assets: Int, years: Int, seed: UInt64,
                                start: TradingDate = defaultStart) throws(BacktestError) -> SyntheticMarket {
        guard assets >= 1 else { throw .invalidArgument("--assets must be at least 1 (got \(assets))") }
        guard (1...200).contains(years) else { throw .invalidArgument("--years must be between 1 and 200 (got \(years))") }
        var rng = RandomSource(seed: seed)
        let classes = classAssignment(assets)
        let names = assetNames(classes)
        let calendars = AssetClass.allCases.map(\.holidays)
        let days = businessDays(from: start, years: years, calendars: calendars)

        // Per-asset parameters.
        let vol = classes.map { $0.annualVol * (0.75 + 0.5 * rng.uniform()) / Annualisation.squareRootOfTradingDays }
        let loading = classes.map { $0.globalLoading * (0.8 + 0.4 * rng.uniform()) }
        let startRow = lateStarts(assets: assets, rows: days.count, rng: &rng)

        let persistence = 0.996
        let driftShock = (1 - persistence * persistence).squareRoot() * 0.04 / Annualisation.tradingDaysPerYear
        var trend = [Double](repeating: 0, count: assets)
        var pendingGrowth = [Double](repeating: 1, count: assets)
        var listed = startRow.map { $0 == 0 }
        var columns = [[Double]](repeating: [Double](repeating: .nan, count: days.count), count: assets)
        var spells = [MarketSpell](repeating: .calm, count: days.count)
        var classFactor = [Double](repeating: 0, count: AssetClass.allCases.count)
        let chain = MarketSpellChain()
        var spell = MarketSpell.calm

        for (t, day) in days.enumerated() {
            if t > 0 { spell = chain.next(after: spell, uniform: rng.uniform()) }
            spells[t] = spell
            let g = rng.normal() - spell.globalDrift
            for k in classFactor.indices { classFactor[k] = rng.normal() }
            let c = spell.globalCorrelation
            for i in 0..<assets {
                let k = classes[i]
                let rhoK = k.classCorrelation
                let globalPart = c * loading[i]
                let idio = max(0.05, 1 - globalPart * globalPart - rhoK * rhoK).squareRoot()
                let z = globalPart * g + rhoK * classFactor[classIndex(k)] + idio * rng.normal()
                trend[i] = persistence * trend[i] + driftShock * rng.normal()
                let latent = vol[i] * spell.volMultiplier * z + trend[i] + k.annualDrift / Annualisation.tradingDaysPerYear
                guard t >= startRow[i] else { continue }
                let open = !day.closed[classIndex(k)]
                if listed[i] {
                    pendingGrowth[i] *= 1 + latent
                    if open {
                        columns[i][t] = pendingGrowth[i] - 1
                        pendingGrowth[i] = 1
                    }
                } else if open {
                    listed[i] = true // first close: no return yet
                }
            }
        }
        let panel = Panel(dates: days.map(\.date), names: names, columns: columns)
        return SyntheticMarket(returns: panel, classes: classes, spells: spells)
    }

    /// Class of each asset: contiguous blocks sized by ``AssetClass/share``,
    /// every class present once there are at least four assets.
    static func classAssignment(_ n: Int) -> [AssetClass] {
        let all = AssetClass.allCases
        if n < all.count { return Array(all.prefix(n)) }
        var counts = all.map { max(1, Int(($0.share * Double(n)).rounded(.down))) }
        var k = 0
        while counts.reduce(0, +) < n { counts[k % all.count] += 1; k += 1 }
        while counts.reduce(0, +) > n, let big = counts.indices.max(by: { counts[$0] < counts[$1] }) { counts[big] -= 1 }
        return zip(all, counts).flatMap { Array(repeating: $0, count: $1) }
    }

    /// Names like `EQ01`, `RT01`, `FX01`, `CM01` (numbered within the class).
    static func assetNames(_ classes: [AssetClass]) -> [String] {
        var seen: [AssetClass: Int] = [:]
        let width = classes.count >= 100 ? 3 : 2
        return classes.map { k in
            let n = (seen[k] ?? 0) + 1
            seen[k] = n
            let digits = String(n)
            return k.rawValue + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }

    private static func classIndex(_ k: AssetClass) -> Int {
        switch k {
        case .equityIndex: return 0
        case .rates: return 1
        case .fx: return 2
        case .commodity: return 3
        }
    }

    /// One business day and which classes are closed on it.
    struct BusinessDay {
        var date: TradingDate
        var closed: [Bool]
    }

    /// Mon–Fri days in `[start, start + years)` on which at least one class trades.
    static func businessDays(from start: TradingDate, years: Int, calendars: [HolidayCalendar]) -> [BusinessDay] {
        let (y, m, d) = start.components
        let end = TradingDate(year: y + years, month: m, day: min(d, 28))!
        var out: [BusinessDay] = []
        out.reserveCapacity(start.days(to: end) * 5 / 7 + 1)
        var day = start
        while day < end {
            if day.isoWeekday <= 5 {
                let closed = calendars.map { $0.isHoliday(day) }
                if closed.contains(false) { out.append(BusinessDay(date: day, closed: closed)) }
            }
            day = day.adding(days: 1)
        }
        return out
    }

    /// Start row of each asset: 0 for most; about one in eight (at least one
    /// when there are four or more assets) lists within the first 40 % of the rows.
    static func lateStarts(assets: Int, rows: Int, rng: inout RandomSource) -> [Int] {
        var start = [Int](repeating: 0, count: assets)
        guard assets >= 4, rows > 10 else { return start }
        let lateCount = max(1, assets / 8)
        for j in 0..<lateCount {
            let i = (j * 8 + 3) % assets
            start[i] = 1 + rng.integer(below: max(1, rows * 2 / 5))
        }
        return start
    }
}

extension SyntheticMarket {
    /// Closes implied by the returns, starting at 100: `P(t) = P(prev)·(1 + r(t))`
    /// where `r(t)` is present; missing where the return is missing.
    package func closes() -> Panel {
        let columns = returns.columns.map { column -> [Double] in
            var level = 100.0
            return column.map { r in
                guard !r.isNaN else { return .nan }
                level *= 1 + r
                return level
            }
        }
        return Panel(dates: returns.dates, names: returns.names, columns: columns)
    }
}
