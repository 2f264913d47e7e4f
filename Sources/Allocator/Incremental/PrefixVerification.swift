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
/// nothing is written and everything is recomputed. The files are hashed
/// concurrently with each other (two inputs of 18 MB take one file's time on
/// two cores). The artifacts' check (``RunDirectory/verifyGeneration()``:
/// a torn set is repaired by recomputing it; so is a set without manifest,
/// since the update appends to CSVs it does not read back) runs beside them,
/// and its failure is the reason given before any other.
final class PrefixVerification: Sendable {
    private let prefixes: [InputPrefix]
    private let done = DispatchGroup()
    /// One slot per prefix, each filled by its task before `done` is left.
    private let slots: Locked<[Result<PrefixDigest, UpdateRefusal>?]>
    /// Why the artifacts do not match their manifest, when they do not.
    private let tornSet = Locked<UpdateRefusal?>(nil)

    /// Starts verifying `prefixes` of the input files in `directory`, and the
    /// artifacts in `output` against their manifest.
    init(_ prefixes: [InputPrefix], in directory: RunDirectory, generationOf output: RunDirectory) {
        self.prefixes = prefixes
        slots = Locked(Array(repeating: nil, count: prefixes.count))
        done.enter()
        DispatchQueue.global().async { [self] in
            // Largest first, so the longest stream starts at once; the artifacts last.
            let order = prefixes.indices.sorted { prefixes[$0].length > prefixes[$1].length }
            DispatchQueue.concurrentPerform(iterations: order.count + 1) { k in
                guard k < order.count else {
                    do throws(AllocatorError) {
                        if try output.verifyGeneration() == nil {
                            tornSet.withLock {
                                $0 = UpdateRefusal("\(output.path) has no \(GenerationManifest.fileName) to check its artifacts against")
                            }
                        }
                    } catch { tornSet.withLock { $0 = UpdateRefusal(error.description) } }
                    return
                }
                let i = order[k]
                let result = directory.verifyPrefix(prefixes[i])
                slots.withLock { $0[i] = result }
            }
            done.leave()
        }
    }

    /// The open digest of every prefix by input name, or the first input's reason (in the snapshot's order) why not.
    func wait() -> Result<[String: PrefixDigest], UpdateRefusal> {
        if let (_, refusal) = firstFailure() { return .failure(refusal) }
        var digests: [String: PrefixDigest] = [:]
        for (prefix, result) in zip(prefixes, slots.withLock { $0 }) { if case .success(let d)? = result { digests[prefix.name] = d } }
        return .success(digests)
    }

    /// The first failure: a torn set of artifacts (index −1), else the first
    /// prefix (in the snapshot's order) that does not verify, with why.
    func firstFailure() -> (index: Int, refusal: UpdateRefusal)? {
        done.wait()
        if let torn = tornSet.withLock({ $0 }) { return (-1, torn) }
        for (i, result) in slots.withLock({ $0 }).enumerated() {
            switch result {
            case .success?: continue
            case .failure(let refusal)?: return (i, refusal)
            case nil: return (i, UpdateRefusal("\(prefixes[i].name): its prefix was not verified"))
            }
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
