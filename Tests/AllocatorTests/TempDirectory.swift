import Foundation
import TimeSeries

/// A fresh directory under the system temp folder, removed by `remove()`.
struct TempDirectory {
    let path: String

    init(_ label: String) {
        path = NSTemporaryDirectory() + "allocator-test-\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Copies `names` from `source` (read-only fixtures become writable copies).
    func copy(_ names: [String], from source: String) throws {
        for name in names where FileBytes.exists(source + "/" + name) {
            try FileBytes.writeAtomically(try FileBytes.read(path: source + "/" + name), to: file(name))
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
