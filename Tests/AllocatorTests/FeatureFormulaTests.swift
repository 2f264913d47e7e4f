import Testing
@testable import Allocator

/// SPEC §2 feature by feature on inputs small enough to work out by hand.
/// Every expected number is a literal derived from the formula (the
/// arithmetic is in the comment), never from the engine or the naive reference.
@Suite struct FeatureFormulaTests {
    /// Absolute tolerance for literals that went through floating-point sums.
    static let tolerance = 1e-12

    static func close(_ value: Double, _ expected: Double) -> Bool { abs(value - expected) <= tolerance }

    // MARK: port_rvol_20d / port_rvol_60d / vol_accel / dd_level / dd_slope_10d (StateStepper)

    /// The feature rows of a stepper fed `returns` and `equity` (two all-zero
    /// assets; correlations are not computed), read by feature name.
    struct SteppedRows {
        var features: [StateFeature]
        var rows: [[Double]]

        init(returns: [Double], equity: [Double]) {
            precondition(returns.count == equity.count)
            var stepper = StateStepper(assetCount: 2, trendColumnCount: nil, sleeveColumnCount: nil)
            features = stepper.features
            let assets = [0.0, 0.0]
            rows = zip(returns, equity).map { r, e in
                assets.withUnsafeBufferPointer { stepper.pushPending(StateInputRow(portfolioReturn: r, equity: e, assetReturns: $0)).values }
            }
        }

        func value(_ feature: StateFeature, row: Int) -> Double { rows[row][features.firstIndex(of: feature)!] }
    }

    /// Returns k·0.001 for k = 1…60, flat equity.
    static let linearReturns = SteppedRows(returns: (1...60).map { Double($0) * 0.001 }, equity: Array(repeating: 1, count: 60))

    @Test func realisedVolatilityOfTwentyEquallySpacedReturns() {
        // Any 20 consecutive k·0.001: Σ(k − k̄)² = 20·(20² − 1)/12 = 665, so
        // var = 665e-6 / 19 = 35e-6 and rvol = √(35e-6 · 252) = √0.00882.
        let rows = Self.linearReturns
        #expect(Self.close(rows.value(.portRvol20d, row: 19), 0.09391485505499117))
        #expect(Self.close(rows.value(.portRvol20d, row: 59), 0.09391485505499117))
        #expect(rows.value(.portRvol20d, row: 18).isNaN, "window of 20 not full at row 18")
    }

    @Test func realisedVolatilityOfSixtyEquallySpacedReturnsAndVolAccel() {
        // k = 1…60: Σ(k − k̄)² = 60·(60² − 1)/12 = 17995, var = 17995e-6 / 59 = 305e-6,
        // rvol_60 = √(305e-6 · 252) = √0.07686; vol_accel = √(35/305) = √(7/61).
        let rows = Self.linearReturns
        #expect(Self.close(rows.value(.portRvol60d, row: 59), 0.2772363612515501))
        #expect(Self.close(rows.value(.volAccel, row: 59), 0.3387537429470791))
        #expect(rows.value(.portRvol60d, row: 58).isNaN, "window of 60 not full at row 58")
        #expect(rows.value(.volAccel, row: 58).isNaN)
    }

    @Test func realisedVolatilityIsMissingWhileAMissingReturnIsInTheWindow() {
        var returns = (1...80).map { Double($0) * 0.001 }
        returns[10] = .nan
        let rows = SteppedRows(returns: returns, equity: Array(repeating: 1, count: 80))
        // The 20-row windows ending at rows 10…29 hold row 10; row 30's does not.
        #expect((10...29).allSatisfy { rows.value(.portRvol20d, row: $0).isNaN })
        #expect(Self.close(rows.value(.portRvol20d, row: 30), 0.09391485505499117))
        // The 60-row windows ending at rows 59…69 hold row 10; row 70's (rows 11…70) does not.
        #expect((59...69).allSatisfy { rows.value(.portRvol60d, row: $0).isNaN })
        #expect(Self.close(rows.value(.portRvol60d, row: 70), 0.2772363612515501))
    }

    @Test func constantReturnsHaveZeroVolatilityAndUndefinedVolAccel() {
        // pandas reports exactly 0 for a run of identical values; vol_accel = 0/0.
        let rows = SteppedRows(returns: Array(repeating: 0.003, count: 60), equity: Array(repeating: 1, count: 60))
        #expect(rows.value(.portRvol20d, row: 59) == 0)
        #expect(rows.value(.portRvol60d, row: 59) == 0)
        #expect(rows.value(.volAccel, row: 59).isNaN)
    }

