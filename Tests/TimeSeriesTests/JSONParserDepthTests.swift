import Testing
@testable import TimeSeries

/// Junk JSON (a run's `meta.json`, say) is an error, never a stack overflow.
@Suite struct JSONParserDepthTests {
    @Test(arguments: ["[", "{\"a\":"])
    func deepNestingIsAParseError(opener: String) {
        let text = String(repeating: opener, count: 100_000)
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func ordinaryNestingParses() throws {
        let depth = 200
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(Array(text.utf8))
        for _ in 0..<depth {
            guard case .array(let items) = value, items.count == 1 else { Issue.record("not nested"); return }
            value = items[0]
        }
        #expect(value == .int(1))
    }
}
