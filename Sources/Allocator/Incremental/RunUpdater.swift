import Logging
import TimeSeries

/// What `allocator update` did.
package enum UpdateOutcome: Sendable {
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
package struct RunUpdater {
    package var pipeline: AllocatorPipeline
    package var logger: Logger

    package init(pipeline: AllocatorPipeline, logger: Logger = Logger(label: "Update")) {
        self.pipeline = pipeline
        self.logger = logger
    }

    var runDirectory: RunDirectory { pipeline.runDirectory }
    var output: RunDirectory { pipeline.output }

    /// Brings the artifacts up to date: nothing to do, the new dates only, or a full recompute (with the reason).
    package func update() throws(AllocatorError) -> UpdateOutcome {
        let inputs: StateInputs
        let common: [TradingDate]
        let requested: (start: TradingDate?, end: TradingDate?)
        do {
            inputs = try runDirectory.loadStateInputs()
            common = try pipeline.alignedDates(inputs)
            requested = try runDirectory.requestedWindow()
        } catch {
            // As `allocator pipeline` does; a mistyped run is not created just to hold the report.
            if runDirectory.exists || output.path != runDirectory.path { _ = pipeline.reported(error) }
            throw error
        }
        let feed = AlignedStateFeed(inputs: inputs, dates: common)

        let snapshot: EngineSnapshot
        switch output.loadSnapshot() {
        case .failure(let refusal): return try recompute(refusal.description)
        case .success(let s): snapshot = s
        }
        let sleeveConfigs = try pipeline.allocator.sleeveRiskConfigs(for: inputs.sleeveReturns?.names)
        if let reason = incompatibility(snapshot, inputs: inputs, feed: feed, riskConfig: pipeline.allocator.riskConfig,
                                        sleeveConfigs: sleeveConfigs) {
            return try recompute(reason)
        }
        let rebalances = try pipeline.rebalanceDates()
        let weightsFingerprint = rebalances.map { EngineSnapshot.fingerprint(dates: $0) }
        let window = StateMetadata.requestedWindow(start: requested.start ?? common.first, end: requested.end ?? common.last)
        let expected = [RunDirectory.File.state, RunDirectory.File.stateMeta, RunDirectory.File.regime,
                        RunDirectory.File.regimeMeta, RunDirectory.File.risk, RunDirectory.File.riskMeta]
            + (weightsFingerprint == nil ? [] : [RunDirectory.File.applied, RunDirectory.File.appliedMeta])
            + (snapshot.sleeveRisk == nil ? [] : [RunDirectory.File.sleeveScalars, RunDirectory.File.sleeveScalarsMeta])
            + (snapshot.sleeveRisk == nil || weightsFingerprint == nil ? []
               : [RunDirectory.File.sleeveApplied, RunDirectory.File.sleeveAppliedMeta])
        if let absent = expected.first(where: { !output.contains($0) }) {
            return try recompute("\(absent) is missing from \(output.path)")
        }
        if snapshot.rowsProcessed == common.count && weightsFingerprint == snapshot.weightsFingerprint
            && window == snapshot.requestedWindow {
            logger.info("nothing new after \(snapshot.lastDate ?? "-"): no artifact rewritten")
            // The artifacts are those of these inputs: an error report from a failed run since is stale.
            output.remove(RunDirectory.File.stateError)
            return .upToDate(lastDate: common.last)
        }
        let previous: PreviousArtifacts
        switch output.previousArtifacts(snapshot: snapshot) {
        case .failure(let refusal): return try recompute(refusal.description)
        case .success(let p): previous = p
        }
        let outputs = EngineOutputs(consumedDates: Array(common[..<snapshot.rowsProcessed]), state: previous.state,
                                    regimes: previous.regimes, scalars: previous.scalars, sleeveScalars: previous.sleeveScalars)
        let newDates = common.count - snapshot.rowsProcessed
        guard let result = try pipeline.complete(engine: snapshot.restoredEngine(), outputs: outputs, inputs: inputs,
                                                 feed: feed, rebalances: rebalances) else {
            return try recompute("the snapshot's dates do not match the inputs")
        }
        logger.info("processed \(newDates) new common date(s) after \(snapshot.lastDate ?? "-")")
        return .updated(newDates: newDates, result: result)
    }

    private func recompute(_ reason: String) throws(AllocatorError) -> UpdateOutcome {
        logger.notice("\(reason): recomputing everything")
        return .recomputed(reason: reason, result: try pipeline.run())
    }

    /// Why the snapshot cannot be continued with these inputs, or `nil`.
    private func incompatibility(_ s: EngineSnapshot, inputs: StateInputs, feed: AlignedStateFeed,
                                 riskConfig: RiskConfig, sleeveConfigs: [RiskConfig]) -> String? {
        if s.assetNames != inputs.assetReturns.names { return "asset columns differ from the snapshot's" }
        if s.trendNames != inputs.trendUnitReturns?.names { return "trend_unit_returns columns differ from the snapshot's" }
        if s.sleeveNames != inputs.sleeveReturns?.names { return "sleeve_returns columns differ from the snapshot's" }
        if s.regime.thresholds != pipeline.thresholds { return "regime thresholds differ from the snapshot's" }
        if s.risk.config != riskConfig { return "risk configuration differs from the snapshot's" }
        if (s.sleeveRisk == nil) != (pipeline.allocator.sleeveRiskConfig == nil) || (s.sleeveRisk ?? []).map(\.config) != sleeveConfigs {
            return "sleeve scalar configuration differs from the snapshot's"
        }
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

