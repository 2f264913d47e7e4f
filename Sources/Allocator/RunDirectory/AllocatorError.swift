import TimeSeries

/// Why an allocator computation could not produce a valid artifact.
///
/// Every case names the file (and line, column or parameter) involved.
public enum AllocatorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An input file could not be parsed (carries file and line).
    case csv(CSVError)
    /// A required input file does not exist.
    case missingInput(file: String, role: String)
    /// A required input has a header but no data rows.
    case emptyInput(file: String, role: String)
    /// A run's `meta.json` could not be read.
    case invalidRunMeta(file: String, detail: String)
    /// The required inputs share no date.
    case noCommonDates(detail: String)
    /// Every common date lacks at least one required feature (`assets`: the asset-return columns).
    case noValidRows(rowsRequested: Int, assets: Int)
    /// The state failed validation.
    case invalidState(file: String, errors: [String])
    /// A parameter (threshold, alpha, floor, …) is out of range.
    case invalidParameter(name: String, detail: String)
    /// A configuration file is malformed or has unknown keys.
    case invalidConfig(file: String, detail: String)
    /// An artifact could not be written.
    case writeFailed(String)
    /// The run directory's artifacts do not match `allocator_manifest.json`:
    /// a write of generation `generation` was interrupted (SPEC §12).
    case incompleteGeneration(generation: Int, directory: String)
    /// Another command holds the run directory's lock and did not release it in time (SPEC §12).
    case runDirectoryBusy(directory: String, timeout: Double)

    /// Short type name used in the error JSON's `"Type: message"`.
    public var typeName: String {
        switch self {
        case .csv: return "CSVError"
        case .missingInput: return "MissingInputError"
        case .emptyInput: return "EmptyInputError"
        case .invalidRunMeta: return "RunMetaError"
        case .noCommonDates: return "AlignmentError"
        case .noValidRows: return "EmptyStateError"
        case .invalidState: return "StateValidationError"
        case .invalidParameter: return "ParameterError"
        case .invalidConfig: return "ConfigError"
        case .writeFailed: return "WriteError"
        case .incompleteGeneration: return "GenerationError"
        case .runDirectoryBusy: return "LockError"
        }
    }

    public var description: String {
        switch self {
        case .csv(let e): return e.description
        case .missingInput(let file, let role): return "\(file): required input (\(role)) not found"
        case .emptyInput(let file, let role): return "\(file): required input (\(role)) has no data rows"
        case .invalidRunMeta(let file, let detail): return "\(file): \(detail)"
        case .noCommonDates(let detail): return "inputs do not align: \(detail)"
        case .noValidRows(let n, let assets):
            let head = "state has zero valid rows: all \(n) common dates lack a required feature"
            if assets < 2 {
                return head + " (the average pairwise correlation needs at least 2 assets; asset_returns.csv has \(assets))"
            }
            if n < StateLookbacks.rvolSlow {
                return head + " (the \(StateLookbacks.rvolSlow)-day windows need at least \(StateLookbacks.rvolSlow) common dates)"
            }
            return head + " (with \(n) dates and \(assets) assets a feature is undefined on every date, e.g. the volatility ratio of a portfolio return that is constant, such as all zero)"
        case .invalidState(let file, let errors): return "\(file): " + errors.joined(separator: "; ")
        case .invalidParameter(let name, let detail): return "invalid \(name): \(detail)"
        case .invalidConfig(let file, let detail): return "\(file): \(detail)"
        case .writeFailed(let detail): return detail
        case .incompleteGeneration(let n, let directory):
            return "\(directory): incomplete write of generation \(n); run allocator update"
        case .runDirectoryBusy(let directory, let timeout):
            return "\(directory): run directory busy (another allocator command held its lock for \(timeout) s)"
        }
    }
}
