// The XLSX reader as it was before issue 27 (Foundation's XMLParser over parts extracted to
// temporary files), kept unchanged but for its names as the reference of XLSXDifferentialTests.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import DealersCore
/// Reads `xl/sharedStrings.xml` into memory: one string per `<si>`, the text of its `<t>` and of
/// the `<t>` of its rich-text runs `<r>` concatenated, phonetic hints `<rPh>` left out.
package final class ReferenceSharedStringsParser: ReferenceXLSXPartParser {
    package private(set) var strings: [String] = []
    private let maxBytes: Int64
    private var bytes: Int64 = 0
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    /// Approximate memory a string costs besides its UTF-8 bytes.
    private static let overheadPerString: Int64 = 16

    package init(path: String, part: String, maxBytes: Int64) {
        self.maxBytes = maxBytes
        super.init(path: path, part: part)
    }

    package override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch ReferenceXLSXPartParser.local(elementName) {
        case "si":
            inItem = true
            current = ""
        case "rPh":
            phoneticDepth += 1
        case "t":
            inText = inItem && phoneticDepth == 0
        default:
            break
        }
    }

    package override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?) {
        switch ReferenceXLSXPartParser.local(elementName) {
        case "si":
            inItem = false
            bytes += Int64(current.utf8.count) + ReferenceSharedStringsParser.overheadPerString
            if bytes > maxBytes {
                return fail("holds more than \(maxBytes) bytes of shared strings, the limit")
            }
            strings.append(current)
            current = ""
        case "rPh":
            phoneticDepth = max(0, phoneticDepth - 1)
        case "t":
            inText = false
        default:
            break
        }
    }

    package override func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        current += string
        if Int64(current.utf8.count) + bytes > maxBytes {
            fail("holds more than \(maxBytes) bytes of shared strings, the limit")
        }
    }
}
