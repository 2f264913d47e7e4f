import Dispatch

/// One common date's inputs, as pushed into the ``StateStepper``.
package struct StateInputRow {
    package var portfolioReturn: Double
    package var equity: Double
    package var assetReturns: UnsafeBufferPointer<Double>
    /// Trend-unit returns re-indexed to this date (missing = NaN); ignored when trend is absent.
    package var trendUnitReturns: UnsafeBufferPointer<Double>?
    /// Sleeve returns re-indexed to this date; ignored when sleeves are absent.
    package var sleeveReturns: UnsafeBufferPointer<Double>?

    package init(portfolioReturn: Double, equity: Double, assetReturns: UnsafeBufferPointer<Double>,
                trendUnitReturns: UnsafeBufferPointer<Double>? = nil, sleeveReturns: UnsafeBufferPointer<Double>? = nil) {
        self.portfolioReturn = portfolioReturn
        self.equity = equity
        self.assetReturns = assetReturns
        self.trendUnitReturns = trendUnitReturns
        self.sleeveReturns = sleeveReturns
    }
}

/// The allocator state v1 computed one common date at a time.
///
/// This is the only implementation of the per-row arithmetic: the batch
/// computation feeds every common date through it, the incremental engine
/// feeds new dates as they arrive. Cost per row is independent of history
/// length (windows are fixed; nothing is recomputed over the past).
///
/// Per row `i` (windows over rows of the common dates):
/// - `port_rvol_w = std_{ddof=1}(ret[i−w+1…i]) · √252`, w = 20, 60
/// - `vol_accel = port_rvol_20d / port_rvol_60d`
/// - `dd_level = equity[i] / max(equity[0…i]) − 1` (running max skips missing)
/// - `dd_slope_10d = dd_level[i] − dd_level[i−10]`
/// - `corr_w` = ``AveragePairwiseCorrelation``, `corr_shock = corr_20d − corr_60d`
/// - optional ``TrendBreadth`` and ``SleeveConcentration``.
package struct StateStepper: Sendable {
    package let assetCount: Int
    package let trendColumnCount: Int?
    package let sleeveColumnCount: Int?

    var portfolio: SlidingColumns
    var drawdowns: SlidingColumns
    var assets: SlidingColumns
    var trend: SlidingColumns?
    var sleeves: SlidingColumns?
    var runningMaxEquity: Double = .nan
    var corrFast: AveragePairwiseCorrelation
    var corrSlow: AveragePairwiseCorrelation

    /// Rows pushed so far.
    package var rowCount: Int { portfolio.rowCount }

    /// Features this stepper produces, in contract order.
    package var features: [StateFeature] {
        switch (trendColumnCount != nil, sleeveColumnCount != nil) {
        case (false, false): return StateStepper.requiredFeatures
        case (true, false): return StateStepper.withTrend
        case (false, true): return StateStepper.withSleeves
        case (true, true): return StateStepper.allFeatures
        }
    }

    /// The four feature lists a stepper can produce, built once (a row per date must not allocate them).
    private static let requiredFeatures = StateFeature.required
    private static let withTrend = StateFeature.required + [.trendBreadth20d]
    private static let withSleeves = StateFeature.required + [.sleeveConcentration60d]
    private static let allFeatures = StateFeature.required + StateFeature.optional

    package init(assetCount: Int, trendColumnCount: Int?, sleeveColumnCount: Int?) {
        self.assetCount = assetCount
        self.trendColumnCount = trendColumnCount
        self.sleeveColumnCount = sleeveColumnCount
        portfolio = SlidingColumns(columnCount: 1, retain: StateLookbacks.rvolSlow)
        drawdowns = SlidingColumns(columnCount: 1, retain: StateLookbacks.ddSlope + 1)
        corrFast = AveragePairwiseCorrelation(window: StateLookbacks.corrFast, assetCount: assetCount)
        corrSlow = AveragePairwiseCorrelation(window: StateLookbacks.corrSlow, assetCount: assetCount)
        assets = SlidingColumns(columnCount: assetCount,
                                retain: max(corrFast.requiredHistory, corrSlow.requiredHistory) + StateStepper.maximumPendingRows)
        trend = trendColumnCount.map { SlidingColumns(columnCount: $0, retain: StateLookbacks.trendBreadth) }
        sleeves = sleeveColumnCount.map { SlidingColumns(columnCount: $0, retain: StateLookbacks.sleeveConcentration) }
    }

    /// Pushes the next common date and returns its feature row (in ``features`` order;
    /// NaN where a window is not yet full or an input is missing).
    mutating func push(_ input: StateInputRow) -> StateRow {
        var rows = [pushPending(input)]
        completeCorrelations(&rows)
        return rows[0]
    }

    /// Rows that may await ``completeCorrelations(_:)`` at once.
    package static let maximumPendingRows = 64

    /// Pushes the next common date and returns its feature row with the three
    /// correlation features still missing; ``completeCorrelations(_:)`` fills
    /// them for a run of such rows at once (both windows on their own threads).
    mutating func pushPending(_ input: StateInputRow) -> StateRow {
        precondition(input.assetReturns.count == assetCount)
        return pushPending(input, keepingAssets: true)
    }

    /// ``pushPending(_:)`` for the batch computation, whose correlations
    /// ``CorrelationSeries`` computes from the whole asset panel: the row's
    /// asset returns are not kept (`input.assetReturns` is ignored and may be
    /// empty). Only the last rows of the asset buffer outlive the batch (the
    /// engine's continuation, its snapshot); the caller hands them over at the
    /// end with ``keepAssetTail(of:)``.
    mutating func pushPendingWithoutAssets(_ input: StateInputRow) -> StateRow {
        pushPending(input, keepingAssets: false)
    }

    /// Fills the asset buffer, after rows were pushed by
    /// ``pushPendingWithoutAssets(_:)``, with the last rows of `columns` (the
    /// asset returns of every row pushed, column-major): the rows a stepper fed
    /// one row at a time retains, as a snapshot restores them.
    mutating func keepAssetTail(of columns: [[Double]]) {
        let n = rowCount, kept = min(rowCount, assets.retain)
        precondition(columns.count == assetCount && columns.allSatisfy { $0.count == n })
        assets = assets.restored(rowCount: n, tail: (n - kept..<n).map { r in columns.map { $0[r] } })
    }

    private mutating func pushPending(_ input: StateInputRow, keepingAssets: Bool) -> StateRow {
        let row = portfolio.rowCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 1) { one in
            one[0] = input.portfolioReturn
            portfolio.push(UnsafeBufferPointer(one))
        }
        if keepingAssets { assets.push(input.assetReturns) }
        if var t = trend, let values = input.trendUnitReturns { t.push(values); trend = t }
        if var s = sleeves, let values = input.sleeveReturns { s.push(values); sleeves = s }

        let rvolFast = realizedVolatility(at: row, window: StateLookbacks.rvolFast)
        let rvolSlow = realizedVolatility(at: row, window: StateLookbacks.rvolSlow)
        let ddLevel = drawdownLevel(equity: input.equity)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 1) { one in
            one[0] = ddLevel
            drawdowns.push(UnsafeBufferPointer(one))
        }
        let lag = StateLookbacks.ddSlope
        let ddSlope = row >= lag ? ddLevel - drawdowns.value(0, row - lag) : .nan
        var out = StateRow(features: features)
        out[.portRvol20d] = rvolFast
        out[.portRvol60d] = rvolSlow
        out[.volAccel] = rvolFast / rvolSlow
        out[.ddLevel] = ddLevel
        out[.ddSlope10d] = ddSlope
        if let t = trend { out[.trendBreadth20d] = TrendBreadth.value(at: row, window: StateLookbacks.trendBreadth, trend: t) }
        if let s = sleeves {
            out[.sleeveConcentration60d] = SleeveConcentration.value(at: row, window: StateLookbacks.sleeveConcentration, sleeves: s)
        }
        return out
    }

    private func realizedVolatility(at row: Int, window: Int) -> Double {
        guard row + 1 >= window else { return .nan }
        return Annualisation.volatility(standardDeviation: portfolio.withColumn(0, from: row - window + 1) {
            WindowStatistics.sampleStandardDeviation($0, count: window)
        })
    }

    /// `equity / running max − 1`; the running max starts at the first present equity.
    private mutating func drawdownLevel(equity: Double) -> Double {
        guard !equity.isNaN else { return .nan }
        if runningMaxEquity.isNaN || equity > runningMaxEquity { runningMaxEquity = equity }
        return equity / runningMaxEquity - 1
    }

    /// Assets above which the two windows are computed on two threads.
    static let concurrentCorrelationAssets = 48

    /// Fills `corr_20d`, `corr_60d` and `corr_shock` of the last `rows.count`
    /// rows pushed (at most ``maximumPendingRows``, from ``pushPending(_:)``).
    /// For wide universes each window runs on its own thread over all the rows
    /// (each kernel touches only its own state; the asset buffer is shared read-only).
    mutating func completeCorrelations(_ rows: inout [StateRow]) {
        precondition(rows.count <= StateStepper.maximumPendingRows)
        let first = rowCount - rows.count
        let n = rows.count
        let buffer = assets
        let results = ResultPair(count: n)
        if assetCount >= StateStepper.concurrentCorrelationAssets {
            withUnsafeMutablePointer(to: &corrFast) { fast in
                withUnsafeMutablePointer(to: &corrSlow) { slow in
                    let kernels = KernelPair(fast: fast, slow: slow)
                    DispatchQueue.concurrentPerform(iterations: 2) { k in
                        let kernel = k == 0 ? kernels.fast : kernels.slow
                        for i in 0..<n { results.values[k * n + i] = kernel.pointee.value(at: first + i, assets: buffer) }
                    }
                }
            }
        } else {
            for i in 0..<n {
                results.values[i] = corrFast.value(at: first + i, assets: buffer)
                results.values[n + i] = corrSlow.value(at: first + i, assets: buffer)
            }
        }
        for i in 0..<n { rows[i].setCorrelations(fast: results.values[i], slow: results.values[n + i]) }
    }
}

extension StateRow {
    /// `corr_20d`, `corr_60d` and `corr_shock = corr_20d − corr_60d`.
    mutating func setCorrelations(fast: Double, slow: Double) {
        self[.corr20d] = fast
        self[.corr60d] = slow
        self[.corrShock] = fast - slow
    }
}

/// Correlation results written by two threads into disjoint halves.
private final class ResultPair: @unchecked Sendable {
    let values: UnsafeMutablePointer<Double>
    init(count: Int) {
        values = .allocate(capacity: max(2 * count, 1))
        values.initialize(repeating: .nan, count: max(2 * count, 1))
    }
    deinit { values.deallocate() }
}

/// The two correlation kernels of one stepper, handed to two threads that
/// each touch only their own kernel.
private final class KernelPair: @unchecked Sendable {
    let fast: UnsafeMutablePointer<AveragePairwiseCorrelation>
    let slow: UnsafeMutablePointer<AveragePairwiseCorrelation>

    init(fast: UnsafeMutablePointer<AveragePairwiseCorrelation>, slow: UnsafeMutablePointer<AveragePairwiseCorrelation>) {
        self.fast = fast
        self.slow = slow
    }
}
