/// A small strict JSON reader producing ``JSONValue`` with key order kept.
public enum JSONParser {
    /// Where and why a document is not JSON.
    public struct ParseError: Error, CustomStringConvertible {
        /// Byte offset of the problem.
        public var offset: Int
        /// What was found and what was expected.
        public var detail: String
        public var description: String { "invalid JSON at byte \(offset): \(detail)" }
    }

    /// Parses a complete JSON document (nesting at most 512 deep).
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> JSONValue {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        if p.i != bytes.count { throw ParseError(offset: p.i, detail: "trailing characters") }
        return v
    }

    /// Deepest nesting of arrays and objects accepted (junk must not overflow the stack).
    public static let maximumDepth = 512

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var depth = 0

        mutating func enter() throws(ParseError) {
            depth += 1
            if depth > JSONParser.maximumDepth {
                throw ParseError(offset: i, detail: "nested deeper than \(JSONParser.maximumDepth) levels")
            }
        }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        }

        mutating func expect(_ word: String) throws(ParseError) {
            for b in word.utf8 {
                guard i < bytes.count, bytes[i] == b else { throw ParseError(offset: i, detail: "expected `\(word)`") }
                i += 1
            }
        }

        mutating func value() throws(ParseError) -> JSONValue {
            guard i < bytes.count else { throw ParseError(offset: i, detail: "unexpected end") }
            switch bytes[i] {
            case 0x7B: return try object()
            case 0x5B: return try array()
            case 0x22: return .string(try string())
            case 0x74: try expect("true"); return .bool(true)
            case 0x66: try expect("false"); return .bool(false)
            case 0x6E: try expect("null"); return .null
            case 0x4E: try expect("NaN"); return .double(.nan)
            default: return try number()
            }
        }

        mutating func object() throws(ParseError) -> JSONValue {
            try enter()
            defer { depth -= 1 }
            i += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x22 else { throw ParseError(offset: i, detail: "expected a key") }
                let key = try string()
                skipSpace()
                try expect(":")
                skipSpace()
                pairs.append((key, try value()))
                skipSpace()
                guard i < bytes.count else { throw ParseError(offset: i, detail: "unexpected end") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; return .object(pairs) }
                throw ParseError(offset: i, detail: "expected `,` or `}`")
            }
        }

        mutating func array() throws(ParseError) -> JSONValue {
            try enter()
            defer { depth -= 1 }
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard i < bytes.count else { throw ParseError(offset: i, detail: "unexpected end") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; return .array(items) }
                throw ParseError(offset: i, detail: "expected `,` or `]`")
            }
        }

        mutating func string() throws(ParseError) -> String {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                if c == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
                if c == 0x5C {
                    i += 1
                    guard i < bytes.count else { break }
                    let e = bytes[i]
                    switch e {
                    case 0x6E: out.append(0x0A)
                    case 0x74: out.append(0x09)
                    case 0x72: out.append(0x0D)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x75:
                        guard i + 4 < bytes.count, let code = UInt32(String(decoding: bytes[(i + 1)...(i + 4)], as: UTF8.self), radix: 16) else {
                            throw ParseError(offset: i, detail: "bad \\u escape")
                        }
                        i += 4
                        var scalarValue = code
                        if (0xD800..<0xDC00).contains(code), i + 6 < bytes.count, bytes[i + 1] == 0x5C, bytes[i + 2] == 0x75,
                           let low = UInt32(String(decoding: bytes[(i + 3)...(i + 6)], as: UTF8.self), radix: 16) {
                            scalarValue = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        }
                        out.append(contentsOf: String(Unicode.Scalar(scalarValue).map { Character($0) } ?? "\u{FFFD}").utf8)
                    default: out.append(e)
                    }
                    i += 1
                    continue
                }
                out.append(c)
                i += 1
            }
            throw ParseError(offset: i, detail: "unterminated string")
        }

        mutating func number() throws(ParseError) -> JSONValue {
            let start = i
            while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if let n = Int(text) { return .int(n) }
            if let d = Double(text) { return .double(d) }
            throw ParseError(offset: start, detail: "unexpected `\(text)`")
        }
    }
}

extension JSONValue {
    /// The string, when this is one.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    /// The number as `Double`, when this is a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
    /// The integer, when this is an integral number.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded(): return Int(exactly: d)
        default: return nil
        }
    }
}
