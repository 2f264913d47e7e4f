import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses markup with Foundation's XMLParser and collects element names and
/// attributes, so tests can assert well-formedness and count elements.
final class XMLWellFormedness: NSObject, XMLParserDelegate {
    private(set) var elements: [(name: String, attributes: [String: String])] = []
    private(set) var error: String?

    /// Parses `markup`; `nil` error means well-formed.
    static func parse(_ markup: String) -> XMLWellFormedness {
        let collector = XMLWellFormedness()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = collector
        if !parser.parse() {
            collector.error = parser.parserError.map { "\($0) at line \(parser.lineNumber), column \(parser.columnNumber)" }
                ?? "unknown parse error"
        }
        return collector
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append((elementName, attributeDict))
    }

    /// Every `<svg …>…</svg>` substring of `html` (charts do not nest svg elements).
    static func svgFragments(of html: String) -> [String] {
        var fragments: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<svg"), let close = rest.range(of: "</svg>", range: open.upperBound..<rest.endIndex) {
            fragments.append(String(rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        return fragments
    }
}