    @Test func drawdownLevelAndTenRowSlope() {
        // equity 1, 1.25, then 1 (nine times), then 0.5; running max 1, 1.25, 1.25…
        // dd_level = 0, 0, 1/1.25 − 1 = −0.2 (rows 2…10), 0.5/1.25 − 1 = −0.6 (row 11).
        // dd_slope_10d = dd[10] − dd[0] = −0.2 and dd[11] − dd[1] = −0.6; missing before row 10.
        let equity = [1, 1.25] + Array(repeating: 1.0, count: 9) + [0.5]
        let rows = SteppedRows(returns: Array(repeating: 0, count: 12), equity: equity)
        let levels = (0..<12).map { rows.value(.ddLevel, row: $0) }
        #expect(levels[0] == 0 && levels[1] == 0)
        #expect((2...10).allSatisfy { Self.close(levels[$0], -0.2) })
        #expect(Self.close(levels[11], -0.6))
        #expect((0...9).allSatisfy { rows.value(.ddSlope10d, row: $0).isNaN })
        #expect(Self.close(rows.value(.ddSlope10d, row: 10), -0.2))
        #expect(Self.close(rows.value(.ddSlope10d, row: 11), -0.6))
    }

    @Test func drawdownRunningMaxSkipsMissingEquity() {
        // equity NaN, 2, NaN, 1, 3, 1.5: the running max starts at the first present
        // value (2) and ignores the gap; dd = NaN, 0, NaN, 1/2 − 1, 0, 1.5/3 − 1.
        let rows = SteppedRows(returns: Array(repeating: 0, count: 6), equity: [.nan, 2, .nan, 1, 3, 1.5])
        let levels = (0..<6).map { rows.value(.ddLevel, row: $0) }
        #expect(levels[0].isNaN && levels[2].isNaN)
        #expect(levels[1] == 0 && levels[4] == 0)
        #expect(levels[3] == -0.5 && levels[5] == -0.5)
    }

    @Test func drawdownSlopeIsMissingWhenTheEarlierLevelIsMissing() {
        // dd[0] is missing (no equity), so dd_slope_10d at row 10 = dd[10] − NaN.
        let equity = [.nan] + Array(repeating: 1.0, count: 11)
        let rows = SteppedRows(returns: Array(repeating: 0, count: 12), equity: equity)
        #expect(rows.value(.ddSlope10d, row: 10).isNaN)
        #expect(rows.value(.ddSlope10d, row: 11) == 0, "dd[11] − dd[1] = 0 − 0")
    }

    // MARK: corr_20d / corr_60d (AveragePairwiseCorrelation)

    /// The kernel's average pairwise correlation of the `window`-row window
    /// ending at `row` of `columns` (column-major).
    static func averageCorrelation(_ columns: [[Double]], window: Int = 20, row: Int? = nil) -> Double {
        var kernel = AveragePairwiseCorrelation(window: window, assetCount: columns.count)
        return kernel.value(at: row ?? columns[0].count - 1, assets: SlidingColumns(columns: columns))
    }

    static let t = (0..<20).map(Double.init)

    @Test func perfectlyLinearColumnsAverageTheirSignedPairs() {
        // A = t, B = 2t + 1, C = −t: r(A,B) = 1, r(A,C) = −1, r(B,C) = −1; mean −1/3.
        let value = Self.averageCorrelation([Self.t, Self.t.map { 2 * $0 + 1 }, Self.t.map { -$0 }])
        #expect(Self.close(value, -1.0 / 3))
    }

    @Test func alternatingColumnAgainstATrend() {
        // A = t (t = 0…19), C = (−1)^t: Ā = 9.5, C̄ = 0, Σ(A − Ā)·C = Σ t(−1)^t = −10,
        // Σ(A − Ā)² = 665, ΣC² = 20, so r = −10 / √(665·20) = −10/√13300.
        let c = Self.t.map { Int($0) % 2 == 0 ? 1.0 : -1.0 }
        #expect(Self.close(Self.averageCorrelation([Self.t, c]), -0.08671099695241200))
    }

    @Test func pairsUseTheRowsWhereBothArePresent() {
        // A = t, B = t² missing on rows 0…4, C = (−1)^t.
        // Pairwise-complete (python3, centred two-pass over the shared rows):
        //   r(A,B) over rows 5…19 = 0.9874508840402287
        //   r(A,C) over rows 0…19 = −10/√13300 = −0.086710996952412
        //   r(B,C) over rows 5…19 = −0.023754376404673302
        // mean = 0.29232850356104784. (Dropping rows 0…4 for every pair,
        // listwise, would give 0.3212321692118518 instead.)
        let b = Self.t.map { $0 < 5 ? .nan : $0 * $0 }
        let c = Self.t.map { Int($0) % 2 == 0 ? 1.0 : -1.0 }
        #expect(Self.close(Self.averageCorrelation([Self.t, b, c]), 0.29232850356104784))
    }

