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

/// Random JSON-like text is parsed or rejected, never a crash.
@Suite struct JSONParserJunkTests {
    @Test func randomTokensNeverCrash() {
        let alphabet = Array("[]{}\",:0123456789.eE+-\\u tfnrlsaNI\u{0}\u{FF}é".unicodeScalars)
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        var parsed = 0
        for length in 0..<3000 {
            var text = ""
            for _ in 0..<(length % 60) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.unicodeScalars.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            if (try? JSONParser.parse(Array(text.utf8))) != nil { parsed += 1 }
        }
        #expect(parsed > 0, "some random texts are valid JSON")
    }
}
