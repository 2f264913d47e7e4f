#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TimeSeries

extension RunDirectory {
    /// What a run directory's `allocator_manifest.json` says.
    package enum ManifestState: Sendable, Equatable {
        /// No manifest: written before generations existed (or never written).
        case absent
        /// A manifest that is not one (cannot happen through atomic writes; treated as torn).
        case unreadable
        case present(GenerationManifest)
    }

    /// The manifest of this directory.
    package func manifestState() -> ManifestState {
        let p = file(GenerationManifest.fileName)
        guard FileBytes.exists(p) else { return .absent }
        guard let bytes = try? FileBytes.read(path: p), let json = try? JSONParser.parse(bytes),
              let manifest = GenerationManifest(json: json) else { return .unreadable }
        return .present(manifest)
    }

    /// Checks the allocator artifacts against the manifest (SPEC §12).
    ///
    /// - Returns: the verified generation, or `nil` for a legacy directory
    ///   (no manifest: readable, unverified).
    /// - Throws: ``AllocatorError/incompleteGeneration(generation:directory:)``
    ///   when a write is marked in progress, an artifact's size or SHA-256
    ///   differs from its entry, a listed artifact is missing, or an artifact
    ///   is present that the manifest does not list.
    @discardableResult
    package func verifyGeneration() throws(AllocatorError) -> Int? {
        guard let m = try completeManifest() else { return nil }
        for entry in m.entries where !matches(entry) { throw tornWrite(after: m) }
        if hasUnlistedArtifacts(m) { throw tornWrite(after: m) }
        return m.generation
    }

    /// What a set that does not match `manifest` is: a write of the next generation cut short.
    func tornWrite(after manifest: GenerationManifest) -> AllocatorError {
        .incompleteGeneration(generation: manifest.generation + 1, directory: path)
    }

    /// The manifest when it describes a complete generation, `nil` when there
    /// is none; throws when it is unreadable or marks a write in progress.
    /// (The first of ``verifyGeneration()``'s checks; the others are
    /// ``matches(_:)`` per entry and ``hasUnlistedArtifacts(_:)``.)
    func completeManifest() throws(AllocatorError) -> GenerationManifest? {
        switch manifestState() {
        case .absent: return nil
        case .unreadable: throw .incompleteGeneration(generation: 0, directory: path)
        case .present(let m):
            guard m.complete else { throw .incompleteGeneration(generation: m.generation, directory: path) }
            return m
        }
    }

    /// Whether the artifact `entry` names has the size and SHA-256 it records.
    func matches(_ entry: GenerationManifest.Entry) -> Bool {
        guard let digest = DigestLedger.digest(of: file(entry.name)) else { return false }
        return digest.size == entry.size && digest.hex == entry.sha256
    }

    /// Whether an artifact of a generation is present that `manifest` does not list.
    func hasUnlistedArtifacts(_ manifest: GenerationManifest) -> Bool {
        let listed = Set(manifest.entries.map(\.name))
        return trackedFiles().contains { !listed.contains($0) }
    }

    /// Marks the manifest "generation N being written" before the first
    /// tracked artifact of a command is written (once per generation).
    func beginGeneration() throws(AllocatorError) {
        let previous: GenerationManifest?
        switch manifestState() {
        case .present(let m) where !m.complete: return
        case .present(let m): previous = m
        case .absent, .unreadable: previous = nil
        }
        let marker = GenerationManifest(generation: (previous?.generation ?? 0) + 1, complete: false,
                                        entries: previous?.entries ?? [])
        try writeManifest(marker)
    }

    /// Completes the generation being written: the manifest with every
    /// tracked artifact on disk (size and SHA-256), written last. Does nothing
    /// when nothing was written since the last generation was sealed.
    package func sealGeneration() throws(AllocatorError) {
        guard case .present(let marker) = manifestState(), !marker.complete else { return }
        var entries: [GenerationManifest.Entry] = []
        for name in trackedFiles() {
            guard let digest = DigestLedger.digest(of: file(name)) else {
                throw .writeFailed("\(file(name)): cannot read back to record it in \(GenerationManifest.fileName)")
            }
            entries.append(.init(name: name, size: digest.size, sha256: digest.hex))
        }
        try writeManifest(GenerationManifest(generation: marker.generation, complete: true, entries: entries))
    }

    private func writeManifest(_ manifest: GenerationManifest) throws(AllocatorError) {
        do { try FileBytes.writeAtomically(Array(manifest.json().serialized().utf8), to: file(GenerationManifest.fileName)) } catch {
            throw .writeFailed("\(error)")
        }
    }

    /// Names of the regular files in this directory that belong to a generation, sorted.
    func trackedFiles() -> [String] {
        entryNames().filter { GenerationManifest.isTracked($0) && FileBytes.exists(file($0)) }
    }

    /// Names of the entries of this directory (without `.` and `..`), sorted.
    func entryNames() -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
