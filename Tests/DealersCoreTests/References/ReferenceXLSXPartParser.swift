// The XLSX reader as it was before issue 27 (Foundation's XMLParser over parts extracted to
// temporary files), kept unchanged but for its names as the reference of XLSXDifferentialTests.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import DealersCore
/// The base of the parsers for the XML parts of a workbook: runs Foundation's streaming
/// `XMLParser` over an extracted part, keeps the first failure a subclass reports, and refuses
/// document type and entity declarations.
package class ReferenceXLSXPartParser: NSObject, XMLParserDelegate {
    /// The workbook file (for errors).
    package let path: String
    /// The part being parsed (for errors), e.g. `xl/worksheets/sheet1.xml`.
    package let part: String
    package private(set) var failure: Error?
    private weak var parser: XMLParser?

    package init(path: String, part: String) {
        self.path = path
        self.part = part
    }

    /// Parses the extracted part at `url`, streaming it from disk in chunks.
    package func parse(_ url: URL) throws {
        guard let stream = InputStream(url: url) else {
            throw DealersError(.io, path: url.path, "opening the extracted part \(part) failed")
        }
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = self
        self.parser = parser
        let ok = parser.parse()
        parser.delegate = nil
        if let failure { throw failure }
        if !ok {
            let detail = parser.parserError.map { " (\($0.localizedDescription))" } ?? ""
            throw DealersError(.data, path: path, "the part \(part) is not well-formed XML near line "
                               + "\(parser.lineNumber), column \(parser.columnNumber)\(detail)")
        }
    }

    /// Stops parsing with an error; only the first one is kept.
    package func fail(_ error: Error) {
        if failure == nil { failure = error }
        parser?.abortParsing()
    }

    /// Stops parsing with a `.data` error about this part.
    package func fail(_ message: String) {
        fail(DealersError(.data, path: path, "the part \(part) \(message)"))
    }

    /// An element or attribute name without its namespace prefix (`x:row` → `row`).
    package static func local(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }

    /// The value of an attribute by local name, whatever its prefix.
    package static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { local($0.key) == name }?.value
    }

    // On Linux `XMLParserDelegate` is a Swift protocol whose optional methods come from a protocol
    // extension, so the callbacks subclasses use are declared here and overridden there.

    package func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {}

    package func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {}

    package func parser(_ parser: XMLParser, foundCharacters string: String) {}

    package func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    // Declarations are refused again here, in case one slipped past the byte scan.
    package func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail("declares an entity, which XLSX parts never need")
    }

    package func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String,
                publicID: String?, systemID: String?) {
        fail("declares an entity, which XLSX parts never need")
    }

    package func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String,
                publicID: String?, systemID: String?, notationName: String?) {
        fail("declares an entity, which XLSX parts never need")
    }
}
