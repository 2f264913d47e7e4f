import TimeSeries

/// `allocator_state_v1_error.json` (SPEC §3): written whenever the state
/// cannot be computed — including when inputs cannot even be parsed.
/// ``RunDirectory/writeStateErrorReport(_:steps:inputs:)`` gathers the
/// inputs' presence and diagnostics and writes it.
struct StateErrorReport: Sendable {
    var error: AllocatorError
    /// The chain of steps that led to the failure, outermost first.
    var steps: [String]
    /// Input name → whether its file exists.
    var inputsPresent: [(String, Bool)]
    /// Rows and first/last date of each input, or why it could not be read.
    var inputDiagnostics: JSONValue

    func json(generatedAt: String = Timestamp.now()) -> JSONValue {
        let trace = steps.enumerated().map { "  step \($0.offset + 1): \($0.element)" }
            + ["\(error.typeName): \(error.description)"]
        return .object([
            ("error", .string("\(error.typeName): \(error.description)")),
            ("traceback", .string("Allocator step chain (most recent step last):\n" + trace.joined(separator: "\n"))),
            ("inputs_present", .object(inputsPresent.map { ($0.0, .bool($0.1)) })),
            ("input_diagnostics", inputDiagnostics),
            ("generated_at", .string(generatedAt)),
        ])
    }
}
