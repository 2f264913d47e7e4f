import Testing
import TimeSeries
@testable import Allocator

/// The stepper fed one common date at a time (its own correlation kernels,
/// buffers compacting as they fill) gives the batch computation's bits.
@Suite struct StateStepperTests {
    @Test(arguments: [0.0, 0.07])
    func incrementalEqualsBatchBitForBit(missingRate: Double) {
        var gen = GeneratedInputs(seed: 141)
        let dates = GeneratedInputs.weekdays(330)
        let assets = gen.gappedReturns(rows: dates.count, assets: 15, rate: missingRate)
        let trend = gen.gappedReturns(rows: dates.count, assets: 4, rate: missingRate)
        let inputs = gen.inputs(dates: dates, assets: assets, trend: trend, sleeves: gen.assetReturns(rows: dates.count, assets: 3))
        let batch = StateComputation.compute(inputs).state

        let common = NaiveState.commonDates(inputs)
        let ret = NaiveState.lookup(inputs.portfolioReturns.dates, inputs.portfolioReturns.values, common)
        let equity = NaiveState.lookup(inputs.equityCurve.dates, inputs.equityCurve.values, common)
        let a = NaiveState.columns(inputs.assetReturns, common)
        let t = NaiveState.columns(inputs.trendUnitReturns!, common)
        let s = NaiveState.columns(inputs.sleeveReturns!, common)
        var stepper = StateStepper(assetCount: a.count, trendColumnCount: t.count, sleeveColumnCount: s.count)
        var validDates: [TradingDate] = []
        var rows: [[Double]] = []
        for i in common.indices {
            let row = a.map { $0[i] }.withUnsafeBufferPointer { ap in
                t.map { $0[i] }.withUnsafeBufferPointer { tp in
                    s.map { $0[i] }.withUnsafeBufferPointer { sp in
                        stepper.push(StateInputRow(portfolioReturn: ret[i], equity: equity[i], assetReturns: ap,
                                                   trendUnitReturns: tp, sleeveReturns: sp)).values
                    }
                }
            }
            if !row.prefix(8).contains(where: \.isNaN) { validDates.append(common[i]); rows.append(row) }
        }
        #expect(validDates == batch.dates)
        #expect(validDates.count > 200)
        let differing = rows.indices.filter { r in
            rows[r].indices.contains { rows[r][$0].bitPattern != batch.columns[$0][r].bitPattern }
        }
        #expect(differing.isEmpty, "rows differing from the batch: \(differing.prefix(5))")
    }
}
