import Logging
import TimeSeries

/// What `allocator update` did.
package enum UpdateOutcome: Sendable {
    /// No new common date, the same rebalances and the same `meta.json` window,
    /// and every artifact in place: nothing was written.
    case upToDate(lastDate: TradingDate?)
    /// `newDates` common dates were processed from the snapshot onwards. The
    /// result's regimes, risk and metadata cover the whole run; its state
    /// holds only the rows this update appended (the earlier ones were not read back).
    case updated(newDates: Int, result: PipelineResult)
    /// The snapshot could not be used (`reason`); everything was recomputed.
    case recomputed(reason: String, result: PipelineResult)
}

/// `allocator update`: brings a run's allocator artifacts up to date after its
/// input files grew, at a cost in the new days only (SPEC §7, §12).
///
/// From the engine snapshot it takes, per input file, the byte length of the
/// prefix the engine consumed and that prefix's SHA-256. It streams the
/// prefixes through SHA-256 in the background (``PrefixVerification``) to
/// check the past is unchanged while it parses only the bytes after them and
/// steps the restored engine over the new common dates; only when the past is
/// verified does it write: it appends the new rows to the state, regime and
/// risk CSVs (the same bytes a full write encodes for them), rewrites the
/// small files — the metadata
/// JSONs (their statistics cover the whole series, the regimes and risk
/// scalars read back from their CSVs; the state's rows are not read back),
/// the applied scalars and the snapshot — and seals a new generation (the
/// digests of what it verified, appended or wrote come from ``DigestLedger``,
/// not from reading the files back).
///
/// When the set on disk is torn (a killed writer: the manifest does not
/// match), an artifact is missing, the snapshot is missing, corrupt or of
/// another version, or the past differs from what the snapshot consumed (a
/// changed, inserted or removed row, other columns, another configuration),
/// the updater says why and recomputes everything instead of mixing old and new.
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
        let requested: (start: TradingDate?, end: TradingDate?)
        do { requested = try runDirectory.requestedWindow() } catch {
            if runDirectory.exists || output.path != runDirectory.path { _ = pipeline.reported(error) }
            throw error
        }
        let plan: UpdatePlan
        switch self.plan(requested: requested) {
        case .failure(let refusal): return try recompute(refusal.description)
        case .success(let p): plan = p
        }
        guard plan.hasWork else {
            if case .failure(let refusal) = plan.verification.wait() { return try recompute(refusal.description) }
            logger.info("nothing new after \(plan.snapshot.lastDate ?? "-"): no artifact rewritten")
            // The artifacts are those of these inputs: an error report from a failed run since is stale.
            output.remove(RunDirectory.File.stateError)
            return .upToDate(lastDate: plan.lastDate)
        }
        switch try apply(plan) {
        case .failure(let refusal): return try recompute(refusal.description)
        case .success(let result):
            logger.info("processed \(plan.newCommon.count) new common date(s) after \(plan.snapshot.lastDate ?? "-")")
            return .updated(newDates: plan.newCommon.count, result: result)
        }
    }

    private func recompute(_ reason: String) throws(AllocatorError) -> UpdateOutcome {
        logger.notice("\(reason): recomputing everything")
        return .recomputed(reason: reason, result: try pipeline.run())
    }

    /// What the inputs hold beyond the snapshot, or why the snapshot cannot be continued.
    private func plan(requested: (start: TradingDate?, end: TradingDate?)) -> Result<UpdatePlan, UpdateRefusal> {
        typealias File = RunDirectory.File
        let layers = [File.state, File.stateMeta, File.regime, File.regimeMeta, File.risk, File.riskMeta]
        if let absent = layers.first(where: { !output.contains($0) }) {
            return .failure(UpdateRefusal("\(absent) is missing from \(output.path)"))
        }
        let snapshot: EngineSnapshot
        switch output.loadSnapshot() {
        case .failure(let refusal): return .failure(refusal)
        case .success(let s): snapshot = s
        }
        if snapshot.rebalanceDays != nil, let absent = [File.applied, File.appliedMeta].first(where: { !output.contains($0) }) {
            return .failure(UpdateRefusal("\(absent) is missing from \(output.path)"))
        }
        // The artifacts are checked against their manifest (a torn set, left by a
        // writer killed before its manifest, is repaired by recomputing it) and
        // the prefixes hashed in the background while the new rows are read and stepped.
        let verification = PrefixVerification(snapshot.inputs, in: runDirectory, generationOf: output)
        /// A refusal before the new rows are read: a torn set is the reason to give first.
        func refuseEarly(_ reason: String) -> Result<UpdatePlan, UpdateRefusal> {
            .failure(verification.preferringPrefixFailure(UpdateRefusal(reason), atInput: -1))
        }
        if snapshot.regime.thresholds != pipeline.thresholds { return refuseEarly("regime thresholds differ from the snapshot's") }
        if snapshot.risk.config != pipeline.allocator.riskConfig { return refuseEarly("risk configuration differs from the snapshot's") }
        let sleeveConfigs: [RiskConfig]
        do { sleeveConfigs = try pipeline.allocator.sleeveRiskConfigs(for: snapshot.sleeveNames) } catch {
            return refuseEarly(error.description)
        }
        if (snapshot.sleeveRisk == nil) != (pipeline.allocator.sleeveRiskConfig == nil)
            || (snapshot.sleeveRisk ?? []).map(\.config) != sleeveConfigs {
            return refuseEarly("sleeve scalar configuration differs from the snapshot's")
        }
        if snapshot.sleeveRisk != nil {
            let sleeveFiles = [File.sleeveScalars, File.sleeveScalarsMeta]
                + (snapshot.rebalanceDays == nil ? [] : [File.sleeveApplied, File.sleeveAppliedMeta])
            if let absent = sleeveFiles.first(where: { !output.contains($0) }) {
                return refuseEarly("\(absent) is missing from \(output.path)")
            }
        }
        let present = RunDirectory.snapshotInputs.filter { runDirectory.contains($0) }
        if present != snapshot.inputs.map(\.name) {
            return refuseEarly("input files \(present) differ from those the snapshot consumed \(snapshot.inputs.map(\.name))")
        }
        var tails = InputTails()
        for (i, prefix) in snapshot.inputs.enumerated() {
            switch runDirectory.readTail(prefix.name, after: prefix.length) {
            case .failure(let refusal): return .failure(verification.preferringPrefixFailure(refusal, atInput: i))
            case .success(let t): tails.append(t, named: prefix.name)
            }
        }
        /// A refusal after every tail was read: a changed prefix is the reason to give first.
        func refuse(_ reason: String) -> Result<UpdatePlan, UpdateRefusal> {
            .failure(verification.preferringPrefixFailure(UpdateRefusal(reason)))
        }
        guard let portfolio = tails[File.portfolioReturns]?.panel.seriesColumn(preferring: "ret"),
              let equity = tails[File.equityCurve]?.panel.seriesColumn(preferring: "equity"),
              let assets = tails[File.assetReturns]?.panel else {
            return refuse("a required input has no value column")
        }
        let trend = tails[File.trendUnitReturns]?.panel, sleeves = tails[File.sleeveReturns]?.panel
        if assets.names != snapshot.assetNames { return refuse("asset columns differ from the snapshot's") }
        /// An optional input continues the snapshot's when it has the same columns, or had none and still has no row.
        func continues(_ tail: Panel?, _ names: [String]?) -> Bool {
            guard let names else { return (tail?.rowCount ?? 0) == 0 }
            return tail?.names == names
        }
        if !continues(trend, snapshot.trendNames) {
            return refuse("trend_unit_returns columns differ from the snapshot's")
        }
        if !continues(sleeves, snapshot.sleeveNames) {
            return refuse("sleeve_returns columns differ from the snapshot's")
        }
        let last = snapshot.lastDate.flatMap { TradingDate(Substring($0)) }
        for (name, tail) in tails.named where name != File.weights {
            if let first = tail.panel.dates.first, let last, first <= last {
                return refuse("\(name): a row dated \(first) follows the rows the snapshot consumed (through \(last))")
            }
        }
        let inputs = StateInputs(portfolioReturns: Series(dates: tails[File.portfolioReturns]!.panel.dates, values: portfolio.values),
                                 equityCurve: Series(dates: tails[File.equityCurve]!.panel.dates, values: equity.values),
                                 assetReturns: assets, trendUnitReturns: snapshot.trendNames == nil ? nil : trend,
                                 sleeveReturns: snapshot.sleeveNames == nil ? nil : sleeves)
        let newCommon = inputs.commonDates
        var rebalances = snapshot.rebalanceDays.map { $0.map { TradingDate(daysSinceEpoch: $0) } }
        let newRebalances = tails[File.weights]?.panel.dates ?? []
        if let previous = rebalances?.last, let first = newRebalances.first, first <= previous {
            return refuse("\(File.weights): a rebalance dated \(first) follows the last one the snapshot saw (\(previous))")
        }
        rebalances? += newRebalances
        let lastDate = newCommon.last ?? last
        let firstDate = snapshot.firstDate.flatMap { TradingDate(Substring($0)) } ?? newCommon.first
        let window = StateMetadata.requestedWindow(start: requested.start ?? firstDate, end: requested.end ?? lastDate)
        return .success(UpdatePlan(snapshot: snapshot, inputs: inputs, newCommon: newCommon, rebalances: rebalances,
                                   newRebalanceCount: newRebalances.count, firstDate: firstDate, lastDate: lastDate,
                                   requested: requested, window: window, verification: verification, tails: tails))
    }

    /// Steps the engine over the plan's new dates and writes the new generation.
    private func apply(_ plan: UpdatePlan) throws(AllocatorError) -> Result<PipelineResult, UpdateRefusal> {
        let previous: PreviousArtifacts
        switch output.previousArtifacts(snapshot: plan.snapshot) {
        case .failure(let refusal): return .failure(plan.verification.preferringPrefixFailure(refusal))
        case .success(let p): previous = p
        }
        var engine = plan.snapshot.restoredEngine()
        var fresh = EngineOutputs(features: engine.state.features, sleeveCount: engine.sleeveRisk.count)
        let feed = AlignedStateFeed(inputs: plan.inputs, dates: plan.newCommon)
        for i in plan.newCommon.indices { fresh.record(feed.withRow(i) { engine.step($0) }, date: plan.newCommon[i]) }
        let dates = previous.dates + fresh.state.dates
        let regimes = previous.regimes + fresh.regimes, scalars = previous.scalars + fresh.scalars
        let sleeveColumns = zip(previous.sleeveScalars, fresh.sleeveScalars).map { $0 + $1 }
        let rowsRequested = plan.snapshot.rowsProcessed + plan.newCommon.count
        let metadata = StateMetadata(features: fresh.state.features, validDates: (dates.first, dates.last),
                                     accounting: StateAccounting(rowsRequested: rowsRequested, rowsValid: dates.count),
                                     commonDates: (plan.firstDate, plan.lastDate), requested: plan.requested)
        let allocator = pipeline.allocator
        let risk = allocator.riskSeries(dates: dates, regimes: regimes, scalars: scalars)
        // The state of the result is the appended rows: the earlier ones are on disk, unchanged (the manifest says so).
        let result = allocator.assemble(state: fresh.state, metadata: metadata, warnings: [],
                                        regimes: RegimeSeries(dates: dates, regimes: regimes), risk: risk,
                                        sleeveNames: plan.snapshot.sleeveNames, sleeveColumns: sleeveColumns,
                                        rebalanceDates: plan.rebalances)
        // The earlier rows passed these checks when they were written; the new
        // ones follow them (their dates are after the snapshot's last).
        let validation = StateValidator.validate(fresh.state, metadata: result.metadata)
        if !validation.isValid {
            return .failure(plan.verification.preferringPrefixFailure(
                UpdateRefusal("the updated state does not validate: \(validation.errors.joined(separator: "; "))")))
        }
        // Nothing is written before the past is known to be what the snapshot consumed.
        let digests: [String: PrefixDigest]
        switch plan.verification.wait() {
        case .failure(let refusal): return .failure(refusal)
        case .success(let d): digests = d
        }

        let snapshotFile = pipeline.snapshotFile(engine: engine, rows: rowsRequested, first: plan.firstDate, last: plan.lastDate,
                                                     rebalances: plan.rebalances, requested: metadata.requestedWindow,
                                                     names: InputNames(assets: plan.snapshot.assetNames, trend: plan.snapshot.trendNames,
                                                                       sleeves: plan.snapshot.sleeveNames),
                                                     prefixes: plan.consumedPrefixes(digests))
        var files = [ArtifactFile(name: RunDirectory.File.stateMeta, json: metadata.json())]
        // The CSVs grow by appended rows (below); only their metadata is rewritten.
        files.append(ArtifactFile(name: RegimeArtifacts.metadataFile, json: RegimeArtifacts.metadata(result.regimes, thresholds: result.thresholds)))
        files.append(ArtifactFile(name: RiskArtifacts.metadataFile, json: RiskArtifacts.metadata(risk, config: result.riskConfig)))
        if let applied = result.applied { files += AppliedScalarArtifacts.files(applied) }
        if let sleeves = result.sleeveScalars, let config = allocator.sleeveRiskConfig {
            // Small (dates × sleeves): rewritten whole rather than appended.
            files += SleeveScalarArtifacts.files(sleeves, applied: result.sleeveApplied, config: config)
        }
        files.append(snapshotFile)

        try output.beginGeneration()
        try output.appendRows(state: fresh.state, regimes: fresh.regimes, scalars: fresh.scalars)
        try output.write(files)
        output.remove(RunDirectory.File.stateError)
        try output.sealGeneration()
        var complete = result
        complete.warnings = validation.warnings
        let written = [RunDirectory.File.state, RunDirectory.File.regime, RunDirectory.File.risk].map(output.file) + files.map { output.file($0.name) }
        return .success(PipelineResult(result: complete, stateWarnings: validation.warnings, written: written))
    }
}

