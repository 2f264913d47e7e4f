import Allocator

/// Evaluates candidates on all cores (SPEC §11).
///
/// The selected indices (all, or those `≡ i (mod n)` for `--shard i/n`) are
/// cut into chunks; a task group keeps at most `threads` chunks in flight,
/// and each chunk's results are stored at the chunk's position, so the
/// output does not depend on the thread count or on scheduling.
package struct CalibrationSearch: Sendable {
    package var candidates: CandidateSet
    package var base: AllocatorConfig
    package var evaluator: CandidateEvaluator

    package init(candidates: CandidateSet, base: AllocatorConfig, evaluator: CandidateEvaluator) {
        self.candidates = candidates
        self.base = base
        self.evaluator = evaluator
    }

    /// What a search produced.
    package struct Outcome: Sendable {
        /// Evaluated candidates, in index order.
        package var results: [CandidateResult]
        /// Candidates whose configuration is invalid (skipped).
        package var skipped: Int
    }

    /// The configuration of candidate `k`: the base with its parameter values applied.
    package func configuration(_ k: Int) throws(CalibrationError) -> AllocatorConfig {
        var config = base
        for (name, value) in zip(candidates.names, candidates.values[k]) {
            try CalibrationParameter.apply(name, value, to: &config)
        }
        return config
    }

    /// Candidate `k`'s result, or `nil` when its configuration is invalid.
    package func evaluate(_ k: Int) -> CandidateResult? {
        guard let config = try? configuration(k), let scores = try? evaluator.evaluate(config) else { return nil }
        return CandidateResult(index: k, values: candidates.values[k], train: scores[0], test: scores.count > 1 ? scores[1] : nil)
    }

    /// Evaluates the shard's candidates with at most `threads` tasks at once;
    /// `progress(done, total)` is called from this task after each chunk.
    package func run(shard: (index: Int, count: Int)? = nil, threads: Int,
                     progress: (Int, Int) -> Void = { _, _ in }) async -> Outcome {
        let selected = shard.map { s in Array(stride(from: s.index, to: candidates.count, by: s.count)) } ?? Array(0..<candidates.count)
        let chunkSize = max(1, min(256, selected.count / max(1, threads * 8)))
        let chunks = stride(from: 0, to: selected.count, by: chunkSize).map { Array(selected[$0..<min($0 + chunkSize, selected.count)]) }
        var byChunk = [[CandidateResult?]](repeating: [], count: chunks.count)
        var done = 0
        await withTaskGroup(of: (Int, [CandidateResult?]).self) { group in
            var next = 0
            func submit() {
                let c = next, chunk = chunks[c]
                group.addTask { [self] in (c, chunk.map { evaluate($0) }) }
                next += 1
            }
            while next < min(max(1, threads), chunks.count) { submit() }
            for await (c, results) in group {
                byChunk[c] = results
                done += results.count
                progress(done, selected.count)
                if next < chunks.count { submit() }
            }
        }
        let all = byChunk.flatMap { $0 }
        return Outcome(results: all.compactMap { $0 }, skipped: all.count - all.compactMap { $0 }.count)
    }
}
