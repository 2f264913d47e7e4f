import TimeSeries

/// One encoded artifact: a file name and its complete bytes.
///
/// Layers encode every file first; ``write(_:to:)`` then writes them, each
/// atomically (temp file + rename). A failure while computing or encoding
/// therefore leaves the previous artifacts untouched, and no reader ever sees
/// a half-written file.
package struct ArtifactFile: Sendable, Equatable {
    package var name: String
    package var bytes: [UInt8]

    package init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// A CSV artifact (SPEC §1 writing rules: header `date,<columns>`, shortest round-trip numbers).
    package init(name: String, panel: Panel) {
        self.init(name: name, bytes: CSVWriter.encode(panel))
    }

    /// A text artifact (UTF-8).
    package init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// A JSON artifact (`json.dump(indent=2)` layout).
    package init(name: String, json: JSONValue) {
        self.init(name: name, bytes: Array(json.serialized().utf8))
    }

    /// Writes every file into `directory` (created when absent), in order.
    package static func write(_ files: [ArtifactFile], to directory: String) throws {
        if !directory.isEmpty && !FileBytes.isDirectory(directory) { try FileBytes.makeDirectories(directory) }
        for file in files {
            let path = directory.isEmpty ? file.name : (directory.hasSuffix("/") ? directory : directory + "/") + file.name
            try FileBytes.writeAtomically(file.bytes, to: path)
        }
    }
}
