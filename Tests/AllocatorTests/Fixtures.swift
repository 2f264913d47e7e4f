import TimeSeries

/// Locates `../shared/fixtures/reference-runs` beside the package root.
enum Fixtures {
    static let packageRoot: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/AllocatorTests/Fixtures.swift
        return parts.joined(separator: "/")
    }()

    static let referenceRuns = packageRoot + "/../shared/fixtures/reference-runs"

    /// All reference runs; empty (with a printed reason) when the folder is absent.
    static let available: Bool = {
        let ok = FileBytes.isDirectory(referenceRuns)
        if !ok { print("[golden] skipped: \(referenceRuns) not found") }
        return ok
    }()

    static func run(_ name: String) -> String { referenceRuns + "/" + name }

    static let runsWithState = [
        "baseline_20200106_20251031", "allocpass2_20200106_20251031", "core_v9_baseline_phase0_20251217_193451",
        "test_allocator_state_integration", "test_allocator_finalized", "test_stage4a_complete",
    ]
}
