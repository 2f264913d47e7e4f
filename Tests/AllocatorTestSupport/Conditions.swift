// Swift Testing is present for test builds only; a release `swift build` compiles this target without it.
#if canImport(Testing)
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the reference runs of ``Fixtures`` exist;
    /// otherwise Swift Testing reports it as skipped (not passed).
    package static var requiresFixtures: Self {
        .enabled(if: Fixtures.available, Comment(rawValue: Fixtures.unavailableReason))
    }

    /// Runs the test only when the `allocator` executable was built beside
    /// the test bundle; otherwise it is reported as skipped.
    package static var requiresAllocatorExecutable: Self {
        .enabled(if: AllocatorProcess.available, Comment(rawValue: AllocatorProcess.unavailableReason))
    }
}
#endif
