import TimeSeries

extension Fixtures {
    /// The reference run's directory, or `nil` when the fixtures are absent (the reason is printed once).
    static func directory(_ name: String) -> String? {
        available ? run(name) : nil
    }

    /// A parsed JSON file of a reference run.
    static func json(_ dir: String, _ file: String) throws -> JSONValue {
        try JSONParser.parse(FileBytes.read(path: dir + "/" + file))
    }
}
