/// Progress of a state computation: `done` of `total` correlation blocks
/// finished, most of the work on a wide universe (``CorrelationSeries``).
/// Called from the computation's threads, one call at a time, `done` rising
/// by one to `total`.
package typealias StateProgress = @Sendable (_ done: Int, _ total: Int) -> Void
