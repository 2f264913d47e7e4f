import Testing
import TimeSeries
@testable import Allocator

/// SPEC §3 validators on hand-made tables.
@Suite struct StateValidatorTests {
    let dates = GeneratedInputs.weekdays(3)
    var names: [String] { StateFeature.required.map(\.rawValue) }
    var values: [[Double]] { StateFeature.required.map { _ in [0.1, 0.2, 0.3] } }

    func meta(requested: Int, dropped: Int, missing: [String] = []) -> JSONValue {
        .object([("features_missing", .array(missing.map { .string($0) })),
                 ("rows_requested", .int(requested)), ("rows_dropped", .int(dropped))])
    }

    @Test func dropWarningWordingAndThreshold() {
        #expect(StateValidator.dropWarning(dropped: 59, requested: 310)
            == "⚠️  Large number of rows dropped: 59/310 (19.0% > 5.0% threshold). This may indicate data quality issues or misaligned inputs.")
        #expect(StateValidator.dropWarning(dropped: 5, requested: 100) == nil, "exactly 5% does not warn")
        #expect(StateValidator.dropWarning(dropped: 59, requested: 1755) == nil)
        #expect(StateValidator.dropWarning(dropped: 6, requested: 100)?.contains("6/100 (6.0% > 5.0% threshold)") == true)
        #expect(StateValidator.dropWarning(dropped: 1, requested: 3)?.contains("(33.3% > ") == true)
        #expect(StateValidator.dropWarning(dropped: 0, requested: 0) == nil)
    }

    @Test func validTableHasNoFindings() {
        let report = StateValidator.validate(columns: names, dates: dates, values: values, metadata: meta(requested: 3, dropped: 0))
        #expect(report.errors.isEmpty && report.warnings.isEmpty)
    }

    @Test func errors() {
        var missingColumn = names; missingColumn.removeLast()
        #expect(!StateValidator.validate(columns: missingColumn, dates: dates, values: Array(values.dropLast()), metadata: nil).isValid)
        #expect(!StateValidator.validate(columns: names, dates: [dates[1], dates[0], dates[2]], values: values, metadata: nil).isValid)
        #expect(!StateValidator.validate(columns: names, dates: [dates[0], dates[0], dates[2]], values: values, metadata: nil).isValid)
        var withGap = values; withGap[3][1] = .nan
        let gap = StateValidator.validate(columns: names, dates: dates, values: withGap, metadata: nil)
        #expect(gap.errors == ["required feature `dd_level` has 1 missing value(s), first on \(dates[1])"])
        let listed = StateValidator.validate(columns: names, dates: dates, values: values,
                                             metadata: meta(requested: 3, dropped: 0, missing: ["corr_20d"]))
        #expect(listed.errors.count == 1)
    }

    @Test func optionalGapsWarn() {
        let report = StateValidator.validate(columns: names + ["trend_breadth_20d"], dates: dates,
                                             values: values + [[0.5, .nan, 0.5]], metadata: meta(requested: 3, dropped: 0))
        #expect(report.isValid)
        #expect(report.warnings.count == 1)
    }

    @Test func inputValidatorWarnsOnSmallOverlap() {
        var gen = GeneratedInputs(seed: 161)
        let all = GeneratedInputs.weekdays(100)
        var inputs = gen.inputs(dates: all, assets: gen.assetReturns(rows: 100, assets: 3))
        #expect(InputValidator.validate(inputs).warnings.isEmpty)
        inputs.assetReturns = inputs.assetReturns.rows(0..<89)
        #expect(InputValidator.validate(inputs).warnings.count == 1, "89 common of 100")
        inputs.assetReturns = GeneratedInputs.panel([], [[], [], []])
        #expect(!InputValidator.validate(inputs).isValid)
    }
}