/// What an update found beyond the snapshot.
private struct UpdatePlan {
    var snapshot: EngineSnapshot
    /// The rows after each consumed prefix, as state inputs.
    var inputs: StateInputs
    var newCommon: [TradingDate]
    var rebalances: [TradingDate]?
    var newRebalanceCount: Int
    var firstDate: TradingDate?
    var lastDate: TradingDate?
    var requested: (start: TradingDate?, end: TradingDate?)
    var window: String
    /// The check of the consumed prefixes, running in the background.
    var verification: PrefixVerification
    var tails: InputTails

    var hasWork: Bool { !newCommon.isEmpty || newRebalanceCount > 0 || window != snapshot.requestedWindow }

    /// Each input's prefix after this update: the old one (its verified open
    /// digest in `digests`) extended over the tail rows dated on or before the
    /// new last common date (`weights.csv`: all of it).
    func consumedPrefixes(_ digests: [String: PrefixDigest]) -> [InputPrefix] {
        snapshot.inputs.map { old in
            var digest = digests[old.name]!
            let tail = tails[old.name]!
            let rows = old.name == RunDirectory.File.weights ? tail.rowEnds.count
                : tail.panel.dates.prefix { d in lastDate.map { d <= $0 } ?? false }.count
            digest.extend(tail.bytes[..<(rows == 0 ? 0 : tail.rowEnds[rows - 1])])
            return digest.prefix
        }
    }
}

/// A reason an update cannot continue from the snapshot.
package struct UpdateRefusal: Error, CustomStringConvertible {
    package let description: String
    init(_ d: String) { description = d }
}

/// The rows after each consumed prefix, by input file name, in the
/// snapshot's input order (at most six: a list, not a dictionary, whose
/// generic metadata the runtime would build at the first use).
struct InputTails {
    private(set) var named: [(name: String, tail: InputTail)] = []

    mutating func append(_ tail: InputTail, named name: String) { named.append((name, tail)) }

    subscript(name: String) -> InputTail? { named.first { $0.name == name }?.tail }
}
