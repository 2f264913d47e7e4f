import TimeSeries

/// Locates the golden run directories in `../shared/fixtures/reference-runs`
/// (the package root's sibling), relative to this file.
enum ReferenceRuns {
    static let root: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // AllocatorTests/ReferenceRuns.swift, Tests
        return parts.joined(separator: "/") + "/../shared/fixtures/reference-runs"
    }()

    /// The run directory, or `nil` (after printing why) when it is absent.
    static func directory(_ run: String) -> String? {
        let dir = root + "/" + run
        if FileBytes.isDirectory(dir) { return dir }
        print("skipped: reference run \(run) not found at \(dir)")
        return nil
    }

    static func json(_ dir: String, _ file: String) throws -> JSONValue {
        try JSONParser.parse(FileBytes.read(path: dir + "/" + file))
    }
}
