import TimeSeries

/// Row accounting of one state computation (SPEC §2 metadata).
public struct StateAccounting: Sendable, Equatable {
    /// Number of common dates.
    public var rowsRequested: Int
    /// Rows with every required feature present.
    public var rowsValid: Int
    /// `rowsRequested − rowsValid`: common dates missing a required feature.
    public var rowsDropped: Int { rowsRequested - rowsValid }
}

/// Batch computation of allocator state v1: align, step every common date
/// through ``StateStepper``, keep the rows whose required features are all
/// present. The two correlation windows, the dominant cost, are computed by
/// ``CorrelationSeries`` in blocks on all cores (``CorrelationBatch``, the
/// bits of the stepper's own kernels: they depend only on the rows up to
/// their own), the rows' other features beside them.
package enum StateComputation {
    /// The state table and its row accounting.
    package static func compute(_ inputs: StateInputs) -> (state: AllocatorState, accounting: StateAccounting) {
        let r = computeKeepingStepper(inputs)
        return (r.state, r.accounting)
    }

    /// The state table, its accounting, and the stepper after the last common
    /// date (from which an incremental engine continues).
    package static func computeKeepingStepper(_ inputs: StateInputs)
        -> (state: AllocatorState, accounting: StateAccounting, stepper: StateStepper) {
        computeKeepingStepper(inputs, commonDates: inputs.commonDates)
    }

    /// ``computeKeepingStepper(_:)`` over `common`, the inputs' common dates the
    /// caller has already aligned; `progress` hears of the correlation blocks.
    package static func computeKeepingStepper(_ inputs: StateInputs, commonDates common: [TradingDate],
                                              progress: StateProgress? = nil)
        -> (state: AllocatorState, accounting: StateAccounting, stepper: StateStepper) {
        let feed = AlignedStateFeed(inputs: inputs, dates: common)
        let stepper = StateStepper(assetCount: inputs.assetReturns.columnCount,
                                   trendColumnCount: inputs.trendUnitReturns?.columnCount,
                                   sleeveColumnCount: inputs.sleeveReturns?.columnCount)
        var collector = StateRowCollector(features: stepper.features)
        // The rows without their correlations are stepped beside the correlation
        // blocks, which read the asset panel whole (the stepper keeps only the
        // panel's last rows, for its continuation); each row then gets its two
        // values, as ``StateStepper/completeCorrelations(_:)`` would set them.
        let stepped = SteppedRows(stepper: stepper, capacity: common.count)
        let stepRows: @Sendable () -> Void = {
            for i in 0..<common.count {
                stepped.rows.append(feed.withRow(i, assets: false) { stepped.stepper.pushPendingWithoutAssets($0) })
            }
            stepped.stepper.keepAssetTail(of: feed.assets)
        }
        let correlations = CorrelationSeries.compute(assetColumns: feed.assets, alongside: stepRows, progress: progress)
        for i in 0..<common.count {
            var row = stepped.rows[i]
            row.setCorrelations(fast: correlations.fast[i], slow: correlations.slow[i])
            collector.add(date: common[i], row: row)
        }
        return (collector.state, StateAccounting(rowsRequested: common.count, rowsValid: collector.state.dates.count),
                stepped.stepper)
    }
}

/// A stepper and the rows it returned, filled by one task while the
/// correlation blocks run on other threads; read only after they all finished.
private final class SteppedRows: @unchecked Sendable {
    var stepper: StateStepper
    var rows: [StateRow] = []

    init(stepper: StateStepper, capacity: Int) {
        self.stepper = stepper
        rows.reserveCapacity(capacity)
    }
}

/// Collects feature rows, dropping those with a missing required feature.
package struct StateRowCollector: Sendable {
    package private(set) var state: AllocatorState
    let requiredCount = StateFeature.required.count

    package init(features: [StateFeature]) {
        state = AllocatorState(dates: [], features: features, columns: features.map { _ in [] })
    }

    /// Appends `row` when it has every required feature.
    mutating func add(date: TradingDate, row: StateRow) {
        guard row.isValid else { return }
        state.dates.append(date)
        for k in 0..<row.values.count { state.columns[k].append(row.values[k]) }
    }
}

/// The inputs re-indexed to the common dates, handed out one row at a time.
struct AlignedStateFeed: Sendable {
    let dates: [TradingDate]
    let portfolio: [Double]
    let equity: [Double]
    let assets: [[Double]]
    let trend: [[Double]]?
    let sleeves: [[Double]]?

    init(inputs: StateInputs, dates: [TradingDate]) {
        func pick(_ s: Series) -> [Double] {
            Alignment.positions(of: dates, in: s.dates).map { $0 >= 0 ? s.values[$0] : .nan }
        }
        self.dates = dates
        portfolio = pick(inputs.portfolioReturns)
        equity = pick(inputs.equityCurve)
        assets = inputs.assetReturns.reindexed(to: dates).columns
        trend = inputs.trendUnitReturns?.reindexed(to: dates).columns
        sleeves = inputs.sleeveReturns?.reindexed(to: dates).columns
    }

    /// Row `i`'s inputs; with `assets: false` its asset returns are left out
    /// (an empty buffer). The row's cells are gathered from the columns into
    /// one temporary buffer (a row allocates nothing).
    func withRow<R>(_ i: Int, assets withAssets: Bool = true, _ body: (StateInputRow) -> R) -> R {
        let assets = withAssets ? self.assets : [], trend = self.trend, sleeves = self.sleeves
        let a = assets.count, t = trend?.count ?? 0, s = sleeves?.count ?? 0
        let portfolioReturn = portfolio[i], equity = equity[i]
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: a + t + s) { cells in
            for c in 0..<a { cells.initializeElement(at: c, to: assets[c][i]) }
            if let trend { for c in 0..<t { cells.initializeElement(at: a + c, to: trend[c][i]) } }
            if let sleeves { for c in 0..<s { cells.initializeElement(at: a + t + c, to: sleeves[c][i]) } }
            let row = UnsafeBufferPointer(cells)
            return body(StateInputRow(portfolioReturn: portfolioReturn, equity: equity,
                                      assetReturns: UnsafeBufferPointer(rebasing: row[0..<a]),
                                      trendUnitReturns: trend == nil ? nil : UnsafeBufferPointer(rebasing: row[a..<(a + t)]),
                                      sleeveReturns: sleeves == nil ? nil : UnsafeBufferPointer(rebasing: row[(a + t)...])))
        }
    }
}

@inline(__always)
func withOptionalBuffer<R>(_ array: [Double]?, _ body: (UnsafeBufferPointer<Double>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0) }
}
