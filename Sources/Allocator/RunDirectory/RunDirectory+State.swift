import TimeSeries

/// Reads `allocator_state_v1.csv` for the regime and risk layers, refusing a
/// table the classifier cannot trust.
enum StateTableReader {
    /// The state table at `path`.
    ///
    /// - Throws: ``AllocatorError`` naming the file: absent
    ///   (`missingInput`), unparsable (`csv`, with the line), without rows
    ///   (`emptyInput`), or failing the state validator (`invalidState`: a
    ///   required feature column missing or holding a missing value, dates
    ///   not increasing — each message names the column).
    static func read(path: String) throws(AllocatorError) -> AllocatorState {
        guard FileBytes.exists(path) else {
            throw .missingInput(file: path, role: "allocator state; run `allocator state` first")
        }
        let panel: Panel
        do { panel = try CSVReader.read(path: path) } catch { throw .csv(error) }
        if panel.isEmpty { throw .emptyInput(file: path, role: "allocator state") }
        let report = StateValidator.validate(columns: panel.names, dates: panel.dates, values: panel.columns, metadata: nil)
        if !report.isValid { throw .invalidState(file: path, errors: report.errors) }
        return AllocatorState(panel: panel)
    }
}

extension RunDirectory {
    /// `allocator_state_v1.csv` of this run, validated (see ``StateTableReader``).
    public func readState() throws(AllocatorError) -> AllocatorState {
        try StateTableReader.read(path: file(File.state))
    }
}

extension AllocatorError {
    /// An invalid regime threshold, named by its metadata name(s).
    package init(_ error: RegimeThresholdError) {
        self = .invalidParameter(name: error.names.joined(separator: ", "), detail: error.message)
    }

    /// An invalid risk parameter, named by its configuration name.
    package init(_ error: RiskConfigError) {
        self = .invalidParameter(name: error.parameter, detail: error.message)
    }
}
