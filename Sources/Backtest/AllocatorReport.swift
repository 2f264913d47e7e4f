import Allocator
import TimeSeries

/// The allocator section of the run summary (SPEC §6): mode, how many
/// rebalances were (or, in mode `off`, would have been) scaled, the mean /
/// min / max scalar, and the five strongest de-risk dates with their regime.
package struct AllocatorReport: Sendable {
    /// One de-risk date.
    package struct DeRisk: Sendable, Equatable {
        package var date: TradingDate
        package var scalar: Double
        /// The previous rebalance: applied scalars lag one rebalance, so this
        /// is when the scalar was decided (`nil` for the first rebalance).
        package var decidedOn: TradingDate?
        /// Regime on `decidedOn` (last one on or before it), when known.
        package var regime: String?
    }

    package var mode: AllocatorSettings.Mode
    /// Where the scalars come from, for the reader.
    package var scalarSource: String
    package var rebalances: Int
    /// Rebalances whose scalar is below 1.
    package var scaled: Int
    package var meanScalar: Double
    package var minScalar: Double
    package var maxScalar: Double
    /// Up to five lowest scalars, lowest first (ties: earlier date first),
    /// with the regime that produced each.
    package var topDeRisk: [DeRisk]

    /// Builds the section from scalars at rebalance dates and a regime series.
    package init(mode: AllocatorSettings.Mode, scalarSource: String, dates: [TradingDate], scalars: [Double],
                regimes: (dates: [TradingDate], labels: [String])?) {
        self.mode = mode
        self.scalarSource = scalarSource
        let present = scalars.filter { !$0.isNaN }
        rebalances = scalars.count
        scaled = present.filter { $0 < 1.0 }.count
        meanScalar = present.isEmpty ? .nan : present.reduce(0, +) / Double(present.count)
        minScalar = present.min() ?? .nan
        maxScalar = present.max() ?? .nan
        let order = scalars.indices.filter { !scalars[$0].isNaN && scalars[$0] < 1.0 }
            .sorted { scalars[$0] != scalars[$1] ? scalars[$0] < scalars[$1] : $0 < $1 }
            .prefix(5)
        topDeRisk = order.map { k in
            let decided: TradingDate? = k > 0 ? dates[k - 1] : nil
            var label: String?
            if let decided, let regimes, let row = Alignment.lastOnOrBefore(date: decided, in: regimes.dates) {
                label = regimes.labels[row]
            }
            return DeRisk(date: dates[k], scalar: scalars[k], decidedOn: decided, regime: label)
        }
    }

    /// The section for a finished run. Mode `off` reports the applied
    /// scalars the allocator step computed for this run (not used); a scaled
    /// mode reports the scalars it used, with the regimes of the run that
    /// produced them (`regimeDirectory`: the source run for `precomputed`).
    /// `nil` when mode `off` has no scalars (the allocator step failed).
    package static func forRun(_ result: BacktestResult, step: AllocatorStepOutcome, regimeDirectory: String) -> AllocatorReport? {
        if result.allocatorMode == .off {
            guard let pipeline = step.pipeline, let applied = pipeline.applied else { return nil }
            return AllocatorReport(mode: .off, scalarSource: "applied scalars computed by this run (not used in mode off)",
                                   dates: applied.dates, scalars: applied.values,
                                   regimes: (pipeline.regimes.dates, pipeline.regimes.labels))
        }
        let regimes = RunDirectory(path: regimeDirectory).readRegimeLabels()
        return AllocatorReport(mode: result.allocatorMode, scalarSource: "scalars used at rebalances",
                               dates: result.rebalanceDates, scalars: result.scalars.map(\.applied), regimes: regimes)
    }
}
