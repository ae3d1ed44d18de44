// The XLSX reader as it was before issue 27 (Foundation's XMLParser over parts extracted to
// temporary files), kept unchanged but for its names as the reference of XLSXDifferentialTests.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import DealersCore
/// What the reader needs from `xl/workbook.xml` and its relationships: the sheets in workbook
/// order, where their parts are, the date system, and the shared-string and style parts.
package struct ReferenceXLSXWorkbook {
    /// One sheet of the workbook.
    package struct Sheet {
        package var name: String
        /// The part holding the sheet, e.g. `xl/worksheets/sheet1.xml` (nil when unresolved).
        package var part: String?
        /// Whether the relationship says it is a worksheet (and not a chart sheet).
        package var isWorksheet: Bool
    }

    package var sheets: [Sheet] = []
    /// Whether serial dates count from 1904-01-01 (old Mac Excel) instead of 1900.
    package var date1904 = false
    package var sharedStringsPart: String?
    package var stylesPart: String?

    /// Reads the package relationships, the workbook and the workbook relationships.
    package init(package: ReferenceXLSXPackage) throws {
        var workbookPart = "xl/workbook.xml"
        if package.contains("_rels/.rels") {
            let rels = try ReferenceXLSXRelationships(package: package, part: "_rels/.rels", source: "")
            if let office = rels.first(typeSuffix: "/officeDocument") { workbookPart = office.target }
        }
        guard package.contains(workbookPart) else {
            throw DealersError(.data, path: package.path,
                               "not an XLSX workbook: the ZIP archive has no workbook part (\(workbookPart))")
        }
        let parser = ReferenceWorkbookParser(path: package.path, part: workbookPart)
        try package.parse(workbookPart, with: parser)
        date1904 = parser.date1904

        let relsPart = ReferenceXLSXPackage.relationshipsPart(of: workbookPart)
        let rels = package.contains(relsPart)
            ? try ReferenceXLSXRelationships(package: package, part: relsPart, source: workbookPart)
            : ReferenceXLSXRelationships()
        for (name, id) in parser.sheets {
            let rel = id.flatMap { rels.byID[$0] }
            sheets.append(Sheet(name: name, part: rel?.target,
                                isWorksheet: rel.map { $0.type.hasSuffix("/worksheet") } ?? false))
        }
        sharedStringsPart = rels.first(typeSuffix: "/sharedStrings")?.target
        stylesPart = rels.first(typeSuffix: "/styles")?.target
        let folder = ReferenceXLSXPackage.resolve("", from: workbookPart)
        let prefix = folder.isEmpty ? "" : folder + "/"
        if sharedStringsPart == nil, package.contains(prefix + "sharedStrings.xml") {
            sharedStringsPart = prefix + "sharedStrings.xml"
        }
        if stylesPart == nil, package.contains(prefix + "styles.xml") { stylesPart = prefix + "styles.xml" }
    }
}

/// The relationships of one part (`*.rels`), targets resolved to part names.
package struct ReferenceXLSXRelationships {
    package struct Relationship {
        package var id: String
        package var type: String
        package var target: String
    }

    package private(set) var ordered: [Relationship] = []
    package private(set) var byID: [String: Relationship] = [:]

    package init() {}

    package init(package: ReferenceXLSXPackage, part: String, source: String) throws {
        let parser = ReferenceRelationshipsParser(path: package.path, part: part)
        try package.parse(part, with: parser)
        for rel in parser.found where !rel.external {
            let resolved = Relationship(id: rel.id, type: rel.type,
                                        target: ReferenceXLSXPackage.resolve(rel.target, from: source))
            ordered.append(resolved)
            if byID[rel.id] == nil { byID[rel.id] = resolved }
        }
    }

    /// The first relationship whose type ends with `suffix` (types differ between transitional
    /// and strict OOXML but end the same way).
    package func first(typeSuffix suffix: String) -> Relationship? {
        ordered.first { $0.type.hasSuffix(suffix) }
    }
}

private final class ReferenceWorkbookParser: ReferenceXLSXPartParser {
    package var sheets: [(name: String, id: String?)] = []
    package var date1904 = false

    package override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch ReferenceXLSXPartParser.local(elementName) {
        case "sheet":
            guard let name = ReferenceXLSXPartParser.attribute("name", in: attributes) else {
                return fail("has a sheet without a name")
            }
            sheets.append((name, ReferenceXLSXPartParser.attribute("id", in: attributes)))
        case "workbookPr":
            let value = ReferenceXLSXPartParser.attribute("date1904", in: attributes)?.lowercased()
            date1904 = value == "1" || value == "true"
        default:
            break
        }
    }
}

private final class ReferenceRelationshipsParser: ReferenceXLSXPartParser {
    package var found: [(id: String, type: String, target: String, external: Bool)] = []

    package override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        guard ReferenceXLSXPartParser.local(elementName) == "Relationship" else { return }
        guard let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"] else {
            return fail("has a relationship without Id, Type or Target")
        }
        found.append((id, type, target, attributes["TargetMode"] == "External"))
    }
}
