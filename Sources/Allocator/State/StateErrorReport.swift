import TimeSeries

/// `allocator_state_v1_error.json` (SPEC §3): written whenever the state
/// cannot be computed — including when inputs cannot even be parsed.
public struct StateErrorReport: Sendable {
    public var error: AllocatorError
    /// The chain of steps that led to the failure, outermost first.
    public var steps: [String]
    public var runDirectory: RunDirectory

    public init(error: AllocatorError, steps: [String], runDirectory: RunDirectory) {
        self.error = error
        self.steps = steps
        self.runDirectory = runDirectory
    }

    /// Rows and first/last date of each input, or why it could not be read.
    func diagnostics() -> JSONValue {
        let files: [(String, String)] = [
            ("portfolio_returns", RunDirectory.File.portfolioReturns), ("equity_curve", RunDirectory.File.equityCurve),
            ("asset_returns", RunDirectory.File.assetReturns), ("trend_unit_returns", RunDirectory.File.trendUnitReturns),
            ("sleeve_returns", RunDirectory.File.sleeveReturns),
        ]
        return .object(files.map { name, file in
            let path = runDirectory.file(file)
            guard FileBytes.exists(path) else { return (name, .object([("present", .bool(false))])) }
            do {
                let panel = try CSVReader.read(path: path)
                return (name, .object([
                    ("present", .bool(true)), ("rows", .int(panel.rowCount)), ("columns", .int(panel.columnCount)),
                    ("first_date", .date(panel.dates.first)), ("last_date", .date(panel.dates.last)),
                ]))
            } catch {
                return (name, .object([("present", .bool(true)), ("parse_error", .string("\(error)"))]))
            }
        })
    }

    public func json(generatedAt: String = Timestamp.now()) -> JSONValue {
        let trace = steps.enumerated().map { "  step \($0.offset + 1): \($0.element)" }
            + ["\(error.typeName): \(error.description)"]
        return .object([
            ("error", .string("\(error.typeName): \(error.description)")),
            ("traceback", .string("Allocator step chain (most recent step last):\n" + trace.joined(separator: "\n"))),
            ("inputs_present", .object(runDirectory.inputsPresent.map { ($0.0, .bool($0.1)) })),
            ("input_diagnostics", diagnostics()),
            ("generated_at", .string(generatedAt)),
        ])
    }

    /// Writes the report into `directory` (atomically).
    public func write(to directory: String) throws {
        try FileBytes.writeAtomically(json().serialized(), to: directory + "/" + RunDirectory.File.stateError)
    }
}
