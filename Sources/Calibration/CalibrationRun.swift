import Allocator
import Audit
import TimeSeries

/// `allocator calibrate`: reads the run, computes its state once through the
/// front door, scores the base configuration and every candidate, and writes
/// `calibration/` (or one shard's files). Nothing is written before every
/// input has been checked and every candidate evaluated.
package struct CalibrationRun: Sendable {
    package var run: RunDirectory
    package var plan: CalibrationPlan
    package var candidates: CandidateSet
    package var trainEnd: TradingDate?
    package var windowFlags: [AuditWindow]
    package var shard: (index: Int, count: Int)?

    package init(run: RunDirectory, plan: CalibrationPlan, candidates: CandidateSet, trainEnd: TradingDate? = nil,
                 windowFlags: [AuditWindow] = [], shard: (index: Int, count: Int)? = nil) {
        self.run = run
        self.plan = plan
        self.candidates = candidates
        self.trainEnd = trainEnd
        self.windowFlags = windowFlags
        self.shard = shard
    }

    /// The prepared search and the metadata common to every shard.
    package struct Prepared: Sendable {
        package var search: CalibrationSearch
        package var meta: CalibrationMeta
    }

    /// Reads the run, computes the state once, builds the periods and scores the base configuration.
    ///
    /// - Throws: ``CalibrationError`` for a missing run or input, a state that
    ///   cannot be computed, an invalid base configuration, a `--train-end`
    ///   outside the data, or a shard index ≥ the shard count.
    package func prepare() throws(CalibrationError) -> Prepared {
        if let shard, !(0..<shard.count).contains(shard.index) {
            throw .invalidPlan("--shard \(shard.index)/\(shard.count): the index must be in 0…\(shard.count - 1)")
        }
        guard run.exists else { throw .run(.missingInput(file: run.path, role: "run directory")) }
        let state: AllocatorState, rebalances: [TradingDate], spells: Series?, runId: String
        do throws(AllocatorError) {
            let inputs = try run.loadStateInputs()
            let window = try run.requestedWindow()
            guard let dates = try run.rebalanceDates(), !dates.isEmpty else {
                throw AllocatorError.missingInput(file: run.file(RunDirectory.File.weights), role: "rebalance dates, for the applied scalars the de-risk events are read from")
            }
            rebalances = dates
            state = try RiskAllocator(configuration: plan.base).computeState(
                AllocatorInputs(portfolioReturns: inputs.portfolioReturns, equityCurve: inputs.equityCurve,
                                assetReturns: inputs.assetReturns, trendUnitReturns: inputs.trendUnitReturns,
                                sleeveReturns: inputs.sleeveReturns, rebalanceDates: dates,
                                requestedStart: window.start, requestedEnd: window.end)).state
            spells = try run.readMarketSpells()
            runId = try run.runId()
        } catch { throw .run(error) }
        let windows = AuditWindows(flags: windowFlags, spells: spells, coveredFrom: rebalances.first, to: rebalances.last)
        let periods = try CalibrationPeriod.periods(dates: state.dates, trainEnd: trainEnd, windows: windows.windows)
        let evaluator = CandidateEvaluator(state: state, rebalanceDates: rebalances, periods: periods, weights: plan.weights)
        let defaults: [PeriodScore]
        do { defaults = try evaluator.evaluate(plan.base) } catch { throw .run(error) }
        let meta = CalibrationMeta(
            runId: runId, parameters: candidates.names, baseYAML: ConfigurationYAML.text(plan.base),
            baseValues: candidates.names.map { CalibrationParameter.value($0, in: plan.base) }, source: candidates.source,
            candidateCount: candidates.count, evaluated: 0, skipped: 0, trainEnd: trainEnd,
            periods: periods.map { ($0.name, $0.first, $0.last) }, windowSource: windows.source.rawValue,
            windows: windows.windows, weights: plan.weights, defaults: defaults, shard: shard)
        return Prepared(search: CalibrationSearch(candidates: candidates, base: plan.base, evaluator: evaluator), meta: meta)
    }

    /// Runs the search and writes the files; returns their paths and the metadata written.
    package func execute(threads: Int, progress: (Int, Int) -> Void = { _, _ in }) async throws(CalibrationError)
        -> (written: [String], meta: CalibrationMeta, results: [CandidateResult]) {
        let prepared = try prepare()
        let outcome = await prepared.search.run(shard: shard, threads: threads, progress: progress)
        var meta = prepared.meta
        meta.evaluated = outcome.results.count
        meta.skipped = outcome.skipped
        let files = shard == nil ? try CalibrationOutputs.files(meta: meta, results: outcome.results)
                                 : CalibrationOutputs.shardFiles(meta: meta, results: outcome.results)
        do { return (try run.writeCalibration(files), meta, outcome.results) } catch { throw .run(error) }
    }
}
