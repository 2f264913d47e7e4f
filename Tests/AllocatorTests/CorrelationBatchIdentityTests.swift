import Backtest
import Testing
@testable import Allocator

/// The batch kernel (``CorrelationBatch``, tiles of pairs rolled over anchor
/// periods) against the single-row path (``AveragePairwiseCorrelation/value(at:assets:)``
/// fed one row at a time, the reference): the same bits on every row, on panels
/// wide enough to span several tiles in both directions, with gaps, constant,
/// all-missing and late-starting columns, huge prints and gap-free stretches.
@Suite struct CorrelationBatchIdentityTests {
    /// `assets` columns of `rows`: factor returns, `rate` of cells missing, plus awkward columns.
    static func panel(seed: UInt64, rows: Int, assets: Int, rate: Double) -> [[Double]] {
        var rng = RandomSource(seed: seed)
        let factor = (0..<rows).map { _ in 0.008 * rng.normal() }
        var columns = (0..<assets).map { _ -> [Double] in
            let beta = rng.uniform()
            return factor.map { rng.chance(rate) ? .nan : beta * $0 + 0.006 * rng.normal() }
        }
        columns[0] = Array(repeating: 0.001, count: rows)                        // constant
        columns[1] = Array(repeating: .nan, count: rows)                         // all missing
        for r in 0..<(rows / 3) { columns[2][r] = .nan }                         // starts late
        for c in stride(from: 3, to: assets, by: 7) {                            // rare huge prints
            columns[c][rng.integer(below: rows)] *= 1e6
        }
        columns[assets - 1] = columns[assets - 1].map { rng.chance(0.7) ? .nan : $0 }   // sparse
        for c in stride(from: 5, to: assets, by: 11) { columns[c][rng.integer(below: rows)] = 1e150 }
        let quiet = (rows / 2)..<(rows / 2 + 70)                                // gap-free stretch
        for c in 3..<(assets - 1) { for r in quiet where columns[c][r].isNaN { columns[c][r] = 0.0005 } }
        return columns
    }

    static func differing(_ a: [Double], _ b: [Double]) -> [Int] {
        zip(a, b).enumerated().filter { $0.element.0.bitPattern != $0.element.1.bitPattern }.map(\.offset)
    }

    /// Several tiles each way (lines of 32, columns of 256); the batch series runs in parallel blocks.
    @Test(arguments: [(300, 0.05), (70, 0.3), (40, 0.0)])
    func widePanelBitForBit(assets: Int, rate: Double) {
        let rows = 400
        let columns = Self.panel(seed: UInt64(assets), rows: rows, assets: assets, rate: rate)
        let series = CorrelationSeries.compute(assetColumns: columns)
        for (w, batch) in [(20, series.fast), (60, series.slow)] {
            let single = engineCorrelations(columns, window: w)
            let diff = Self.differing(batch, single)
            #expect(diff.isEmpty, "K=\(assets) w=\(w): rows \(diff.prefix(5)) batch \(diff.first.map { batch[$0] } ?? 0) single \(diff.first.map { single[$0] } ?? 0)")
            #expect(single.filter { !$0.isNaN }.count > rows - 2 * w)
        }
    }

    /// Runs starting and ending anywhere in an anchor period.
    @Test func runsStartingMidPeriod() {
        let columns = Self.panel(seed: 7, rows: 300, assets: 45, rate: 0.08)
        for w in [20, 60] {
            let single = engineCorrelations(columns, window: w)
            let assets = SlidingColumns(columns: columns)
            for range in [0..<300, 1..<2, 59..<60, 60..<61, 77..<200, 119..<241, 150..<151, 299..<300] {
                let batch = CorrelationBatch(window: w, assetCount: columns.count)
                var out = [Double](repeating: 0, count: range.count)
                out.withUnsafeMutableBufferPointer { batch.values(rows: range, assets: assets, into: $0.baseAddress!) }
                let diff = Self.differing(out, Array(single[range]))
                #expect(diff.isEmpty, "w=\(w) rows \(range): offsets \(diff.prefix(5))")
            }
        }
    }

    /// The small awkward panels of the fuzz suite.
    @Test(arguments: 0..<60)
    func fuzzPanelsBitForBit(seed: Int) {
        let columns = CorrelationFuzzTests.panel(seed: UInt64(1000 + seed))
        let series = CorrelationSeries.compute(assetColumns: columns)
        for (w, batch) in [(20, series.fast), (60, series.slow)] {
            #expect(Self.differing(batch, engineCorrelations(columns, window: w)).isEmpty, "seed \(seed) w=\(w)")
        }
    }

    /// The parallel blocks cover every row once, in order; each after the
    /// first starts at an anchor (`w − 1 + m·w`); all but the first and the
    /// last are a whole number of windows near `about`, and the last is at
    /// least half a block.
    @Test(arguments: [(0, 20, 240), (1, 60, 240), (59, 60, 240), (400, 20, 240), (400, 60, 240), (5000, 20, 625),
                      (5000, 60, 625), (2520, 60, 315), (61, 60, 10), (660, 60, 600)])
    func blocksCoverTheRowsAndStartAtAnchors(rows: Int, window w: Int, about: Int) {
        let blocks = CorrelationSeries.blocks(rows: rows, window: w, about: about)
        let step = max(w, (about + w / 2) / w * w)
        guard rows > 0 else {
            #expect(blocks.isEmpty)
            return
        }
        #expect(blocks.first?.lowerBound == 0 && blocks.last?.upperBound == rows)
        #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(blocks.dropFirst().allSatisfy { ($0.lowerBound - (w - 1)) % w == 0 })
        #expect(blocks.dropFirst().dropLast().allSatisfy { $0.count == step && abs($0.count - about) <= w })
        if blocks.count > 1 { #expect(blocks.last!.count >= step / 2) }
        if rows >= w - 1 + 2 * step { #expect(blocks.count >= 2) }
    }
}
