import Logging
import TimeSeries

/// What `allocator update` did.
public enum UpdateOutcome: Sendable {
    /// No new common date, the same rebalances and the same `meta.json` window,
    /// and every artifact in place: nothing was written.
    case upToDate(lastDate: TradingDate?)
    /// `newDates` common dates were processed from the snapshot onwards.
    case updated(newDates: Int, result: PipelineResult)
    /// The snapshot could not be used (`reason`); everything was recomputed.
    case recomputed(reason: String, result: PipelineResult)
}

/// `allocator update`: brings a run's allocator artifacts up to date after its
/// input files grew, stepping the ``AllocatorEngine`` from its snapshot over
/// the new common dates only.
///
/// The result is byte-identical to a full `allocator pipeline`: old rows are
/// carried over as written (CSV numbers round-trip exactly), new rows come
/// from the same steppers the batch uses, and metadata is recomputed over the
/// whole series. When the snapshot is missing, corrupt, or describes a past
/// that no longer matches the inputs (a changed or inserted row, other
/// columns, another configuration), the updater says why and recomputes
/// everything instead of mixing old and new.
public struct RunUpdater {
    public var pipeline: AllocatorPipeline
    public var logger: Logger

    public init(pipeline: AllocatorPipeline, logger: Logger = Logger(label: "Update")) {
        self.pipeline = pipeline
        self.logger = logger
    }

    var runDirectory: RunDirectory { pipeline.runDirectory }
    var outputDirectory: String { pipeline.outputDirectory }
    var snapshotPath: String { outputDirectory + "/" + RunDirectory.File.snapshot }

    public func update() throws(AllocatorError) -> UpdateOutcome {
        let transformer = try pipeline.validatedLayers()
        let inputs: StateInputs
        let common: [TradingDate]
        let requested: (start: TradingDate?, end: TradingDate?)
        do {
            inputs = try runDirectory.loadStateInputs()
            common = try pipeline.alignedDates(inputs)
            requested = try runDirectory.requestedWindow()
        } catch {
            // As `allocator pipeline` does; a mistyped run is not created just to hold the report.
            if runDirectory.exists || outputDirectory != runDirectory.path { _ = pipeline.reported(error) }
            throw error
        }
        let feed = AlignedStateFeed(inputs: inputs, dates: common)

        let snapshot: EngineSnapshot
        switch loadSnapshot() {
        case .failure(let refusal): return try recompute(refusal.description)
        case .success(let s): snapshot = s
        }
        if let reason = incompatibility(snapshot, inputs: inputs, feed: feed, riskConfig: transformer.config) {
            return try recompute(reason)
        }
        let rebalances = try pipeline.rebalanceDates()
        let weightsFingerprint = rebalances.map { EngineSnapshot.fingerprint(dates: $0) }
        let window = StateMetadata.requestedWindow(start: requested.start ?? common.first, end: requested.end ?? common.last)
        let expected = [RunDirectory.File.state, RunDirectory.File.stateMeta, RunDirectory.File.regime,
                        RunDirectory.File.regimeMeta, RunDirectory.File.risk, RunDirectory.File.riskMeta]
            + (weightsFingerprint == nil ? [] : [RunDirectory.File.applied, RunDirectory.File.appliedMeta])
        if let absent = expected.first(where: { !FileBytes.exists(outputDirectory + "/" + $0) }) {
            return try recompute("\(absent) is missing from \(outputDirectory)")
        }
        if snapshot.rowsProcessed == common.count && weightsFingerprint == snapshot.weightsFingerprint
            && window == snapshot.requestedWindow {
            logger.info("nothing new after \(snapshot.lastDate ?? "-"): no artifact rewritten")
            // The artifacts are those of these inputs: an error report from a failed run since is stale.
            FileBytes.remove(outputDirectory + "/" + RunDirectory.File.stateError)
            return .upToDate(lastDate: common.last)
        }
        let previous: PreviousArtifacts
        switch PreviousArtifacts.read(outputDirectory: outputDirectory, snapshot: snapshot) {
        case .failure(let refusal): return try recompute(refusal.description)
        case .success(let p): previous = p
        }
        let outputs = EngineOutputs(consumedDates: Array(common[..<snapshot.rowsProcessed]), state: previous.state,
                                    regimes: previous.regimes, scalars: previous.scalars)
        let newDates = common.count - snapshot.rowsProcessed
        guard let result = try pipeline.complete(engine: snapshot.restoredEngine(), outputs: outputs, inputs: inputs,
                                                 feed: feed, transformer: transformer, rebalances: rebalances) else {
            return try recompute("the snapshot's dates do not match the inputs")
        }
        logger.info("processed \(newDates) new common date(s) after \(snapshot.lastDate ?? "-")")
        return .updated(newDates: newDates, result: result)
    }

