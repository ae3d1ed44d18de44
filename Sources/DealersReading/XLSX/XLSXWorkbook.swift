import Foundation
import DealersSupport

/// What the reader needs from `xl/workbook.xml` and its relationships: the sheets in workbook
/// order, where their parts are, the date system, and the shared-string and style parts.
package struct XLSXWorkbook {
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
    package init(package: WorkbookPackage) throws {
        var workbookPart = "xl/workbook.xml"
        if package.contains("_rels/.rels") {
            let rels = try XLSXRelationships(package: package, part: "_rels/.rels", source: "")
            if let office = rels.first(typeSuffix: "/officeDocument") { workbookPart = office.target }
        }
        guard package.contains(workbookPart) else {
            throw DealersError(.data, path: package.path,
                               "not an XLSX workbook: the ZIP archive has no workbook part (\(workbookPart))")
        }
        var parser = WorkbookHandler(path: package.path, part: workbookPart)
        try package.read(workbookPart, format: "XLSX", into: &parser)
        date1904 = parser.date1904

        let relsPart = XLSXPackagePaths.relationshipsPart(of: workbookPart)
        let rels = package.contains(relsPart)
            ? try XLSXRelationships(package: package, part: relsPart, source: workbookPart)
            : XLSXRelationships()
        for (name, id) in parser.sheets {
            let rel = id.flatMap { rels.byID[$0] }
            sheets.append(Sheet(name: name, part: rel?.target,
                                isWorksheet: rel.map { $0.type.hasSuffix("/worksheet") } ?? false))
        }
        sharedStringsPart = rels.first(typeSuffix: "/sharedStrings")?.target
        stylesPart = rels.first(typeSuffix: "/styles")?.target
        let folder = XLSXPackagePaths.resolve("", from: workbookPart)
        let prefix = folder.isEmpty ? "" : folder + "/"
        if sharedStringsPart == nil, package.contains(prefix + "sharedStrings.xml") {
            sharedStringsPart = prefix + "sharedStrings.xml"
        }
        if stylesPart == nil, package.contains(prefix + "styles.xml") { stylesPart = prefix + "styles.xml" }
    }
}

/// The relationships of one part (`*.rels`), targets resolved to part names.
package struct XLSXRelationships {
    package struct Relationship {
        package var id: String
        package var type: String
        package var target: String
    }

    package private(set) var ordered: [Relationship] = []
    package private(set) var byID: [String: Relationship] = [:]

    package init() {}

    package init(package: WorkbookPackage, part: String, source: String) throws {
        var parser = RelationshipsHandler(path: package.path, part: part)
        try package.read(part, format: "XLSX", into: &parser)
        for rel in parser.found where !rel.external {
            let resolved = Relationship(id: rel.id, type: rel.type, target: XLSXPackagePaths.resolve(rel.target, from: source))
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

/// Part names of an Open Packaging Conventions package.
package enum XLSXPackagePaths {
    /// Resolves a relationship target against the folder of the part that declares it
    /// (`"worksheets/sheet1.xml"` from `xl/workbook.xml` is `xl/worksheets/sheet1.xml`; a target
    /// starting with `/` is relative to the package root).
    package static func resolve(_ target: String, from sourcePart: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments: [Substring] = []
        if !decoded.hasPrefix("/") {
            segments = WorkbookPackage.normalize(sourcePart).split(separator: "/")
            if !segments.isEmpty { segments.removeLast() }
        }
        for segment in decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    package static func relationshipsPart(of part: String) -> String {
        let name = WorkbookPackage.normalize(part)
        guard let slash = name.lastIndex(of: "/") else { return "_rels/\(name).rels" }
        return "\(name[..<slash])/_rels/\(name[name.index(after: slash)...]).rels"
    }
}

/// The sheets and the date system of `xl/workbook.xml`.
private struct WorkbookHandler: MarkupHandler {
    let path: String
    let part: String
    var sheets: [(name: String, id: String?)] = []
    var date1904 = false

    mutating func start(_ tag: MarkupTag) throws {
        if tag.local.matches("sheet") {
            guard let name = tag.string("name") else {
                throw DealersError(.data, path: path, "the part \(part) has a sheet without a name")
            }
            sheets.append((name, tag.string("id")))
        } else if tag.local.matches("workbookPr") {
            let value = tag.string("date1904")?.lowercased()
            date1904 = value == "1" || value == "true"
        }
    }

    mutating func end(_ name: MarkupName) throws {}
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

/// The `<Relationship>` elements of a relationships part.
private struct RelationshipsHandler: MarkupHandler {
    let path: String
    let part: String
    var found: [(id: String, type: String, target: String, external: Bool)] = []

    mutating func start(_ tag: MarkupTag) throws {
        guard tag.local.matches("Relationship") else { return }
        guard let id = tag.string("Id"), let type = tag.string("Type"), let target = tag.string("Target") else {
            throw DealersError(.data, path: path, "the part \(part) has a relationship without Id, Type or Target")
        }
        found.append((id, type, target, tag.string("TargetMode") == "External"))
    }

    mutating func end(_ name: MarkupName) throws {}
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}
