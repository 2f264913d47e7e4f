import Dispatch

/// The check of every consumed input prefix (SPEC §12), and of the artifacts
/// against their manifest, run in the background while `update` reads the
/// new rows and steps the engine.
///
/// Streaming the prefixes through SHA-256 is most of a one-day update's work
/// on a large run (108 MB at 1000 assets × 5000 days), and nothing else in
/// the update depends on its outcome until the first byte is written. So the
/// updater starts it first, overlaps it with its own work on the other core,
/// and ``wait()``s for it before writing anything: a changed past still means
/// nothing is written and everything is recomputed.
///
/// The work is a list of jobs, one per file (each input prefix, each artifact
/// the manifest lists) and one for the directory listing, largest first. One
/// background thread takes jobs from the start; the thread that waits takes
/// the rest with it, so on two cores the files are hashed on both as soon as
/// the updater has nothing else to do (on the baseline fixture the update
/// waited 2 ms for one background thread, the last 0.5 MB artifact check
/// queued behind the inputs).
///
/// The artifacts' check is that of ``RunDirectory/verifyGeneration()``: a
/// torn set is repaired by recomputing it, and so is a set without manifest,
/// since the update appends to CSVs it does not read back. Its failure is the
/// reason given before any other.
final class PrefixVerification: Sendable {
    /// One unit of the work.
    private enum Job: Sendable {
        /// Input prefix `index` (in the snapshot's order).
        case prefix(index: Int)
        /// An artifact against its entry in the manifest.
        case artifact(GenerationManifest.Entry, of: GenerationManifest)
        /// No artifact present that the manifest does not list.
        case listing(GenerationManifest)
    }

    private let prefixes: [InputPrefix]
    private let inputs: RunDirectory
    private let output: RunDirectory
    private let jobs: [Job]
    /// Index of the next job not yet taken.
    private let next = Locked(0)
    /// Left when the background thread has no job left.
    private let background = DispatchGroup()
    /// One slot per prefix, each filled by its job: the open digest, or why not.
    /// (Two optional arrays rather than `[Result<PrefixDigest, UpdateRefusal>?]`,
    /// whose metadata costs a conformance lookup when the update starts.)
    private let digests: Locked<[PrefixDigest?]>
    private let refusals: Locked<[UpdateRefusal?]>
    /// Why the artifacts do not match their manifest, when they do not.
    private let tornSet: Locked<UpdateRefusal?>

    /// Starts verifying `prefixes` of the input files in `directory`, and the
    /// artifacts in `output` against their manifest.
    init(_ prefixes: [InputPrefix], in directory: RunDirectory, generationOf output: RunDirectory) {
        self.prefixes = prefixes
        inputs = directory
        self.output = output
        digests = Locked(Array(repeating: nil, count: prefixes.count))
        refusals = Locked(Array(repeating: nil, count: prefixes.count))
        var sized: [(bytes: Int, job: Job)] = prefixes.indices.map { (prefixes[$0].length, .prefix(index: $0)) }
        var known: UpdateRefusal?
        do throws(AllocatorError) {
            if let manifest = try output.completeManifest() {
                sized += manifest.entries.map { ($0.size, .artifact($0, of: manifest)) }
                sized.append((0, .listing(manifest)))
            } else {
                known = UpdateRefusal("\(output.path) has no \(GenerationManifest.fileName) to check its artifacts against")
            }
        } catch {
            known = UpdateRefusal(error.description)
        }
        tornSet = Locked(known)
        jobs = sized.sorted { $0.bytes > $1.bytes }.map(\.job)
        background.enter()
        DispatchQueue.global().async { [self] in
            drain()
            background.leave()
        }
    }

    /// Runs jobs until none is left.
    private func drain() {
        while true {
            let k = next.withLock { n -> Int in
                defer { n += 1 }
                return n
            }
            guard k < jobs.count else { return }
            run(jobs[k])
        }
    }

    private func run(_ job: Job) {
        switch job {
        case .prefix(let i):
            switch inputs.verifyPrefix(prefixes[i]) {
            case .success(let digest): digests.withLock { $0[i] = digest }
            case .failure(let refusal): refusals.withLock { $0[i] = refusal }
            }
        case .artifact(let entry, let manifest):
            if !output.matches(entry) { markTorn(after: manifest) }
        case .listing(let manifest):
            if output.hasUnlistedArtifacts(manifest) { markTorn(after: manifest) }
        }
    }

    private func markTorn(after manifest: GenerationManifest) {
        let refusal = UpdateRefusal(output.tornWrite(after: manifest).description)
        tornSet.withLock { $0 = refusal }
    }

    /// Takes the jobs still queued on this thread, then waits for the background thread's.
    private func finish() {
        drain()
        background.wait()
    }

    /// The open digest of every prefix by input name, or the first reason (see ``firstFailure()``) why not.
    func wait() -> Result<[String: PrefixDigest], UpdateRefusal> {
        if let (_, refusal) = firstFailure() { return .failure(refusal) }
        var byName: [String: PrefixDigest] = [:]
        for (prefix, digest) in zip(prefixes, digests.withLock { $0 }) { if let digest { byName[prefix.name] = digest } }
        return .success(byName)
    }

    /// The first failure: a torn set of artifacts (index −1), else the first
    /// prefix (in the snapshot's order) that does not verify, with why.
    func firstFailure() -> (index: Int, refusal: UpdateRefusal)? {
        finish()
        if let torn = tornSet.withLock({ $0 }) { return (-1, torn) }
        let found = digests.withLock { $0 }, refused = refusals.withLock { $0 }
        for i in prefixes.indices where found[i] == nil {
            return (i, refused[i] ?? UpdateRefusal("\(prefixes[i].name): its prefix was not verified"))
        }
        return nil
    }

    /// `refusal`, found while the prefixes were being checked, unless the set
    /// of artifacts is torn or a prefix up to input `index` failed: that reason
    /// comes first, as when the set and then each input's prefix were checked
    /// before anything else was read (`index` −1: the set only).
    func preferringPrefixFailure(_ refusal: UpdateRefusal, atInput index: Int = .max) -> UpdateRefusal {
        if let failure = firstFailure(), failure.index <= index { return failure.refusal }
        return refusal
    }
}
