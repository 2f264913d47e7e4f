import TimeSeries

/// `allocator_manifest.json` (SPEC §12): which generation of allocator
/// artifacts a run directory holds, and for each artifact its name, byte size
/// and SHA-256.
///
/// A writing command first marks the manifest `complete: false` with the
/// generation it is about to write (previous + 1), writes its artifacts (each
/// atomically), and rewrites the manifest last with `complete: true` and one
/// entry per artifact on disk. A reader that finds an incomplete manifest, or
/// an artifact whose size or digest differs from its entry, or an artifact the
/// manifest does not list, knows the set was torn by an interrupted write.
/// A directory without a manifest (runs written before generations, the
/// read-only reference fixtures) is *legacy*: readable, unverified.
package struct GenerationManifest: Sendable, Equatable {
    /// One artifact of a generation.
    package struct Entry: Sendable, Equatable {
        package var name: String
        package var size: Int
        /// Lower-case hexadecimal SHA-256 of the file's bytes.
        package var sha256: String

        package init(name: String, size: Int, sha256: String) {
            self.name = name
            self.size = size
            self.sha256 = sha256
        }
    }

    package static let fileName = "allocator_manifest.json"
    package static let version = 1

    /// 1 for the first generation written in a directory, previous + 1 after.
    package var generation: Int
    /// `false` while the generation is being written.
    package var complete: Bool
    /// Artifacts, sorted by name.
    package var entries: [Entry]

    package init(generation: Int, complete: Bool, entries: [Entry]) {
        self.generation = generation
        self.complete = complete
        self.entries = entries.sorted { $0.name < $1.name }
    }

    /// Whether a file of a run directory belongs to the allocator's generation:
    /// every `allocator_*` artifact (state, regime, risk, applied scalars, the
    /// engine snapshot, a scaled run's scalar files, and any later allocator
    /// layer, by the same prefix), the scaled run's weights and the audit's
    /// files — but not the state error report (written when a run fails,
    /// beside the previous generation) nor the manifest itself.
    package static func isTracked(_ name: String) -> Bool {
        if name == fileName || name == RunDirectory.File.stateError { return false }
        if name.hasPrefix("allocator_") && !name.hasPrefix(".") { return true }
        return extraTracked.contains(name)
    }

    static let extraTracked: Set<String> = [
        RunDirectory.File.weightsRaw, RunDirectory.File.weightsScaled,
        RunDirectory.AuditFile.comparisonJSON, RunDirectory.AuditFile.comparisonMarkdown, RunDirectory.AuditFile.report,
    ]

    /// The manifest as written: `version`, `generation`, `complete`,
    /// `artifacts` (`name`, `bytes`, `sha256`), `generated_at`.
    package func json(generatedAt: String = Timestamp.now()) -> JSONValue {
        .object([
            ("version", .int(Self.version)),
            ("generation", .int(generation)),
            ("complete", .bool(complete)),
            ("artifacts", .array(entries.map { e in
                .object([("name", .string(e.name)), ("bytes", .int(e.size)), ("sha256", .string(e.sha256))])
            })),
            ("generated_at", .string(generatedAt)),
        ])
    }

    /// Reads a manifest written by ``json(generatedAt:)``; `nil` when it is not one.
    package init?(json: JSONValue) {
        guard case .int(let version)? = json["version"], version == Self.version,
              case .int(let generation)? = json["generation"], generation >= 0,
              case .bool(let complete)? = json["complete"],
              case .array(let items)? = json["artifacts"] else { return nil }
        var entries: [Entry] = []
        for item in items {
            guard case .string(let name)? = item["name"], case .int(let size)? = item["bytes"],
                  case .string(let digest)? = item["sha256"] else { return nil }
            entries.append(Entry(name: name, size: size, sha256: digest))
        }
        self.init(generation: generation, complete: complete, entries: entries)
    }
}
