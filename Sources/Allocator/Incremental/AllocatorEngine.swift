import TimeSeries

/// What one common date produced in the ``AllocatorEngine``.
public struct EngineStep: Sendable {
    /// The date's feature row, in ``StateStepper/features`` order (NaN while windows fill).
    public var features: [Double]
    /// Whether every required feature is present (the row is part of the state table).
    public var isValid: Bool
    /// The regime of a valid row.
    public var regime: Regime?
    /// The risk scalar of a valid row.
    public var riskScalar: Double?
    /// The sleeve scalars of a valid row, one per sleeve stepper (SPEC §10); `nil` without sleeve scalars.
    public var sleeveScalars: [Double]? = nil
}

/// The allocator as a step function (SPEC §7): push one common date's inputs,
/// get that date's state row, regime and risk scalar — or only a warming-up
/// row while the windows fill.
///
/// It chains the same steppers the batch layers use (``StateStepper``,
/// ``RegimeStepper``, ``RiskStepper``): a valid state row feeds the regime
/// stepper, whose regime feeds the risk EWMA — and, with sleeve scalars
/// (SPEC §10), one more ``RiskStepper`` per sleeve on the same regime. Cost
/// per date is independent of history length.
public struct AllocatorEngine: Sendable {
    package private(set) var state: StateStepper
    package private(set) var regime: RegimeStepper
    package private(set) var risk: RiskStepper
    /// One stepper per sleeve scalar, in the run's sleeve order (empty without sleeve scalars).
    package private(set) var sleeveRisk: [RiskStepper]
    /// Number of valid rows so far (rows of the state table).
    public private(set) var validRows = 0

    /// An engine that has seen no date, for these input widths (`nil` = the optional input is absent);
    /// `sleeveRiskConfigs` (``SleeveRiskConfig/config(of:)`` of each sleeve) adds sleeve scalars.
    public init(assetCount: Int, trendColumnCount: Int?, sleeveColumnCount: Int?,
                thresholds: RegimeThresholds, riskConfig: RiskConfig, sleeveRiskConfigs: [RiskConfig] = []) throws(AllocatorError) {
        do { regime = try RegimeStepper(thresholds: thresholds) } catch { throw AllocatorError(error) }
        do { risk = try RiskStepper(config: riskConfig) } catch { throw AllocatorError(error) }
        var sleeves: [RiskStepper] = []
        for config in sleeveRiskConfigs {
            do { sleeves.append(try RiskStepper(config: config)) } catch { throw AllocatorError(error) }
        }
        sleeveRisk = sleeves
        state = StateStepper(assetCount: assetCount, trendColumnCount: trendColumnCount,
                             sleeveColumnCount: sleeveColumnCount)
    }

    init(state: StateStepper, regime: RegimeStepper, risk: RiskStepper, sleeveRisk: [RiskStepper], validRows: Int) {
        self.state = state
        self.regime = regime
        self.risk = risk
        self.sleeveRisk = sleeveRisk
        self.validRows = validRows
    }

    /// Processes the next common date.
    package mutating func step(_ input: StateInputRow) -> EngineStep {
        finish(state.push(input).values)
    }

    /// Processes several common dates in order — the same results as stepping
    /// them one by one, with the correlation windows of a run of dates computed
    /// together (one thread per window) instead of one date at a time.
    public mutating func step(_ inputs: [OwnedStateInputRow]) -> [EngineStep] {
        var steps: [EngineStep] = []
        steps.reserveCapacity(inputs.count)
        var start = 0
        while start < inputs.count {
            let end = min(inputs.count, start + StateStepper.maximumPendingRows)
            var rows = inputs[start..<end].map { input in input.withRow { state.pushPending($0) } }
            state.completeCorrelations(&rows)
            for row in rows { steps.append(finish(row.values)) }
            start = end
        }
        return steps
    }

