import Allocator
import AllocatorTestSupport
import Testing
import TimeSeries

/// The reference runs beside the package (`../shared/fixtures/reference-runs`),
/// read with TimeSeries' readers (Audit itself never touches files).
enum AuditFixtures {
    static let referenceRuns = Fixtures.referenceRuns
    static let baselineRun = "baseline_20200106_20251031"
    static let scaledRun = "allocpass2_20200106_20251031"

    /// True when both two-pass runs are present.
    static let available: Bool = FileBytes.isDirectory(referenceRuns + "/" + baselineRun)
        && FileBytes.isDirectory(referenceRuns + "/" + scaledRun)

    static func path(_ run: String, _ file: String) -> String { referenceRuns + "/" + run + "/" + file }

    static func series(_ run: String, _ file: String, column: String) throws -> Series {
        let panel = try CSVReader.read(path: path(run, file))
        let values = panel.seriesColumn(preferring: column)!.values
        return Series(dates: panel.dates, values: values)
    }

    static func json(_ run: String, _ file: String) throws -> JSONValue {
        try JSONParser.parse(try FileBytes.read(path: path(run, file)))
    }

    /// SPEC §9 `scalar_meta`: the first of the three metadata files present, `{}` when none.
    static func scalarMeta(_ run: String) throws -> JSONValue {
        for file in ["allocator_precomputed_meta.json", "allocator_risk_v1_applied_meta.json", "allocator_risk_v1_meta.json"]
        where FileBytes.exists(path(run, file)) {
            return try json(run, file)
        }
        return .object([])
    }

    static func usedScalars(_ run: String) throws -> Series? {
        let file = "allocator_risk_v1_applied_used.csv"
        guard FileBytes.exists(path(run, file)) else { return nil }
        return try series(run, file, column: "risk_scalar_used")
    }

    static func passSummary(_ run: String) throws -> PassSummaryInputs {
        PassSummaryInputs(equity: try series(run, "equity_curve.csv", column: "equity"),
                          used: try usedScalars(run), meta: try scalarMeta(run))
    }

    struct PassSummaryInputs {
        var equity: Series
        var used: Series?
        var meta: JSONValue
    }
}

/// Walks two JSON documents: same keys in the same order, same kinds,
/// strings / ints / bools / nulls exact, doubles within `tolerance`.
/// Returns the largest |difference| of the doubles.
@discardableResult
func expectJSON(_ ours: JSONValue, _ reference: JSONValue, tolerance: Double, path: String = "$") -> Double {
    switch (ours, reference) {
    case let (.object(a), .object(b)):
        #expect(a.map(\.0) == b.map(\.0), "keys at \(path)")
        var worst = 0.0
        for ((k, x), (_, y)) in zip(a, b) { worst = max(worst, expectJSON(x, y, tolerance: tolerance, path: path + "." + k)) }
        return worst
    case let (.array(a), .array(b)):
        #expect(a.count == b.count, "length at \(path)")
        var worst = 0.0
        for (i, (x, y)) in zip(a, b).enumerated() { worst = max(worst, expectJSON(x, y, tolerance: tolerance, path: path + "[\(i)]")) }
        return worst
    case let (.double(x), .double(y)):
        let d = abs(x - y)
        #expect(d <= tolerance, "\(path): \(x) vs \(y)")
        return d
    default:
        #expect(ours == reference, "\(path)")
        return 0
    }
}
