import Allocator
import TimeSeries

/// Mode `precomputed`: scale each rebalance by another run's applied scalar.
///
/// Source: `<source run>/allocator_risk_v1_applied.csv` (`date,risk_scalar_applied`; an empty index header is read too;
/// already lagged by one rebalance in that run by ``AppliedScalarLag``, so it
/// is not lagged again). At rebalance date `t` the scalar is the source's last
/// value dated on or before `t` (``OnOrBeforeCursor``); when there is none (or
/// the cell is missing) `apply_missing_scalar_as` is used instead.
///
/// With sleeve scalars asked for (`risk.sleeves`, SPEC §10) it also reads the
/// source's `allocator_risk_v1_sleeve_applied.csv` and gives each sleeve its
/// column's value by the same rule; a source without that file, or without a
/// column for one of the run's sleeves, is an input error.
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
    /// The source's applied sleeve scalars, columns in the run's sleeve order; `nil` without sleeve scalars.
    package private(set) var sleeveSource: SleeveScalars?
    private var sleeveCursor: OnOrBeforeCursor?

    package var mode: AllocatorSettings.Mode { .precomputed }

    /// Loads the applied scalars of `runDirectory`, and its applied sleeve scalars of `sleeves` (the run's
    /// sleeve names) when given.
    package init(runDirectory: String, runId: String, missingScalar: Double, sleeves: [String]? = nil) throws(BacktestError) {
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
        if let sleeves { try loadSleeves(sleeves, from: run, runId: runId) }
    }

    private mutating func loadSleeves(_ sleeves: [String], from run: RunDirectory, runId: String) throws(BacktestError) {
        let name = RunDirectory.File.sleeveApplied
        let read: SleeveScalars?
        do { read = try run.readSleeveScalars(name) } catch {
            if case .csv(let e) = error { throw .csv(e) }
            throw .allocator(error)
        }
        guard let read else {
            throw .precomputedRunMissing(runId: runId, directory: run.path,
                                         detail: "it has no \(name), but the configuration asks for sleeve scalars (risk.sleeves); run `allocator pipeline` on it with the same risk.sleeves first")
        }
        var columns: [[Double]] = []
        for sleeve in sleeves {
            guard let k = read.names.firstIndex(of: sleeve) else {
                throw .csv(CSVError(.missingColumn, file: run.file(name), line: 1,
                                    "no column `\(SleeveScalars.columnName(sleeve))` for sleeve `\(sleeve)` (it has: \(read.names.map(SleeveScalars.columnName).joined(separator: ", ")))"))
            }
            if let bad = read.scalars[k].firstIndex(where: { !$0.isNaN && $0 < 0 }) {
                throw .csv(CSVError(.badNumber, file: run.file(name), "scalar \(read.scalars[k][bad]) on \(read.dates[bad]) is negative (expected a value in [0, 1])"))
            }
            columns.append(read.scalars[k])
        }
        sleeveSource = SleeveScalars(names: sleeves, dates: read.dates, scalars: columns)
        sleeveCursor = OnOrBeforeCursor(dates: read.dates)
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
        var sleeveApplied: [Double]?
        if let sleeveSource, var sleeveCursor {
            let row = sleeveCursor.row(onOrBefore: history.currentDate)
            self.sleeveCursor = sleeveCursor
            sleeveApplied = sleeveSource.scalars.map { column in
                let v = row.map { column[$0] } ?? .nan
                return v.isNaN ? missingScalar : v
            }
        }
        return RebalanceScalar(computed: found, applied: found.isNaN ? missingScalar : found, sleeveApplied: sleeveApplied)
    }
}
