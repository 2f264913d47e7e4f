import TimeSeries

/// Batch regime classification over a whole state table (SPEC §4).
///
/// Runs one ``RegimeStepper`` over the rows in date order, so the batch and
/// an incremental engine share the per-row arithmetic exactly.
///
/// ```swift
/// let classifier = try RegimeClassifier(thresholds: RegimeThresholds())
/// let regimes = try classifier.classify(state)
/// ```
package struct RegimeClassifier: Sendable {
    /// Version written to the metadata.
    package static let version = "v1.0"

    package let thresholds: RegimeThresholds

    /// - Throws: ``RegimeThresholdError`` when the thresholds break a rule.
    package init(thresholds: RegimeThresholds = RegimeThresholds()) throws(RegimeThresholdError) {
        try thresholds.validate()
        self.thresholds = thresholds
    }

    /// The regime of every row of `state`.
    ///
    /// - Throws: ``RegimeInputError/missingColumn(_:)`` when the state lacks
    ///   `vol_accel`, `corr_shock`, `dd_level` or `dd_slope_10d`.
    package func classify(_ state: AllocatorState) throws(RegimeInputError) -> RegimeSeries {
        guard let volAccel = state.values(.volAccel) else { throw .missingColumn(.volAccel) }
        guard let corrShock = state.values(.corrShock) else { throw .missingColumn(.corrShock) }
        guard let ddLevel = state.values(.ddLevel) else { throw .missingColumn(.ddLevel) }
        guard let ddSlope = state.values(.ddSlope10d) else { throw .missingColumn(.ddSlope10d) }
        // Thresholds were validated in init, so this cannot fail.
        guard var stepper = try? RegimeStepper(thresholds: thresholds) else { preconditionFailure("validated thresholds") }
        var regimes: [Regime] = []
        regimes.reserveCapacity(state.dates.count)
        for i in state.dates.indices {
            let row = RegimeFeatureRow(volAccel: volAccel[i], corrShock: corrShock[i],
                                       ddLevel: ddLevel[i], ddSlope10d: ddSlope[i])
            regimes.append(stepper.step(row))
        }
        return RegimeSeries(dates: state.dates, regimes: regimes)
    }
}

/// A state table the regime layer cannot read.
package enum RegimeInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A feature the classifier needs is not a column of the state.
    case missingColumn(StateFeature)

    package var description: String {
        switch self {
        case .missingColumn(let f): return "required column `\(f.rawValue)` is missing from the state table"
        }
    }
}
