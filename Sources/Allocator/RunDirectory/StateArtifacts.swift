import TimeSeries

/// The state layer's files in a run directory (SPEC §2):
/// `allocator_state_v1.csv` and `allocator_state_v1_meta.json`.
enum StateArtifacts {
    /// Both files, encoded.
    static func files(_ state: AllocatorState, metadata: StateMetadata) -> [ArtifactFile] {
        [ArtifactFile(name: RunDirectory.File.state, bytes: CSVWriter.encode(state.panel)),
         ArtifactFile(name: RunDirectory.File.stateMeta, json: metadata.json())]
    }
}