    /// Processes several common dates in order whose correlation features are
    /// already known: `correlations.fast[i]`, `correlations.slow[i]` are
    /// `corr_20d`, `corr_60d` of `inputs[i]`, as ``CorrelationSeries`` computes
    /// them over the asset returns of every date the engine has seen (the same
    /// bits as the engine's own kernels: a window's value is a function of its
    /// anchor's rows alone). The dates' asset returns are kept as
    /// ``step(_:)-([OwnedStateInputRow])`` keeps them, so a later step computes
    /// its correlations again: its kernels rebuild from their anchor.
    package mutating func step(_ inputs: [OwnedStateInputRow],
                               correlations: (fast: ArraySlice<Double>, slow: ArraySlice<Double>)) -> [EngineStep] {
        precondition(correlations.fast.count == inputs.count && correlations.slow.count == inputs.count)
        var steps: [EngineStep] = []
        steps.reserveCapacity(inputs.count)
        for (i, input) in inputs.enumerated() {
            var row = input.withRow { state.pushPending($0) }
            row.setCorrelations(fast: correlations.fast[correlations.fast.startIndex + i],
                                slow: correlations.slow[correlations.slow.startIndex + i])
            steps.append(finish(row.values))
        }
        return steps
    }

    /// Regime and risk for a completed feature row.
    private mutating func finish(_ values: [Double]) -> EngineStep {
        let row = StateRow(values: values, features: state.features)
        guard row.isValid else {
            return EngineStep(features: values, isValid: false, regime: nil, riskScalar: nil)
        }
        validRows += 1
        let r = regime.step(row.regimeInputs)
        let scalar = risk.step(r)
        let sleeves: [Double]? = sleeveRisk.isEmpty ? nil : sleeveRisk.indices.map { sleeveRisk[$0].step(r) }
        return EngineStep(features: values, isValid: true, regime: r, riskScalar: scalar, sleeveScalars: sleeves)
    }

    /// Advances only the regime and risk steppers over an already computed valid state row;
    /// appends each sleeve stepper's scalar to `sleeveColumns[s]`.
    mutating func replayValidRow(_ row: StateRow, sleeveColumns: inout [[Double]]) -> (Regime, Double) {
        validRows += 1
        let r = regime.step(row.regimeInputs)
        for s in sleeveRisk.indices { sleeveColumns[s].append(sleeveRisk[s].step(r)) }
        return (r, risk.step(r))
    }
}

/// One common date's inputs held in arrays, for ``AllocatorEngine/step(_:)-([OwnedStateInputRow])``.
public struct OwnedStateInputRow: Sendable {
    /// The date's portfolio return.
    public var portfolioReturn: Double
    /// The date's equity.
    public var equity: Double
    /// The date's asset returns (missing = `.nan`).
    public var assetReturns: [Double]
    /// The date's trend-unit returns, when the engine has them.
    public var trendUnitReturns: [Double]?
    /// The date's sleeve returns, when the engine has them.
    public var sleeveReturns: [Double]?

    /// One common date's inputs.
    public init(portfolioReturn: Double, equity: Double, assetReturns: [Double], trendUnitReturns: [Double]? = nil,
                sleeveReturns: [Double]? = nil) {
        self.portfolioReturn = portfolioReturn
        self.equity = equity
        self.assetReturns = assetReturns
        self.trendUnitReturns = trendUnitReturns
        self.sleeveReturns = sleeveReturns
    }

    /// Calls `body` with the row as a ``StateInputRow``.
    package func withRow<R>(_ body: (StateInputRow) -> R) -> R {
        assetReturns.withUnsafeBufferPointer { a in
            withOptionalBuffer(trendUnitReturns) { t in
                withOptionalBuffer(sleeveReturns) { s in
                    body(StateInputRow(portfolioReturn: portfolioReturn, equity: equity, assetReturns: a,
                                       trendUnitReturns: t, sleeveReturns: s))
                }
            }
        }
    }
}
