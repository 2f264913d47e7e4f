import Testing
@testable import TimeSeries

/// A file parsed in two halves on two threads gives what one pass gives: the
/// same panel, or the same first error (kind, line, message) — errors in
/// either half, at the seam between them (a duplicate or decreasing date, a
/// bad date on the second half's first row), and blank lines around the seam.
@Suite struct CSVReaderHalvesTests {
    static let rows = 2400

    /// About 1.2 MB: `rows` data lines of 60 columns.
    static func lines() -> [String] {
        let header = "date," + (0..<60).map { "a\($0)" }.joined(separator: ",")
        var date = TradingDate(year: 2000, month: 1, day: 3)!
        var out = [header]
        for r in 0..<rows {
            let cells = (0..<60).map { c -> String in (r + c) % 37 == 0 ? "" : "0.\(100_000 + (r * 61 + c * 7) % 899_999)" }
            out.append(date.description + "," + cells.joined(separator: ","))
            date = date.adding(days: 1)
        }
        return out
    }

    static func parse(_ text: String, parallelFrom threshold: Int) -> Result<Panel, CSVError> {
        var bytes = Array(text.utf8)
        do { return .success(try CSVReader.parse(consuming: &bytes, file: "x.csv", parallelFrom: threshold)) } catch {
            return .failure(error)
        }
    }

    static func same(_ text: String, _ note: String) {
        let single = parse(text, parallelFrom: .max), halves = parse(text, parallelFrom: 0)
        switch (single, halves) {
        case (.success(let a), .success(let b)):
            #expect(a.dates == b.dates && a.names == b.names, "\(note)")
            #expect(zip(a.columns, b.columns).allSatisfy { $0.map(\.bitPattern) == $1.map(\.bitPattern) }, "\(note)")
        case (.failure(let a), .failure(let b)):
            #expect(a == b, "\(note): one pass \(a), halves \(b)")
        default:
            #expect(Bool(false), "\(note): one pass \(single), halves \(halves)")
        }
    }

    @Test func cleanFileIsTheSame() {
        let text = Self.lines().joined(separator: "\n") + "\n"
        #expect(text.utf8.count > CSVReader.parallelBytes)
        Self.same(text, "clean")
        if case .success(let panel) = Self.parse(text, parallelFrom: 0) { #expect(panel.dates.count == Self.rows) }
    }

    /// A NUL byte anywhere, on either side of the middle where the line-end
    /// scan splits, is the same `notText` error both ways.
    @Test func nulAnywhereIsTheSameError() {
        let text = Array((Self.lines().joined(separator: "\n") + "\n").utf8)
        let n = text.count
        for position in [0, 7, n / 2 - 65, n / 2 - 1, n / 2, n / 2 + 1, n / 2 + 64, n - 2, n - 1] {
            var bytes = text
            bytes[position] = 0
            let single = Self.parse(String(decoding: bytes, as: UTF8.self), parallelFrom: .max)
            Self.same(String(decoding: bytes, as: UTF8.self), "NUL at \(position)")
            guard case .failure(let error) = single else { Issue.record("NUL at \(position) read"); continue }
            #expect(error.kind == .notText, "NUL at \(position): \(error)")
        }
    }

    /// Lines after the header: `rows` data lines and the empty one after the last newline; the halves split at half of them.
    static let seam = (rows + 1) / 2 + 1   // index in `lines()` of the second half's first line

    @Test(arguments: [5, 1199, 1200, 1201, 1202, 1203, 2399])
    func errorsAnywhereAreTheSame(at line: Int) {
        let base = Self.lines()
        var corruptions: [(String, [String])] = []
        var badNumber = base; badNumber[line] += "x"
        corruptions.append(("bad number", badNumber))
        var badDate = base; badDate[line] = "20x0-01-01" + badDate[line].dropFirst(10)
        corruptions.append(("bad date", badDate))
        var ragged = base; ragged[line] += ",1"
        corruptions.append(("ragged", ragged))
        var duplicate = base; duplicate[line] = String(base[line - 1].prefix(10)) + base[line].dropFirst(10)
        corruptions.append(("duplicate date", duplicate))
        var backwards = base; backwards[line] = String(base[line - 2].prefix(10)) + base[line].dropFirst(10)
        corruptions.append(("decreasing date", backwards))
        var dateAndNumber = duplicate; dateAndNumber[line] += "x"
        corruptions.append(("duplicate date and bad number", dateAndNumber))
        var twoErrors = badNumber; twoErrors[line + 1] = "junk"
        corruptions.append(("two errors", twoErrors))
        var blanks = base; blanks.insert(contentsOf: ["", "\r"], at: line)
        corruptions.append(("blank lines", blanks))
        var blankThenDuplicate = duplicate; blankThenDuplicate.insert("", at: line)
        corruptions.append(("blank line then duplicate date", blankThenDuplicate))
        for (name, lines) in corruptions {
            Self.same(lines.joined(separator: "\n") + "\n", "\(name) at line \(line + 1)")
        }
    }

    @Test func seamIsWhereTheTestsPutIt() {
        // `lines()` holds the header, then `rows` lines, then the empty line after the last newline.
        #expect(CSVReader.secondHalfStart(lines: Self.rows + 1) + 1 == Self.seam)
    }

    /// Short junk lines in the first half put the second half's rows past the
    /// cell buffer's bound (sized for valid rows): the first half's error, not a
    /// write past the buffer.
    @Test func junkFirstHalfDoesNotOverrunTheSecond() {
        let width = 1000
        let header = "date," + (0..<width).map { "a\($0)" }.joined(separator: ",")
        var date = TradingDate(year: 2000, month: 1, day: 3)!
        var lines = [header] + Array(repeating: "x", count: 1100)
        for _ in 0..<1100 {
            lines.append(date.description + String(repeating: ",", count: width))
            date = date.adding(days: 1)
        }
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > CSVReader.parallelBytes)
        Self.same(text, "junk first half")
        if case .failure(let error) = Self.parse(text, parallelFrom: 0) { #expect(error.kind == .badDate && error.line == 2) }
    }
}
