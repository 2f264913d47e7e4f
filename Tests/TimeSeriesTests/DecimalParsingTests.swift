import Testing
@testable import TimeSeries

/// Every number the reader accepts is the correctly rounded `Double` of its
/// text (as Swift's `Double(String)`, i.e. `strtod`), whatever its shape:
/// long significands, leading and trailing zeros, extreme exponents.
@Suite struct DecimalParsingTests {
    static func randomDecimals(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(next(10))) }) }
        return (0..<count).map { _ in
            var s = ["", "-", "+"][next(3)]
            let intDigits = [0, 1, 1, 2, 5, 16, 17, 18, 19, 20, 25][next(11)]
            let fracDigits = [0, 1, 3, 10, 15, 16, 17, 18, 19, 22, 30][next(11)]
            s += intDigits == 0 && fracDigits == 0 ? "0" : (next(4) == 0 ? "000" : "") + digits(intDigits)
            if fracDigits > 0 || next(5) == 0 { s += "." + digits(fracDigits) + (next(4) == 0 ? "000" : "") }
            if s.last == "-" || s.last == "+" || s.hasSuffix(".") && s.dropLast().allSatisfy({ "+-".contains($0) }) { s += "0" }
            if next(3) == 0 { s += ["e", "E"][next(2)] + ["", "-", "+"][next(3)] + String([0, 5, 22, 23, 100, 290, 308, 320, 330][next(9)]) }
            return s
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func readerMatchesStrtod(seed: UInt64) throws {
        let samples = Self.randomDecimals(count: 4000, seed: seed)
        var finite: [(String, Double)] = []
        for s in samples {
            guard let expected = Double(s) else { Issue.record("generator made an invalid number `\(s)`"); continue }
            if expected.isInfinite {
                #expect(throws: CSVError.self, "\(s)") { try CSVReader.parse(bytes: Array("date,x\n2020-01-06,\(s)\n".utf8), file: "n.csv") }
            } else {
                finite.append((s, expected))
            }
        }
        let dates = (0..<finite.count).map { TradingDate(daysSinceEpoch: Int32(18000 + $0)).description }
        let text = "date,x\n" + zip(dates, finite).map { "\($0),\($1.0)" }.joined(separator: "\n")
        let column = try CSVReader.parse(bytes: Array(text.utf8), file: "n.csv").columns[0]
        let wrong = zip(finite, column).filter { $0.0.1.bitPattern != $0.1.bitPattern }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { "\($0.0.0) → \($0.1), expected \($0.0.1)" })")
        #expect(finite.count > 3000)
    }
}
