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
    ///
    /// Byte by byte over the UTF-8: the five are ASCII, and no byte of a
    /// multi-byte character is, so every one is found, also one that a
    /// combining mark joins into a larger character (which a scan by
    /// `Character` would pass over), and the long SVG path data is not
    /// broken into characters.
    static func escaped(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { entity(for: $0) != nil }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if let replacement = entity(for: byte) { bytes += replacement.utf8 } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The entity written for an ASCII special character's byte, else nil.
    private static func entity(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
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
