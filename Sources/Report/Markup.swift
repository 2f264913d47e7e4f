import Plot

/// Escaping for text and attribute values that come from the model.
///
/// Plot 0.14 writes attribute values verbatim (a `"` would end the attribute)
/// and its text escaping keeps anything shaped like an entity (`R&D;` stays
/// `&D;`, which is not well-formed XML). Every string from the model therefore
/// goes through ``escaped(_:)`` — `&`, `<`, `>`, `"` and `'` become entities —
/// and reaches Plot as already-escaped raw text or attribute value.
enum Markup {
    /// `text` with the five XML special characters replaced by entities.
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A text node for `text`, escaped.
    static func text<Context>(_ text: String) -> Node<Context> {
        .raw(escaped(text))
    }

    /// An attribute node `name="value"`, the value escaped.
    static func attribute<Context>(_ name: String, _ value: String) -> Node<Context> {
        .attribute(named: name, value: escaped(value))
    }
}
