import Yams

/// A problem in a YAML configuration file: the file, the line (when known)
/// and a message that names the key path.
package struct ConfigNodeError: Error, Equatable, Sendable, CustomStringConvertible {
    package var file: String
    package var line: Int?
    /// The key path of the offending node (`""` for the document).
    package var path: String
    package var message: String

    /// `file:line: message` (`file: message` without a line).
    package var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// One node of a YAML configuration file with its dotted key path and the
/// file it came from: the one typed reader every configuration block uses
/// (allocator `regime:` / `risk:`, the backtest's profiles and `allocator_v1`,
/// the audit thresholds).
///
/// Strict by construction: ``mapping(required:optional:)`` rejects unknown
/// and duplicate keys; an alias node Yams leaves unresolved is refused
/// (`compose` normally resolves `*x` to the anchored value); every accessor throws a
/// ``ConfigNodeError`` naming the file, the line and the key path.
/// Numbers are finite decimals (`Double(text)`, or YAML's own float
/// notation); whole numbers are `Int(text)`; booleans are YAML's
/// `true`/`false` spellings.
package struct ConfigNode {
    package let node: Node
    /// Dotted key path from the document root (`""` for the root).
    package let path: String
    package let file: String
    /// Line of the key that holds this node (the value's line when unknown).
    package let keyLine: Int?

    package init(node: Node, path: String, file: String, keyLine: Int? = nil) throws(ConfigNodeError) {
        if case .alias = node {
            throw ConfigNodeError(file: file, line: node.mark?.line, path: path, message: "`\(path)`: YAML aliases are not supported")
        }
        self.node = node
        self.path = path
        self.file = file
        self.keyLine = keyLine
    }

    /// The root of the YAML `text`; `nil` for an empty document.
    package static func document(_ text: String, file: String) throws(ConfigNodeError) -> ConfigNode? {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ConfigNodeError(file: file, line: nil, path: "", message: "not valid YAML: \(error)")
        }
        return try root.map { node throws(ConfigNodeError) in try ConfigNode(node: node, path: "", file: file) }
    }

    /// The line reported for this node: its value's, else its key's.
    package var line: Int? { node.mark?.line ?? keyLine }

    /// An error about this node's value: "`path` message" at the value's line.
    package func error(_ message: String) -> ConfigNodeError {
        ConfigNodeError(file: file, line: line, path: path,
                        message: (path.isEmpty ? "the document " : "`\(path)` ") + message)
    }

    /// An error about this node's key: "message at `path`" at the key's line.
    package func keyError(_ message: String) -> ConfigNodeError {
        ConfigNodeError(file: file, line: keyLine ?? node.mark?.line, path: path,
                        message: message + (path.isEmpty ? "" : " at `\(path)`"))
    }

    /// The mapping's entries in file order (duplicate keys rejected).
    package func entries() throws(ConfigNodeError) -> [(String, ConfigNode)] {
        guard case .mapping(let mapping) = node else { throw error("must be a mapping of `key: value` lines") }
        var out: [(String, ConfigNode)] = []
        for (k, v) in mapping {
            guard let key = k.scalar?.string else { throw error("has a key that is not text") }
            let child = try ConfigNode(node: v, path: path.isEmpty ? key : path + "." + key, file: file, keyLine: k.mark?.line)
            if out.contains(where: { $0.0 == key }) { throw child.keyError("duplicate key `\(key)`") }
            out.append((key, child))
        }
        return out
    }

    /// The mapping's values by key, after checking that every key is known
    /// and every required key is present.
    package func mapping(required: [String], optional: [String]) throws(ConfigNodeError) -> [String: ConfigNode] {
        var byKey: [String: ConfigNode] = [:]
        for (key, child) in try entries() {
            guard required.contains(key) || optional.contains(key) else {
                let known = (required + optional).map { "`\($0)`" }.joined(separator: ", ")
                throw child.keyError("unknown key `\(key)` (known keys here: \(known))")
            }
            byKey[key] = child
        }
        for key in required where byKey[key] == nil {
            throw error("is missing the key `\(key)`")
        }
        return byKey
    }

    /// The value of `key` in this mapping, when present (other keys are not checked).
    package func value(of key: String) throws(ConfigNodeError) -> ConfigNode? {
        try entries().first { $0.0 == key }?.1
    }

    /// The scalar's text.
    package func string() throws(ConfigNodeError) -> String {
        guard case .scalar(let s) = node else { throw error("must be a single value") }
        return s.string
    }

    /// A string, or `nil` for `null`, `~` or an empty value.
    package func optionalString() throws(ConfigNodeError) -> String? {
        let s = try string()
        return ["", "null", "~", "Null", "NULL"].contains(s) ? nil : s
    }

    /// A finite number.
    package func number() throws(ConfigNodeError) -> Double {
        let text = try string()
        guard let v = Double(text) ?? node.float, v.isFinite else { throw error("is `\(text)`; expected a finite number") }
        return v
    }

    /// A finite number ≥ `lower`.
    package func double(atLeast lower: Double) throws(ConfigNodeError) -> Double {
        let v = try number()
        guard v >= lower else { throw error("is \(v); expected a number ≥ \(lower)") }
        return v
    }

    /// A finite number > `lower`.
    package func double(above lower: Double) throws(ConfigNodeError) -> Double {
        let v = try number()
        guard v > lower else { throw error("is \(v); expected a number > \(lower)") }
        return v
    }

    /// A whole number ≥ `lower`.
    package func int(atLeast lower: Int) throws(ConfigNodeError) -> Int {
        let text = try string()
        guard let v = Int(text) else { throw error("is `\(text)`; expected a whole number") }
        guard v >= lower else { throw error("is \(v); expected a whole number ≥ \(lower)") }
        return v
    }

    /// A non-empty list of whole numbers ≥ `lower`.
    package func intList(atLeast lower: Int) throws(ConfigNodeError) -> [Int] {
        guard case .sequence(let seq) = node, seq.count > 0 else { throw error("must be a non-empty list like [21, 63, 252]") }
        var out: [Int] = []
        for (k, item) in seq.enumerated() {
            out.append(try ConfigNode(node: item, path: "\(path)[\(k)]", file: file, keyLine: keyLine).int(atLeast: lower))
        }
        return out
    }

    /// `true` or `false` (YAML's spellings, e.g. `True`).
    package func bool() throws(ConfigNodeError) -> Bool {
        let text = try string()
        guard let v = node.bool else { throw error("is `\(text)`; expected true or false") }
        return v
    }
}
