import Allocator
import Audit
import Foundation
import Testing
import TimeSeries

/// SPEC §9 pass metrics on literal curves, and every degenerate input.
@Suite struct PassMetricsTests {
    static func date(_ s: String) -> TradingDate { TradingDate(s)! }
    static func curve(_ pairs: [(String, Double)]) -> Series {
        Series(dates: pairs.map { date($0.0) }, values: pairs.map(\.1))
    }

    @Test func literalCurveFollowsTheFormulas() {
        let e = Self.curve([("2021-01-29", 1.0), ("2021-02-01", 1.1), ("2021-02-26", 0.99), ("2021-04-01", 1.089)])
        let m = PassMetrics(equity: e)
        let r = [0.1, 0.99 / 1.1 - 1, 1.089 / 0.99 - 1]
        let mean = (r[0] + r[1] + r[2]) / 3
        let std = ((r.map { (mean - $0) * (mean - $0) }.reduce(0, +)) / 3).squareRoot()
        let years = Double(Self.date("2021-01-29").days(to: Self.date("2021-04-01"))) / 365.25
        #expect(abs(m.cagr - (pow(1.089, 1 / years) - 1)) < 1e-15)
        #expect(abs(m.annualisedVolatility - std * 252.0.squareRoot()) < 1e-15)
        #expect(abs(m.sharpe - mean * 252 / (std * 252.0.squareRoot())) < 1e-14)
        #expect(abs(m.maxDrawdown - (0.99 / 1.1 - 1)) < 1e-15)
        // February holds r[0] (dated 02-01) and r[1]; March is empty (0.0); April holds r[2].
        #expect(m.worstMonth == PeriodReturn(date: Self.date("2021-02-28"), value: (1 + r[0]) * (1 + r[1]) - 1))
        // Q1: r[0], r[1]; Q2: r[2] > 0.
        #expect(m.worstQuarter == PeriodReturn(date: Self.date("2021-03-31"), value: (1 + r[0]) * (1 + r[1]) - 1))
        #expect(m.start == Self.date("2021-01-29") && m.end == Self.date("2021-04-01") && m.dayCount == 4)
    }

    @Test func anEmptyPeriodBetweenReturnsCompoundsToZeroAndCanBeTheWorst() {
        let e = Self.curve([("2021-01-04", 1.0), ("2021-01-05", 1.01), ("2021-03-01", 1.02)])
        #expect(PassMetrics(equity: e).worstMonth == PeriodReturn(date: Self.date("2021-02-28"), value: 0.0))
    }

    @Test func missingEquityIsForwardFilledForReturnsLikePandas() {
        let e = Self.curve([("2021-01-04", .nan), ("2021-01-05", 1.0), ("2021-01-06", .nan), ("2021-01-07", 1.1)])
        let m = PassMetrics(equity: e)
        // returns: 01-06 → 0 (filled), 01-07 → 0.1; the leading row has none.
        let r = [0.0, 1.1 / 1.0 - 1]
        let mean = (r[0] + r[1]) / 2
        #expect(abs(m.annualisedVolatility - abs(r[1] - mean) * 252.0.squareRoot()) < 1e-15)
        #expect(m.maxDrawdown == 0)
        #expect(m.cagr.isNaN) // E_first is missing
        #expect(m.dayCount == 4)
    }

    @Test func degenerateInputsGiveNaNNotACrash() {
        let empty = PassMetrics(equity: Series(dates: [], values: []))
        #expect(empty.cagr.isNaN && empty.annualisedVolatility.isNaN && empty.sharpe.isNaN && empty.maxDrawdown.isNaN)
        #expect(empty.worstMonth == nil && empty.start == nil && empty.dayCount == 0)

        let one = PassMetrics(equity: Self.curve([("2021-01-04", 1.0)]))
        #expect(one.cagr.isNaN && one.annualisedVolatility.isNaN && one.sharpe.isNaN)
        #expect(one.maxDrawdown == 0 && one.worstQuarter == nil && one.dayCount == 1)

        let flat = PassMetrics(equity: Self.curve([("2021-01-04", 1.0), ("2021-01-05", 1.0), ("2021-01-06", 1.0)]))
        #expect(flat.annualisedVolatility == 0 && flat.sharpe.isNaN && flat.cagr == 0)

        let allMissing = PassMetrics(equity: Self.curve([("2021-01-04", .nan), ("2021-01-05", .nan)]))
        #expect(allMissing.maxDrawdown.isNaN && allMissing.worstMonth == nil && allMissing.sharpe.isNaN)

        for bad in [Double.infinity, -Double.infinity, 0.0, -1.0] {
            let m = PassMetrics(equity: Self.curve([("2021-01-04", 1.0), ("2021-01-05", bad), ("2021-02-05", 1.0)]))
            let json = PassSummary(equity: Self.curve([("2021-01-04", 1.0), ("2021-01-05", bad)]), usedScalars: nil).json()
            _ = m.sharpe
            #expect(!json.serialized().contains("NaN") && !json.serialized().contains("Infinity"))
        }
    }

    @Test func nanBecomesNullInJSON() throws {
        let summary = PassSummary(equity: Self.curve([("2021-01-04", 1.0)]), usedScalars: nil)
        let json = summary.json()
        #expect(json["cagr"] == .null && json["sharpe"] == .null && json["ann_vol"] == .null)
        #expect(json["worst_month"] == .object([("date", .null), ("return", .null)]))
        #expect(json["scalars"] == .object([("available", .bool(false))]))
        #expect(json["n_days"] == .int(1))
        let delta = MetricDelta(baseline: summary.metrics, scaled: summary.metrics).json()
        #expect(delta["sharpe_delta"] == .null)
    }

    @Test func markdownWritesNAForMissing() {
        let s = PassSummary(equity: Self.curve([("2021-01-04", 1.0)]), usedScalars: nil)
        let md = TwoPassComparison(baselineRunId: "b", scaledRunId: "s", baseline: s, scaled: s).markdown()
        #expect(md.contains("| CAGR | NA | NA | NA |"))
        #expect(md.contains("| Worst Month | NA (NA) | NA (NA) | NA |"))
        #expect(md.contains("- Scalars not available (missing `allocator_risk_v1_applied_used.csv`)."))
    }

    @Test func scalarUsageStatistics() {
        #expect(!ScalarUsage(used: nil).available)
        #expect(!ScalarUsage(used: []).available)
        let u = ScalarUsage(used: [1.0, 0.5, 0.9999995, 0.8])
        #expect(u.available && u.rebalanceCount == 4)
        #expect(u.fractionScaled == 0.5) // 0.9999995 is not below 0.999999
        #expect(u.min == 0.5 && u.max == 1.0)
        #expect(abs(u.mean - (1.0 + 0.5 + 0.9999995 + 0.8) / 4) < 1e-15)
        // linear quantile: sorted [0.5, 0.8, 0.9999995, 1.0], h = 3q.
        #expect(abs(u.p50 - (0.8 + 0.9999995) / 2) < 1e-15)
        #expect(abs(u.p05 - (0.5 + 0.3 * 0.15)) < 1e-15)
        let withMissing = ScalarUsage(used: [0.5, .nan, 1.0])
        #expect(withMissing.rebalanceCount == 3 && withMissing.mean == 0.75 && withMissing.p50.isNaN)
        #expect(withMissing.fractionScaled == 1.0 / 3.0)
        #expect(withMissing.json()["p50"] == .null)
        let allMissing = ScalarUsage(used: [.nan])
        #expect(allMissing.available && allMissing.mean.isNaN && allMissing.min.isNaN)
    }
}
