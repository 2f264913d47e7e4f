import Testing
@testable import Allocator

/// Many assets with gaps: the pairwise path uses the rolled cross-product
/// matrix, rebuilt every window at anchor rows `r ≡ w−1 (mod w)`. Checked
/// against the naive reference on rows around the anchors, on the first rolls
/// after each rebuild, and on both sides of a gap-free stretch (fast path).
@Suite struct CorrelationRollTests {
    static let rows = 313
    static let gapFree = 150..<216

    static let assets: [[Double]] = {
        var gen = GeneratedInputs(seed: 111)
        var columns = gen.gappedReturns(rows: rows, assets: 320, rate: 0.05)
        for c in 0..<20 { for r in 0..<(c * 7) { columns[c][r] = .nan } }    // late starters (all present by row 133)
        for c in columns.indices {
            for r in gapFree where columns[c][r].isNaN { columns[c][r] = 0.001 * Double(r % 7) - 0.003 }
        }
        return columns
    }()

    static let checked: [Int: [Int]] = [
        20: [19, 20, 39, 40, 139, 169, 215, 216, 219, 220, 312],
        60: [59, 60, 118, 119, 120, 179, 180, 210, 216, 239, 240, 312],
    ]

    /// The batch computation (320 × 313 cells: above the two-thread threshold).
    static let series = CorrelationSeries.compute(assetColumns: assets)

    @Test func batchSeriesMatchesReferenceAroundAnchors() {
        let series = Self.series
        for (w, values) in [(20, series.fast), (60, series.slow)] {
            for r in Self.checked[w]! {
                let expected = NaiveState.averageCorrelation(Self.assets, endingAt: r, window: w)
                #expect(agrees(values[r], expected), "w=\(w) row \(r): engine \(values[r]), reference \(expected)")
                #expect(!expected.isNaN)
            }
        }
    }

    /// The stepper, fed one row at a time, gives the same bits as the batch series.
    @Test func stepperEqualsBatchBitForBit() {
        #expect(Self.rows * Self.assets.count >= CorrelationSeries.parallelThreshold)
        let series = Self.series
        for (w, batch) in [(20, series.fast), (60, series.slow)] {
            let stepped = engineCorrelations(Self.assets, window: w)
            let differing = zip(stepped, batch).filter { $0.bitPattern != $1.bitPattern }.count
            #expect(differing == 0, "w=\(w)")
        }
    }
}
