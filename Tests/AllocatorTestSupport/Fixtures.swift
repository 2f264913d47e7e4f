import TimeSeries

/// Locates the golden reference runs, `../shared/fixtures/reference-runs`
/// beside the package root. Tests that read them are declared with
/// `.enabled(if: Fixtures.available)`, so a clone without `../shared`
/// reports them as skipped rather than passed.
package enum Fixtures {
    /// The package root (the folder holding `Package.swift`).
    package static let packageRoot: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/AllocatorTestSupport/Fixtures.swift
        return parts.joined(separator: "/")
    }()

    /// The folder of reference runs.
    package static let referenceRuns = packageRoot + "/../shared/fixtures/reference-runs"

    /// Whether the reference runs exist (the condition of `.enabled(if:)`).
    package static let available: Bool = FileBytes.isDirectory(referenceRuns)

    /// The reason shown beside a skipped fixture test.
    package static let unavailableReason = "needs the reference runs in ../shared/fixtures/reference-runs"

    /// The directory of reference run `name`.
    package static func run(_ name: String) -> String { referenceRuns + "/" + name }

    /// The reference run produced by the Python reference's default backtest.
    package static let baseline = "baseline_20200106_20251031"

    /// The reference runs that carry state artifacts.
    package static let runsWithState = [
        "baseline_20200106_20251031", "allocpass2_20200106_20251031", "core_v9_baseline_phase0_20251217_193451",
        "test_allocator_state_integration", "test_allocator_finalized", "test_stage4a_complete",
    ]

    /// A parsed JSON file of a run directory.
    package static func json(_ directory: String, _ file: String) throws -> JSONValue {
        try JSONParser.parse(FileBytes.read(path: directory + "/" + file))
    }
}