    private func recompute(_ reason: String) throws(AllocatorError) -> UpdateOutcome {
        logger.notice("\(reason): recomputing everything")
        return .recomputed(reason: reason, result: try pipeline.run())
    }

    private func loadSnapshot() -> Result<EngineSnapshot, UpdateRefusal> {
        guard FileBytes.exists(snapshotPath) else { return .failure(UpdateRefusal("no engine snapshot at \(snapshotPath)")) }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path: snapshotPath) } catch {
            return .failure(UpdateRefusal("cannot read \(snapshotPath): \(error.detail)"))
        }
        let (snapshot, problem) = EngineSnapshot.decode(bytes)
        guard let snapshot else { return .failure(UpdateRefusal("\(snapshotPath): \(problem ?? "unreadable")")) }
        return .success(snapshot)
    }

    /// Why the snapshot cannot be continued with these inputs, or `nil`.
    private func incompatibility(_ s: EngineSnapshot, inputs: StateInputs, feed: AlignedStateFeed,
                                 riskConfig: RiskConfig) -> String? {
        if s.assetNames != inputs.assetReturns.names { return "asset columns differ from the snapshot's" }
        if s.trendNames != inputs.trendUnitReturns?.names { return "trend_unit_returns columns differ from the snapshot's" }
        if s.sleeveNames != inputs.sleeveReturns?.names { return "sleeve_returns columns differ from the snapshot's" }
        if s.regime.thresholds != pipeline.thresholds { return "regime thresholds differ from the snapshot's" }
        if s.risk.config != riskConfig { return "risk configuration differs from the snapshot's" }
        if s.rowsProcessed > feed.dates.count {
            return "inputs have \(feed.dates.count) common dates, fewer than the \(s.rowsProcessed) the snapshot processed"
        }
        if s.rowsProcessed > 0, s.lastDate != feed.dates[s.rowsProcessed - 1].description {
            return "the common dates before \(s.lastDate ?? "-") changed"
        }
        if feed.fingerprint(rows: s.rowsProcessed, inputs: inputs).hex != s.inputFingerprint {
            return "input values up to \(s.lastDate ?? "-") differ from what the snapshot saw"
        }
        return nil
    }
}

/// A reason an update cannot continue from the snapshot.
struct UpdateRefusal: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// The state/regime/risk series written by the previous run, as read back.
struct PreviousArtifacts {
    var state: AllocatorState
    var regimes: [Regime]
    var scalars: [Double]

    static func read(outputDirectory: String, snapshot: EngineSnapshot) -> Result<PreviousArtifacts, UpdateRefusal> {
        func panel(_ name: String) -> Result<Panel, UpdateRefusal> {
            let path = outputDirectory + "/" + name
            do { return .success(try CSVReader.read(path: path)) } catch {
                return .failure(UpdateRefusal("previous artifact unusable: \(error.description)"))
            }
        }
        let statePanel: Panel
        switch panel(RunDirectory.File.state) { case .failure(let e): return .failure(e); case .success(let p): statePanel = p }
        let riskPanel: Panel
        switch panel(RunDirectory.File.risk) { case .failure(let e): return .failure(e); case .success(let p): riskPanel = p }
        let regimePath = outputDirectory + "/" + RunDirectory.File.regime
        guard let labels = RegimeLabels.read(path: regimePath) else {
            return .failure(UpdateRefusal("previous artifact unusable: \(regimePath)"))
        }
        let state = AllocatorState(panel: statePanel)
        let n = snapshot.validRows
        guard state.dates.count == n, riskPanel.rowCount == n, labels.dates.count == n,
              riskPanel.dates == state.dates, labels.dates == state.dates,
              state.features == StateStepper(snapshot: snapshot.state).features else {
            return .failure(UpdateRefusal("previous artifacts do not match the snapshot (\(n) rows expected)"))
        }
        return .success(PreviousArtifacts(state: state, regimes: labels.regimes, scalars: riskPanel.columns[0]))
    }
}

/// Reads `allocator_regime_v1.csv` (`date,regime`).
enum RegimeLabels {
    static func read(path: String) -> (dates: [TradingDate], regimes: [Regime])? {
        guard let bytes = try? FileBytes.read(path: path) else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == "date,regime" else { return nil }
        var dates: [TradingDate] = []
        var regimes: [Regime] = []
        for line in lines.dropFirst() {
            let parts = line.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, let d = TradingDate(parts[0]), let r = Regime(label: String(parts[1])) else { return nil }
            dates.append(d)
            regimes.append(r)
        }
        return (dates, regimes)
    }
}
