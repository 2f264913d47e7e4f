import Allocator
import TimeSeries

/// Mode `precomputed`: scale each rebalance by another run's applied scalar.
///
/// Source: `<source run>/allocator_risk_v1_applied.csv` (`date,risk_scalar_applied`; an empty index header is read too;
/// already lagged by one rebalance in that run by ``AppliedScalarLag``, so it
/// is not lagged again). At rebalance date `t` the scalar is the source's last
/// value dated on or before `t` (``OnOrBeforeCursor``); when there is none (or
/// the cell is missing) `apply_missing_scalar_as` is used instead.
package struct PrecomputedScalars: RebalanceScaler {
    /// File name of the applied scalars in a run directory.
    package static let sourceFileName = RunDirectory.File.applied

    /// The source run's id (for metadata).
    package var sourceRunId: String
    /// The source series as loaded (`allocator_risk_v1_applied_source.csv`).
    package var source: Panel
    package var missingScalar: Double
    private var values: [Double]
    private var cursor: OnOrBeforeCursor

    package var mode: AllocatorSettings.Mode { .precomputed }

    /// Loads the applied scalars of `runDirectory`.
    package init(runDirectory: String, runId: String, missingScalar: Double) throws(BacktestError) {
        let run = RunDirectory(path: runDirectory)
        guard run.exists else {
            throw .precomputedRunMissing(runId: runId, directory: runDirectory, detail: "no such run directory")
        }
        let path = run.file(Self.sourceFileName)
        let read: Panel?
        do {
            // A source run being written is waited for; a torn one is refused (SPEC §12).
            let held = try RunLock.shared(run, timeout: 30)
            defer { held?.release() }
            try run.verifyGeneration()
            read = try run.readPanelIfPresent(Self.sourceFileName)
        } catch {
            if case .csv(let e) = error { throw .csv(e) }
            throw .allocator(error)
        }
        guard let panel = read else {
            throw .precomputedRunMissing(runId: runId, directory: runDirectory,
                                         detail: "it has no \(Self.sourceFileName) (run its backtest or `allocator pipeline` first)")
        }
        guard let column = panel.seriesColumn(preferring: "risk_scalar_applied") else {
            throw .csv(CSVError(.missingColumn, file: path, line: 1, "no value column (expected `date,risk_scalar_applied`)"))
        }
        if let bad = column.values.firstIndex(where: { !$0.isNaN && $0 < 0 }) {
            throw .csv(CSVError(.badNumber, file: path, "scalar \(column.values[bad]) on \(panel.dates[bad]) is negative (expected a value in [0, 1])"))
        }
        self.init(sourceRunId: runId, source: Panel(dates: panel.dates, names: [column.name], columns: [column.values]),
                  missingScalar: missingScalar)
    }

    /// Scalars from an in-memory series (first column of `source`).
    package init(sourceRunId: String, source: Panel, missingScalar: Double) {
        self.sourceRunId = sourceRunId
        self.source = source
        self.missingScalar = missingScalar
        self.values = source.columns.first ?? []
        self.cursor = OnOrBeforeCursor(dates: source.dates)
    }

    package mutating func scalar(at rebalanceIndex: Int, history: SimulationHistory) -> RebalanceScalar {
        let found = cursor.row(onOrBefore: history.currentDate).map { values[$0] } ?? .nan
        return RebalanceScalar(computed: found, applied: found.isNaN ? missingScalar : found)
    }
}
