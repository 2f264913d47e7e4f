import Testing
import TimeSeries
@testable import Allocator

/// Absolute tolerance of every comparison with the naive reference.
let referenceTolerance = 1e-12

/// True when both are missing or they differ by at most ``referenceTolerance``.
func agrees(_ a: Double, _ b: Double) -> Bool {
    (a.isNaN && b.isNaN) || abs(a - b) <= referenceTolerance
}

/// Runs the engine's batch computation and the naive reference on `inputs`
/// and records an issue for every difference (dates, features, accounting,
/// values beyond 1e-12). Returns the engine's state for further checks.
@discardableResult
func expectEngineMatchesReference(_ inputs: StateInputs, _ label: String,
                                  sourceLocation: SourceLocation = #_sourceLocation) -> AllocatorState {
    let (state, accounting) = StateComputation.compute(inputs)
    let naive = NaiveState.compute(inputs)
    #expect(accounting.rowsRequested == naive.rowsRequested, "\(label): rows requested", sourceLocation: sourceLocation)
    #expect(state.dates == naive.dates, "\(label): valid dates", sourceLocation: sourceLocation)
    #expect(state.features.map(\.rawValue) == naive.features, "\(label): features", sourceLocation: sourceLocation)
    guard state.dates == naive.dates, state.features.count == naive.features.count else { return state }
    expectColumnsAgree(state.columns, naive, label, sourceLocation: sourceLocation)
    return state
}

/// Records every value of `columns` (column-major) that differs from the
/// naive rows by more than 1e-12 (the first five in detail).
func expectColumnsAgree(_ columns: [[Double]], _ naive: NaiveState.Result, _ label: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    var mismatches = 0
    for (r, row) in naive.rows.enumerated() {
        for (k, expected) in row.enumerated() where !agrees(columns[k][r], expected) {
            mismatches += 1
            if mismatches <= 5 {
                Issue.record("\(label): \(naive.features[k]) on \(naive.dates[r]): got \(columns[k][r]), reference \(expected)",
                             sourceLocation: sourceLocation)
            }
        }
    }
    if mismatches > 5 { Issue.record("\(label): \(mismatches) mismatches in all", sourceLocation: sourceLocation) }
}

/// The engine's average correlation at every row of `assets` (column-major),
/// fed one row at a time as the state stepper does.
func engineCorrelations(_ assets: [[Double]], window: Int) -> [Double] {
    let rows = assets.first?.count ?? 0
    var history = SlidingColumns(columnCount: assets.count, retain: 2 * window)
    var kernel = AveragePairwiseCorrelation(window: window, assetCount: assets.count)
    return (0..<rows).map { r in
        assets.map { $0[r] }.withUnsafeBufferPointer { history.push($0) }
        return kernel.value(at: r, assets: history)
    }
}

/// Compares the engine's average correlation with the naive one on every row
/// (or on `rows` only) and records the differences.
func expectCorrelationsMatchReference(_ assets: [[Double]], window: Int, rows: [Int]? = nil, _ label: String,
                                      sourceLocation: SourceLocation = #_sourceLocation) {
    let engine = engineCorrelations(assets, window: window)
    var mismatches = 0
    for r in rows ?? Array(engine.indices) {
        let expected = NaiveState.averageCorrelation(assets, endingAt: r, window: window)
        if !agrees(engine[r], expected) {
            mismatches += 1
            if mismatches <= 5 {
                Issue.record("\(label) w=\(window) row \(r): engine \(engine[r]), reference \(expected)",
                             sourceLocation: sourceLocation)
            }
        }
    }
    if mismatches > 5 { Issue.record("\(label) w=\(window): \(mismatches) mismatching rows", sourceLocation: sourceLocation) }
}
