/// One common date's inputs, as pushed into the ``StateStepper``.
public struct StateInputRow {
    public var portfolioReturn: Double
    public var equity: Double
    public var assetReturns: UnsafeBufferPointer<Double>
    /// Trend-unit returns re-indexed to this date (missing = NaN); ignored when trend is absent.
    public var trendUnitReturns: UnsafeBufferPointer<Double>?
    /// Sleeve returns re-indexed to this date; ignored when sleeves are absent.
    public var sleeveReturns: UnsafeBufferPointer<Double>?

    public init(portfolioReturn: Double, equity: Double, assetReturns: UnsafeBufferPointer<Double>,
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
public struct StateStepper: Sendable {
    public let assetCount: Int
    public let trendColumnCount: Int?
    public let sleeveColumnCount: Int?

    var portfolio: SlidingColumns
    var drawdowns: SlidingColumns
    var assets: SlidingColumns
    var trend: SlidingColumns?
    var sleeves: SlidingColumns?
    var runningMaxEquity: Double = .nan
    var corrFast: AveragePairwiseCorrelation
    var corrSlow: AveragePairwiseCorrelation

    /// Rows pushed so far.
    public var rowCount: Int { portfolio.rowCount }

    /// Features this stepper produces, in contract order.
    public var features: [StateFeature] {
        var f = StateFeature.required
        if trendColumnCount != nil { f.append(.trendBreadth20d) }
        if sleeveColumnCount != nil { f.append(.sleeveConcentration60d) }
        return f
    }

    public init(assetCount: Int, trendColumnCount: Int?, sleeveColumnCount: Int?) {
        self.assetCount = assetCount
        self.trendColumnCount = trendColumnCount
        self.sleeveColumnCount = sleeveColumnCount
        portfolio = SlidingColumns(columnCount: 1, retain: StateLookbacks.rvolSlow)
        drawdowns = SlidingColumns(columnCount: 1, retain: StateLookbacks.ddSlope + 1)
        corrFast = AveragePairwiseCorrelation(window: StateLookbacks.corrFast, assetCount: assetCount)
        corrSlow = AveragePairwiseCorrelation(window: StateLookbacks.corrSlow, assetCount: assetCount)
        assets = SlidingColumns(columnCount: assetCount, retain: max(corrFast.requiredHistory, corrSlow.requiredHistory))
        trend = trendColumnCount.map { SlidingColumns(columnCount: $0, retain: StateLookbacks.trendBreadth) }
        sleeves = sleeveColumnCount.map { SlidingColumns(columnCount: $0, retain: StateLookbacks.sleeveConcentration) }
    }

    /// Pushes the next common date and returns its feature row (in ``features`` order;
    /// NaN where a window is not yet full or an input is missing).
    ///
    /// `correlations` lets the batch computation hand in `(corr_20d, corr_60d)`
    /// computed for this row by the same ``AveragePairwiseCorrelation`` kernels
    /// on another thread (see ``CorrelationSeries``); the kernels' values depend
    /// only on the rows up to this one, so the result is bit-for-bit the same.
    public mutating func push(_ input: StateInputRow, correlations: (fast: Double, slow: Double)? = nil) -> [Double] {
        precondition(input.assetReturns.count == assetCount)
        let row = portfolio.rowCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 1) { one in
            one[0] = input.portfolioReturn
            portfolio.push(UnsafeBufferPointer(one))
        }
        assets.push(input.assetReturns)
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
        let corrF = correlations?.fast ?? corrFast.value(at: row, assets: assets)
        let corrS = correlations?.slow ?? corrSlow.value(at: row, assets: assets)

        var out: [Double] = [rvolFast, rvolSlow, rvolFast / rvolSlow, ddLevel, ddSlope, corrF, corrS, corrF - corrS]
        if let t = trend { out.append(TrendBreadth.value(at: row, window: StateLookbacks.trendBreadth, trend: t)) }
        if let s = sleeves { out.append(SleeveConcentration.value(at: row, window: StateLookbacks.sleeveConcentration, sleeves: s)) }
        return out
    }

    private func realizedVolatility(at row: Int, window: Int) -> Double {
        guard row + 1 >= window else { return .nan }
        return portfolio.withColumn(0, from: row - window + 1) {
            WindowStatistics.sampleStandardDeviation($0, count: window)
        } * StateLookbacks.annualisation
    }

    /// `equity / running max − 1`; the running max starts at the first present equity.
    private mutating func drawdownLevel(equity: Double) -> Double {
        guard !equity.isNaN else { return .nan }
        if runningMaxEquity.isNaN || equity > runningMaxEquity { runningMaxEquity = equity }
        return equity / runningMaxEquity - 1
    }
}