    @Test func aPairWithoutSharedRowsIsLeftOutOfTheMean() {
        // A = t everywhere, B = t on rows 0…9 only, C = t on rows 10…19 only:
        // r(A,B) = 1, r(A,C) = 1, (B,C) share no row → undefined, not 0: mean 2/2 = 1.
        let b = Self.t.map { $0 < 10 ? $0 : .nan }, c = Self.t.map { $0 >= 10 ? $0 : .nan }
        #expect(Self.close(Self.averageCorrelation([Self.t, b, c]), 1))
    }

    @Test func columnsWithStdAtOrBelowTheThresholdAreDropped() {
        // A = t, B = −t (r = −1). D = 1e-12·t has std 1e-12·√35 ≈ 5.9e-12 ≤ 1e-10:
        // dropped, mean −1. D = 1e-9·t has std ≈ 5.9e-9 > 1e-10: kept, and
        // r(A,D) = 1, r(B,D) = −1, so the mean is (−1 + 1 − 1)/3 = −1/3.
        let a = Self.t, b = Self.t.map { -$0 }
        #expect(Self.close(Self.averageCorrelation([a, b, Self.t.map { 1e-12 * $0 }]), -1))
        #expect(Self.close(Self.averageCorrelation([a, b, Self.t.map { 1e-9 * $0 }]), -1.0 / 3))
    }

    @Test func columnsWithFewerThanTwoPresentValuesAreDropped() {
        // C is present on row 3 only: dropped; the mean is r(A,B) = r(t, −t) = −1.
        let c = Self.t.map { $0 == 3 ? 0.5 : .nan }
        #expect(Self.close(Self.averageCorrelation([Self.t, Self.t.map { -$0 }, c]), -1))
    }

