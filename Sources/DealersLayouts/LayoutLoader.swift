import Foundation
import DealersModel
import DealersReading

/// Reads layout files and refuses a wrong one with the file, the JSON path of the bad key and why.
public enum LayoutLoader {
    package static let topKeys: Set<String> = [
        "$schema", "name", "kind", "description", "version", "match", "format", "action",
        "errorPolicy", "unknownColumns", "schema", "doneMarker", "statement",
    ]

    /// Loads one layout file.
    /// - Throws: ``DealersError`` of kind `.layout` naming the file and the JSON path.
    public static func load(_ url: URL) throws -> Layout {
        try load(JSONCursor.load(url, errorKind: .layout), source: url)
    }

    /// Loads a layout from JSON bytes (`file` names it in errors).
    public static func load(data: Data, file: String) throws -> Layout {
        try load(JSONCursor.parse(data, file: file, errorKind: .layout), source: URL(fileURLWithPath: file))
    }

    package static func load(_ root: JSONCursor, source: URL) throws -> Layout {
        let top = try root.object(allowed: topKeys)
        let name = try top["name"]?.string() ?? source.deletingPathExtension().lastPathComponent
        guard let kindCursor = top["kind"] else { throw root.fail("missing key \"kind\" (collectives, users, payments, bank-statement, roster)") }
        let kind = try kindCursor.enumValue(LayoutKind.self)
        guard let schemaCursor = top["schema"] else { throw root.fail("missing key \"schema\"") }
        let schema = try SchemaLoader.schema(schemaCursor)
        let fieldNames = Set(schema.fields.map(\.name))
        let format = try top["format"].map { try PhysicalFormatLoader.format($0, fieldNames: fieldNames) }
            ?? .delimited(DelimitedFormat(delimiter: UInt8(ascii: ","), quote: UInt8(ascii: "\""),
                                          encoding: .auto, headerRow: 1, skipRows: 0))
        let match = try top["match"].map(fileMatch) ?? FileMatch(fileNamePattern: nil, headerSignature: [])
        let action = try top["action"].map { try actionColumn($0, fieldNames: fieldNames) }
        var lenient = false
        if let statement = top["statement"] {
            let st = try statement.object(allowed: ["lenient"])
            lenient = try st["lenient"]?.bool() ?? false
        }
        return Layout(
            name: name,
            kind: kind,
            description: try top["description"]?.string() ?? "",
            match: match,
            format: format,
            action: action,
            errorPolicy: try top["errorPolicy"]?.enumValue(ErrorPolicy.self) ?? .rejectRow,
            unknownColumns: try top["unknownColumns"]?.enumValue(UnknownColumnPolicy.self) ?? .report,
            doneMarker: try top["doneMarker"]?.bool() ?? false,
            schema: schema,
            source: source,
            lenientStatement: lenient
        )
    }

    package static func fileMatch(_ cursor: JSONCursor) throws -> FileMatch {
        let m = try cursor.object(allowed: ["fileNamePattern", "headerSignature"])
        let pattern = try m["fileNamePattern"]?.string()
        if let pattern, let c = m["fileNamePattern"] {
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                throw c.fail("not a valid regular expression: \(pattern)")
            }
        }
        let signature = try m["headerSignature"]?.strings().map(TextNormalization.key) ?? []
        return FileMatch(fileNamePattern: pattern, headerSignature: signature)
    }

    package static func actionColumn(_ cursor: JSONCursor, fieldNames: Set<String>) throws -> ActionColumn {
        let a = try cursor.object(allowed: ["field", "values", "default"])
        guard let fieldCursor = a["field"] else { throw cursor.fail("missing key \"field\"") }
        let field = try fieldCursor.string()
        guard fieldNames.contains(field) else {
            throw fieldCursor.fail("\"\(field)\" is not a field of the schema")
        }
        var aliases: [String: Action] = [:]
        if let values = a["values"] {
            for (key, spellings) in try values.object(allowed: Set(Action.allCases.map(\.rawValue))) {
                guard let action = Action(rawValue: key) else { continue }
                aliases[TextNormalization.key(key)] = action
                for spelling in try spellings.strings() { aliases[TextNormalization.key(spelling)] = action }
            }
        } else {
            for action in Action.allCases { aliases[TextNormalization.key(action.rawValue)] = action }
        }
        let defaultAction = try a["default"]?.enumValue(Action.self)
        return ActionColumn(field: field, aliases: aliases, defaultAction: defaultAction)
    }
}
