/// A problem in a CSV input, located by file and (where there is one) line.
public struct CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        case unreadable
        case emptyFile
        case notText
        case badHeader
        case badDate
        case badNumber
        case infiniteNumber
        case duplicateDate
        case datesNotIncreasing
        case raggedRow
        case noRows
        case missingColumn
    }

    /// The kind of problem.
    public var kind: Kind
    /// Path of the file as given by the caller.
    public var file: String
    /// 1-based line number in the file, when the problem is on a line.
    public var line: Int?
    /// Human-readable detail: the value seen and what was expected.
    public var detail: String

    /// An error in `file` (at `line`), with `detail`.
    public init(_ kind: Kind, file: String, line: Int? = nil, _ detail: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.detail = detail
    }

    public var description: String {
        if let line { return "\(file):\(line): \(detail)" }
        return "\(file): \(detail)"
    }
}