    @Test func fewerThanTwoKeptColumnsIsMissing() {
        let constant = Array(repeating: 0.5, count: 20)
        #expect(Self.averageCorrelation([Self.t, constant]).isNaN, "constant column dropped: one kept")
        #expect(Self.averageCorrelation([Self.t]).isNaN, "one asset")
        #expect(Self.averageCorrelation([Array(repeating: .nan, count: 20), Array(repeating: .nan, count: 20)]).isNaN,
                "all-missing window")
        #expect(Self.averageCorrelation([Self.t, Self.t.map { -$0 }], row: 18).isNaN, "window not full")
    }

    @Test func sixtyRowWindowAndCorrShockThroughTheStepper() {
        // A = 0.01·(−1)^t for t = 0…59; B = −A on rows 0…39 and B = A on rows 40…59.
        // corr_20d at row 59 (rows 40…59): B = A → 1.
        // corr_60d: both means are 0, ΣAB = (−40 + 20)·1e-4, ΣA² = ΣB² = 60·1e-4 → −20/60 = −1/3.
        // corr_shock = 1 − (−1/3) = 4/3.
        let a = (0..<60).map { $0 % 2 == 0 ? 0.01 : -0.01 }
        let b = (0..<60).map { $0 < 40 ? -a[$0] : a[$0] }
        var stepper = StateStepper(assetCount: 2, trendColumnCount: nil, sleeveColumnCount: nil)
        var last: [Double] = []
        for r in 0..<60 {
            let row = [a[r], b[r]]
            last = row.withUnsafeBufferPointer { stepper.push(StateInputRow(portfolioReturn: 0, equity: 1, assetReturns: $0)).values }
        }
        func value(_ f: StateFeature) -> Double { last[stepper.features.firstIndex(of: f)!] }
        #expect(Self.close(value(.corr20d), 1))
        #expect(Self.close(value(.corr60d), -1.0 / 3))
        #expect(Self.close(value(.corrShock), 4.0 / 3))
    }

    // MARK: trend_breadth_20d (TrendBreadth)

    @Test func trendBreadthCountsPositiveWindowSumsOverAllColumns() {
        // 21 rows; the window at row 20 is rows 1…20 (row 0 is outside it).
        //   c0: −100 on row 0, then +0.001 → Σ = 0.02 > 0      positive
        //   c1: −0.001 everywhere            → Σ = −0.02         not positive
        //   c2: +0.01 with row 10 missing    → missing           not positive
        //   c3: 0 everywhere                 → Σ = 0 (not > 0)   not positive
        //   c4: missing everywhere           → missing           not positive, still counted
        //   c5: −0.05 on row 1, +0.003 after → Σ = 0.007 > 0     positive
        // breadth = 2 / 6.
        let n = 21
        var c0 = Array(repeating: 0.001, count: n); c0[0] = -100
        var c2 = Array(repeating: 0.01, count: n); c2[10] = .nan
        var c5 = Array(repeating: 0.003, count: n); c5[1] = -0.05
        let trend = SlidingColumns(columns: [c0, Array(repeating: -0.001, count: n), c2, Array(repeating: 0, count: n),
                                             Array(repeating: .nan, count: n), c5])
        #expect(Self.close(TrendBreadth.value(at: 20, window: 20, trend: trend), 2.0 / 6))
    }

    @Test func trendBreadthIsZeroWhileTheWindowIsNotFull() {
        // Every window sum is missing before row 19, so no column is positive: 0 / 2.
        let trend = SlidingColumns(columns: [Array(repeating: 0.01, count: 19), Array(repeating: 0.01, count: 19)])
        #expect(TrendBreadth.value(at: 18, window: 20, trend: trend) == 0)
    }

    @Test func trendBreadthWithInfiniteReturns() {
        // c0 holds +∞ → Σ = +∞ > 0, positive; c1 holds +∞ and −∞ → Σ = NaN, not positive;
        // c2 holds −∞ → Σ = −∞, not positive. breadth = 1/3.
        var c0 = Array(repeating: 0.0, count: 20); c0[4] = .infinity
        var c1 = Array(repeating: 0.0, count: 20); c1[4] = .infinity; c1[5] = -.infinity
        var c2 = Array(repeating: 0.01, count: 20); c2[7] = -.infinity
        #expect(Self.close(TrendBreadth.value(at: 19, window: 20, trend: SlidingColumns(columns: [c0, c1, c2])), 1.0 / 3))
    }

    // MARK: sleeve_concentration_60d (SleeveConcentration)

    @Test func herfindahlOfAbsoluteSleeveSums() {
        // 61 rows; the window at row 60 is rows 1…60 (row 0 is outside it).
        //   s0: 5 on row 0, +0.01 after   → a = |0.6| = 0.6
        //   s1: −0.005 everywhere         → a = |−0.3| = 0.3
        //   s2: 0.1 on row 30, 0 else     → a = 0.1
        //   s3: 1 everywhere, row 45 gone → sum undefined: left out
        // Σa = 1, H = 0.6² + 0.3² + 0.1² = 0.36 + 0.09 + 0.01 = 0.46.
        let n = 61
        var s0 = Array(repeating: 0.01, count: n); s0[0] = 5
        var s2 = Array(repeating: 0.0, count: n); s2[30] = 0.1
        var s3 = Array(repeating: 1.0, count: n); s3[45] = .nan
        let sleeves = SlidingColumns(columns: [s0, Array(repeating: -0.005, count: n), s2, s3])
        #expect(Self.close(SleeveConcentration.value(at: 60, window: 60, sleeves: sleeves), 0.46))
    }

    @Test func herfindahlOfOneDefinedSleeveIsOne() {
        // Only s0 has a defined sum (a = 0.6): H = (0.6/0.6)² = 1.
        var s1 = Array(repeating: 0.01, count: 60); s1[0] = .nan
        let sleeves = SlidingColumns(columns: [Array(repeating: 0.01, count: 60), s1])
        #expect(SleeveConcentration.value(at: 59, window: 60, sleeves: sleeves) == 1)
    }

    @Test func herfindahlIsZeroWhenEverySumIsZeroOrUndefined() {
        let zeros = Array(repeating: 0.0, count: 60)
        var gapped = Array(repeating: 0.01, count: 60); gapped[7] = .nan
        // All sums 0 → H = 0.
        #expect(SleeveConcentration.value(at: 59, window: 60, sleeves: SlidingColumns(columns: [zeros, zeros])) == 0)
        // No sum defined → H = 0.
        #expect(SleeveConcentration.value(at: 59, window: 60, sleeves: SlidingColumns(columns: [gapped, gapped])) == 0)
        // Zero and undefined together → H = 0.
        #expect(SleeveConcentration.value(at: 59, window: 60, sleeves: SlidingColumns(columns: [zeros, gapped])) == 0)
        // Window not full: no sum is defined → H = 0.
        let short = SlidingColumns(columns: [Array(repeating: 0.01, count: 59), Array(repeating: 0.02, count: 59)])
        #expect(SleeveConcentration.value(at: 58, window: 60, sleeves: short) == 0)
    }
}
