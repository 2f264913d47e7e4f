import AllocatorTestSupport
import Backtest
import Testing
import TimeSeries
@testable import Allocator

/// One way to spoil a good run directory.
struct Corruption: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    /// The new file contents from the old lines (`nil` = delete the file).
    var spoil: @Sendable (_ lines: [String]) -> [UInt8]?
    /// `AllocatorError.typeName` expected.
    var errorType: String
    /// Text the error description must contain (the file, or the input's role).
    var names: String?
    /// `file:line:` expected in the description.
    var line: Int?

    var testDescription: String { name }

    static func lines(_ name: String, _ file: String, _ type: String = "CSVError", line: Int? = nil,
                      _ edit: @escaping @Sendable (inout [String]) -> Void) -> Corruption {
        Corruption(name: name, file: file, spoil: { var l = $0; edit(&l); return Array(l.joined(separator: "\n").utf8) },
                   errorType: type, names: file, line: line)
    }

    /// Replaces cell `column` of line `number` (1-based).
    static func cell(_ lines: inout [String], line number: Int, column: Int, _ text: String) {
        var cells = lines[number - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[column] = text
        lines[number - 1] = cells.joined(separator: ",")
    }

    static func junk(withNul: Bool) -> @Sendable ([String]) -> [UInt8]? {
        { _ in
            var rng = RandomSource(seed: withNul ? 1 : 2)
            var bytes = (0..<700).map { _ in rng.byte() }
            if withNul { bytes[3] = 0 } else { bytes = bytes.map { $0 == 0 ? 0xFF : $0 } }
            return bytes
        }
    }

    static let portfolio = RunDirectory.File.portfolioReturns
    static let equity = RunDirectory.File.equityCurve
    static let assets = RunDirectory.File.assetReturns

    static let all: [Corruption] = [
        .lines("unparsable number", assets, line: 5) { cell(&$0, line: 5, column: 2, "0.01x") },
        .lines("unparsable date", portfolio, line: 3) { cell(&$0, line: 3, column: 0, "2024-09-31") },
        .lines("duplicate date", equity, line: 4) { cell(&$0, line: 4, column: 0, String($0[2].prefix(10))) },
        .lines("out-of-order dates", portfolio, line: 4) { $0.swapAt(2, 3) },
        .lines("ragged row (short)", assets, line: 6) { $0[5] = String($0[5][..<$0[5].lastIndex(of: ",")!]) },
        .lines("ragged row (long)", assets, line: 7) { $0[6] += ",0.1" },
        .lines("inf", equity, line: 7) { cell(&$0, line: 7, column: 1, "inf") },
        .lines("-Infinity", assets, line: 9) { cell(&$0, line: 9, column: 1, "-Infinity") },
        .lines("bad number in optional input", RunDirectory.File.trendUnitReturns, line: 10) { cell(&$0, line: 10, column: 3, "x") },
        Corruption(name: "empty file", file: assets, spoil: { _ in [] }, errorType: "CSVError", names: assets),
        .lines("header only", portfolio, "EmptyInputError") { $0 = [$0[0], ""] },
        Corruption(name: "binary junk with NUL", file: equity, spoil: junk(withNul: true), errorType: "CSVError", names: equity),
        Corruption(name: "binary junk without NUL", file: portfolio, spoil: junk(withNul: false), errorType: "CSVError", names: portfolio),
        Corruption(name: "missing required file", file: assets, spoil: { _ in nil }, errorType: "MissingInputError", names: assets),
        Corruption(name: "no common date", file: equity, spoil: { lines in
            Array(lines.map { $0.replacingFirst("2024-", with: "1990-") }.joined(separator: "\n").utf8)
        }, errorType: "AlignmentError", names: "equity_curve"),
        Corruption(name: "zero valid rows (30 rows only)", file: assets, spoil: { Array($0.prefix(31).joined(separator: "\n").utf8) },
                   errorType: "EmptyStateError", names: "zero valid rows"),
        Corruption(name: "deeply nested meta.json", file: RunDirectory.File.meta,
                   spoil: { _ in Array(String(repeating: "[", count: 100_000).utf8) },
                   errorType: "RunMetaError", names: RunDirectory.File.meta),
        Corruption(name: "invalid meta.json", file: RunDirectory.File.meta, spoil: { _ in Array("{ \"start_date\": ".utf8) },
                   errorType: "RunMetaError", names: RunDirectory.File.meta),
    ]
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
