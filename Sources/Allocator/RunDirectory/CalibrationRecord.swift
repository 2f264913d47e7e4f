import TimeSeries

/// A finished calibration as the audit report shows it (SPEC §11): the
/// defaults' score against the best candidate's, regime shares before and
/// after, and each searched parameter's base and best value.
///
/// Read from `calibration/candidates.csv` (its first row is the best) and
/// `calibration/calibration.json` (`parameters`, `base_values`, `evaluated`,
/// and `defaults` with the same keys as the table's columns).
package struct CalibrationRecord: Equatable, Sendable {
    /// A searched parameter.
    package struct Parameter: Equatable, Sendable {
        package var name: String
        /// Its value in the base configuration (the defaults unless `--config` set it).
        package var baseValue: Double
        /// Its value in the best candidate.
        package var bestValue: Double
    }

    /// Score of the base configuration (train period, or the whole run).
    package var defaultScore: Double
    /// Score of the best candidate.
    package var bestScore: Double
    /// Candidates evaluated.
    package var candidateCount: Int
    /// NORMAL, ELEVATED, STRESS, CRISIS shares with the base configuration.
    package var sharesBefore: [Double]
    /// The same with the best candidate.
    package var sharesAfter: [Double]
    /// Searched parameters, in search order.
    package var parameters: [Parameter]

    /// The four share columns, in severity order.
    package static let shareColumns = ["share_normal", "share_elevated", "share_stress", "share_crisis"]

    /// `nil` when the table has no row or a column the metadata names is missing.
    init?(table: CandidateTable, meta: JSONValue) {
        guard let best = table.rows.first, let scoreColumn = table.column("score"),
              let defaults = meta["defaults"], let defaultScore = defaults["score"]?.doubleValue,
              case .array(let names)? = meta["parameters"], let evaluated = meta["evaluated"]?.intValue else { return nil }
        var before: [Double] = [], after: [Double] = []
        for name in Self.shareColumns {
            guard let c = table.column(name), let v = defaults[name]?.doubleValue else { return nil }
            before.append(v)
            after.append(best[c])
        }
        var parameters: [Parameter] = []
        for item in names {
            guard let name = item.stringValue, let c = table.column(name),
                  let base = meta["base_values"]?[name]?.doubleValue else { return nil }
            parameters.append(Parameter(name: name, baseValue: base, bestValue: best[c]))
        }
        self.defaultScore = defaultScore
        bestScore = best[scoreColumn]
        candidateCount = evaluated
        sharesBefore = before
        sharesAfter = after
        self.parameters = parameters
    }
}
