import TimeSeries

/// Findings of a validator: errors fail the run, warnings are reported.
package struct ValidationReport: Sendable {
    package var errors: [String] = []
    package var warnings: [String] = []
    package var isValid: Bool { errors.isEmpty }
    package init() {}
}

/// Validates a state table and its metadata (SPEC §3).
package enum StateValidator {
    /// Share of dropped rows above which a warning is raised.
    package static let dropWarningThreshold = 0.05

    /// Errors: a required feature column missing; dates not strictly
    /// increasing; a missing value in a required feature; a required feature
    /// listed as missing in metadata. Warnings: missing values in an optional
    /// feature; `rows_dropped / rows_requested > 5%`.
    package static func validate(columns names: [String], dates: [TradingDate], values: [[Double]],
                                metadata: JSONValue?) -> ValidationReport {
        var report = validateTable(columns: names, dates: dates, values: values)
        if let metadata {
            var listed: [String] = []
            if case .array(let items)? = metadata["features_missing"] { listed = items.compactMap(\.stringValue) }
            checkMetadata(featuresMissing: listed, rowsRequested: metadata["rows_requested"]?.intValue,
                          rowsDropped: metadata["rows_dropped"]?.intValue, into: &report)
        }
        return report
    }

    /// Validates an in-memory state with its metadata (the typed values, not their JSON).
    package static func validate(_ state: AllocatorState, metadata: StateMetadata) -> ValidationReport {
        var report = validateTable(columns: state.features.map(\.rawValue), dates: state.dates, values: state.columns)
        checkMetadata(featuresMissing: metadata.featuresMissing.map(\.rawValue), rowsRequested: metadata.accounting.rowsRequested,
                      rowsDropped: metadata.accounting.rowsDropped, into: &report)
        return report
    }

    /// The table's checks: required columns, strictly increasing dates, missing values.
    private static func validateTable(columns names: [String], dates: [TradingDate], values: [[Double]]) -> ValidationReport {
        var report = ValidationReport()
        for f in StateFeature.required where !names.contains(f.rawValue) {
            report.errors.append("required feature column `\(f.rawValue)` is missing")
        }
        if let k = dates.indices.dropLast().first(where: { dates[$0] >= dates[$0 + 1] }) {
            report.errors.append("dates are not strictly increasing at row \(k + 2) (\(dates[k]) then \(dates[k + 1]))")
        }
        for (c, name) in names.enumerated() {
            guard let feature = StateFeature(rawValue: name), let first = values[c].firstIndex(where: \.isNaN) else { continue }
            let missing = values[c][first...].reduce(0) { $1.isNaN ? $0 + 1 : $0 }
            if feature.isRequired {
                report.errors.append("required feature `\(name)` has \(missing) missing value(s), first on \(dates[first])")
            } else {
                report.warnings.append("optional feature `\(name)` has \(missing) missing value(s), first on \(dates[first])")
            }
        }
        return report
    }

    /// The metadata's checks: no required feature listed as missing; the drop warning.
    private static func checkMetadata(featuresMissing: [String], rowsRequested: Int?, rowsDropped: Int?,
                                      into report: inout ValidationReport) {
        for name in featuresMissing {
            if let f = StateFeature(rawValue: name), f.isRequired {
                report.errors.append("metadata lists required feature `\(name)` as missing")
            }
        }
        if let requested = rowsRequested, let dropped = rowsDropped, let warning = dropWarning(dropped: dropped, requested: requested) {
            report.warnings.append(warning)
        }
    }

    /// The SPEC's wording of the drop warning, or `nil` at or below the threshold.
    package static func dropWarning(dropped: Int, requested: Int) -> String? {
        guard requested > 0 else { return nil }
        let share = Double(dropped) / Double(requested)
        guard share > dropWarningThreshold else { return nil }
        return "⚠️  Large number of rows dropped: \(dropped)/\(requested) (\(fixed(share * 100, 1))% > \(fixed(dropWarningThreshold * 100, 1))% threshold). This may indicate data quality issues or misaligned inputs."
    }
}

/// Validates the required inputs before computing (SPEC §3).
package enum InputValidator {
    /// Common dates below this share of the longest input raise a warning.
    package static let overlapWarningThreshold = 0.9

    /// Errors: an input empty; no common date. Warning: common dates < 90% of the longest input.
    package static func validate(_ inputs: StateInputs) -> ValidationReport {
        validate(inputs, commonDateCount: inputs.commonDates.count)
    }

    /// ``validate(_:)`` when the caller has already aligned the inputs on their `commonDateCount` common dates.
    package static func validate(_ inputs: StateInputs, commonDateCount: Int) -> ValidationReport {
        var report = ValidationReport()
        let lengths = [("portfolio_returns", inputs.portfolioReturns.dates.count),
                       ("equity_curve", inputs.equityCurve.dates.count),
                       ("asset_returns", inputs.assetReturns.rowCount)]
        for (name, n) in lengths where n == 0 { report.errors.append("input `\(name)` is empty") }
        if inputs.assetReturns.columnCount == 0 { report.errors.append("input `asset_returns` has no asset columns") }
        guard report.isValid else { return report }
        let common = commonDateCount
        let longest = lengths.map(\.1).max() ?? 0
        if common == 0 {
            report.errors.append("no common date across " + lengths.map { "\($0.0) (\($0.1) rows)" }.joined(separator: ", "))
        } else if Double(common) < overlapWarningThreshold * Double(longest) {
            report.warnings.append("common dates (\(common)) are fewer than 90% of the longest input (\(longest) rows)")
        }
        return report
    }
}
