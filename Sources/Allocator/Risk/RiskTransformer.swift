import Logging
import TimeSeries

/// Batch regime → risk-scalar transformation (SPEC §5).
///
/// Runs one ``RiskStepper`` over the regimes in date order, so the batch and
/// an incremental engine share the per-row arithmetic exactly.
///
/// ```swift
/// let transformer = try RiskTransformer(config: RiskConfig(profile: .medium))
/// let risk = transformer.transform(regimes)
/// ```
package struct RiskTransformer: Sendable {
    /// Version written to the metadata.
    package static let version = "v1.0"

    package let config: RiskConfig

    /// - Throws: ``RiskConfigError`` naming the invalid parameter.
    package init(config: RiskConfig = RiskConfig()) throws(RiskConfigError) {
        try config.validate()
        self.config = config
    }

    /// Risk scalars for classified regimes.
    package func transform(_ regimes: RegimeSeries, logger: Logger? = nil) -> RiskSeries {
        transform(dates: regimes.dates, regimes: regimes.regimes.map { Optional($0) }, labels: nil, logger: logger)
    }

    /// Risk scalars for regime labels read from a file; a label that is no
    /// regime (or a regime the mapping lacks) scores 1.0 with a warning.
    package func transform(dates: [TradingDate], labels: [String], logger: Logger? = nil) -> RiskSeries {
        transform(dates: dates, regimes: labels.map { Regime(label: $0) }, labels: labels, logger: logger)
    }

    private func transform(dates: [TradingDate], regimes: [Regime?], labels: [String]?, logger: Logger?) -> RiskSeries {
        guard var stepper = try? RiskStepper(config: config) else { preconditionFailure("validated config") }
        var scalars: [Double] = []
        scalars.reserveCapacity(regimes.count)
        for regime in regimes { scalars.append(stepper.step(regime)) }
        let unmapped = unmappedLabels(regimes, labels: labels)
        if let logger { Self.warnUnmapped(unmapped, logger: logger) }
        return RiskSeries(dates: dates, scalars: scalars, regimes: regimes, unmappedLabels: unmapped)
    }

    /// The regimes the mapping does not cover (they score 1.0, ``RiskStepper/target(for:)``),
    /// as labels in first-seen order; `labels` names unknown regimes (`nil` entries).
    func unmappedLabels(_ regimes: [Regime?], labels: [String]? = nil) -> [String] {
        guard let stepper = try? RiskStepper(config: config) else { preconditionFailure("validated config") }
        var out: [String] = []
        for (i, regime) in regimes.enumerated() where !stepper.target(for: regime).mapped {
            let label = labels?[i] ?? regime?.label ?? "?"
            if !out.contains(label) { out.append(label) }
        }
        return out
    }

    /// The regimes of a classified series the mapping does not cover.
    func unmappedLabels(_ regimes: [Regime]) -> [String] {
        unmappedLabels(regimes.map { Optional($0) })
    }

    /// Logs the warning for unmapped regimes (SPEC §5), when there are any.
    static func warnUnmapped(_ labels: [String], logger: Logger = Logger(label: "Risk")) {
        guard !labels.isEmpty else { return }
        logger.warning("Unmapped regimes: \(labels.joined(separator: ", ")). Defaulting to NORMAL (1.0)")
    }
}
