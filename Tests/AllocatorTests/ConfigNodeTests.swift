import Testing
@testable import Allocator

/// The one YAML node reader: typed values, strict keys, errors naming file,
/// line and key path.
@Suite struct ConfigNodeTests {
    func root(_ yaml: String) throws -> ConfigNode {
        try #require(try ConfigNode.document(yaml, file: "c.yaml"))
    }

    @Test func typedValues() throws {
        let keys = try root("a: 1.5\nb: 3\nc: [1, 2]\nd: True\ne: null\nf: text\n")
            .mapping(required: ["a", "b"], optional: ["c", "d", "e", "f", "g"])
        #expect(try keys["a"]!.number() == 1.5)
        #expect(try keys["b"]!.int(atLeast: 0) == 3)
        #expect(try keys["c"]!.intList(atLeast: 1) == [1, 2])
        #expect(try keys["d"]!.bool() == true)
        #expect(try keys["e"]!.optionalString() == nil)
        #expect(try keys["f"]!.string() == "text")
        #expect(keys["g"] == nil)
    }

    @Test func emptyDocumentIsNil() throws {
        #expect(try ConfigNode.document("", file: "c.yaml") == nil)
    }

    @Test func errorsNameFileLineAndPath() throws {
        let top = try root("outer:\n  inner: abc\n  n: -2\n")
        let outer = try #require(try top.value(of: "outer"))
        let inner = try #require(try outer.value(of: "inner"))
        #expect(throws: ConfigNodeError(file: "c.yaml", line: 2, path: "outer.inner", message: "`outer.inner` is `abc`; expected a finite number")) {
            try inner.number()
        }
        let n = try #require(try outer.value(of: "n"))
        #expect(throws: ConfigNodeError(file: "c.yaml", line: 3, path: "outer.n", message: "`outer.n` is -2; expected a whole number ≥ 0")) {
            try n.int(atLeast: 0)
        }
        #expect(throws: ConfigNodeError(file: "c.yaml", line: 3, path: "outer.n", message: "unknown key `n` (known keys here: `inner`) at `outer.n`")) {
            try outer.mapping(required: [], optional: ["inner"])
        }
        #expect(throws: ConfigNodeError(file: "c.yaml", line: 2, path: "outer", message: "`outer` is missing the key `x`")) {
            try outer.mapping(required: ["x"], optional: ["inner", "n"])
        }
    }

    @Test func anchorsAndAliasesResolveToTheAnchoredValue() throws {
        let keys = try root("a: &x 1.25\nb: *x\n").mapping(required: ["a", "b"], optional: [])
        #expect(try keys["b"]!.number() == 1.25)
    }

    @Test func duplicateKeysAndBadYAMLAreRefused() throws {
        let error = #expect(throws: ConfigNodeError.self) { try root("a: 1\nb: 2\na: 3\n").entries() }
        #expect(error?.description.hasPrefix("c.yaml") == true, "\(error.map { "\($0)" } ?? "")")
        let yaml = #expect(throws: ConfigNodeError.self) { try ConfigNode.document("a: {\n", file: "c.yaml") }
        #expect(yaml?.message.hasPrefix("not valid YAML") == true && yaml?.line == nil)
        #expect(throws: ConfigNodeError(file: "c.yaml", line: 1, path: "", message: "the document must be a mapping of `key: value` lines")) {
            try root("[1, 2]\n").entries()
        }
    }
}
