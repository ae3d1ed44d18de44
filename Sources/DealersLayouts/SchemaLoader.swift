import Foundation
import DealersFormats
import DealersModel

/// Reads the Table Schema part of a layout.
package enum SchemaLoader {
    package static let schemaKeys: Set<String> = [
        "fields", "missingValues", "primaryKey", "foreignKeys", "decimalChar", "groupChar",
        "trueValues", "falseValues",
    ]
    package static let fieldKeys: Set<String> = [
        "name", "title", "description", "type", "format", "constraints", "example", "rdfType",
        "decimalChar", "groupChar", "bareNumber", "trueValues", "falseValues", "aliases", "requiredFor", "valueAliases",
    ]
    package static let constraintKeys: Set<String> = [
        "required", "unique", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
    ]

    package static func schema(_ cursor: JSONCursor) throws -> Schema {
        let s = try cursor.object(allowed: schemaKeys)
        guard let fieldsCursor = s["fields"] else { throw cursor.fail("missing key \"fields\"") }
        let defaults = FieldDefaults(
            decimalChar: try s["decimalChar"]?.character() ?? ".",
            groupChar: try s["groupChar"]?.character(),
            trueValues: try s["trueValues"]?.strings() ?? ["true", "True", "TRUE", "1"],
            falseValues: try s["falseValues"]?.strings() ?? ["false", "False", "FALSE", "0"]
        )
        var fields: [Field] = []
        var seen: [String: String] = [:]
        for item in try fieldsCursor.array() {
            let field = try self.field(item, defaults: defaults)
            for spelling in [field.name, field.title].compactMap({ $0 }) + field.aliases {
                let key = TextNormalization.key(spelling)
                if let other = seen[key], other != field.name {
                    throw item.fail("header \"\(spelling)\" of field \"\(field.name)\" is also a header of field \"\(other)\"")
                }
                seen[key] = field.name
            }
            fields.append(field)
        }
        guard !fields.isEmpty else { throw fieldsCursor.fail("a schema needs at least one field") }
        let missing = try s["missingValues"]?.strings() ?? [""]
        return Schema(fields: fields, missingValues: missing)
    }

    package struct FieldDefaults {
        package var decimalChar: Character
        package var groupChar: Character?
        package var trueValues: [String]
        package var falseValues: [String]
    }

    package static func field(_ cursor: JSONCursor, defaults: FieldDefaults) throws -> Field {
        let f = try cursor.object(allowed: fieldKeys)
        guard let nameCursor = f["name"] else { throw cursor.fail("missing key \"name\"") }
        let name = try nameCursor.string()
        guard !name.isEmpty else { throw nameCursor.fail("a field name cannot be empty") }
        let type = try f["type"]?.enumValue(FieldType.self) ?? .string
        let format = try f["format"]?.string()
        var domainFormat: DomainFormat?
        if let format, let formatCursor = f["format"] {
            switch type {
            case .string:
                if !["default", "uri", "binary", "uuid"].contains(format) {
                    guard let d = DomainFormat(rawValue: format) else {
                        let names = DomainFormat.allCases.map(\.rawValue).joined(separator: ", ")
                        throw formatCursor.fail("unknown string format \"\(format)\"; expected one of: default, \(names)")
                    }
                    domainFormat = d
                }
            case .date:
                guard DatePattern(format) != nil else {
                    throw formatCursor.fail("unknown date format \"\(format)\"; expected default, any, or a pattern of %d %m %Y %y")
                }
            case .integer, .number, .boolean:
                break
            }
        }
        let constraints = try f["constraints"].map { try self.constraints($0, type: type) } ?? Constraints()
        let requiredFor = try f["requiredFor"]?.array().map { try $0.enumValue(Action.self) } ?? []
        let valueAliases = try f["valueAliases"].map { try self.valueAliases($0, type: type, enumValues: constraints.enumValues) } ?? [:]
        var field = Field(
            name: name,
            title: try f["title"]?.string(),
            aliases: try f["aliases"]?.strings() ?? [],
            type: type,
            format: format,
            domainFormat: domainFormat,
            constraints: constraints,
            decimalChar: try f["decimalChar"]?.character() ?? defaults.decimalChar,
            groupChar: try f["groupChar"]?.character() ?? defaults.groupChar,
            trueValues: try f["trueValues"]?.strings() ?? defaults.trueValues,
            falseValues: try f["falseValues"]?.strings() ?? defaults.falseValues,
            requiredFor: Set(requiredFor)
        )
        field.valueAliases = valueAliases
        return field
    }

    /// Reads `valueAliases`: an object from a value to the spellings that stand for it. With an
    /// `enum`, every value must be one of it (and is written in the enum's spelling); no spelling
    /// may stand for two values, nor be another value of the enum.
    package static func valueAliases(_ cursor: JSONCursor, type: FieldType, enumValues: [String]?) throws -> [String: [String]] {
        guard type == .string else { throw cursor.fail("value aliases apply only to string fields") }
        var enumSpelling: [String: String] = [:]
        for value in enumValues ?? [] { enumSpelling[TextNormalization.key(value)] = value }
        var result: [String: [String]] = [:]
        var claimed: [String: String] = [:]   // spelling key → the value it stands for
        for (value, spellingsCursor) in try cursor.object().sorted(by: { $0.key < $1.key }) {
            var target = value
            if enumValues != nil {
                guard let listed = enumSpelling[TextNormalization.key(value)] else {
                    throw spellingsCursor.fail("\"\(value)\" is not a value of the field's enum (\((enumValues ?? []).joined(separator: ", ")))")
                }
                target = listed
            }
            let spellings = try spellingsCursor.strings()
            for spelling in spellings {
                let key = TextNormalization.key(spelling)
                guard !key.isEmpty else {
                    throw spellingsCursor.fail("\"\(spelling)\" has no letters or digits to match a cell by")
                }
                if let other = claimed[key], other != target {
                    throw spellingsCursor.fail("\"\(spelling)\" already stands for \"\(other)\"")
                }
                if let listed = enumSpelling[key], listed != target {
                    throw spellingsCursor.fail("\"\(spelling)\" is itself a value of the enum; it cannot stand for \"\(target)\"")
                }
                claimed[key] = target
            }
            result[target, default: []] += spellings
        }
        return result
    }

    package static func constraints(_ cursor: JSONCursor, type: FieldType) throws -> Constraints {
        let c = try cursor.object(allowed: constraintKeys)
        var result = Constraints()
        result.required = try c["required"]?.bool() ?? false
        result.unique = try c["unique"]?.bool() ?? false
        result.enumValues = try c["enum"]?.array().map { try $0.scalarText() }
        if let p = c["pattern"] {
            let pattern = try p.string()
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                throw p.fail("not a valid regular expression: \(pattern)")
            }
            result.pattern = pattern
        }
        result.minLength = try c["minLength"]?.int()
        result.maxLength = try c["maxLength"]?.int()
        for key in ["minimum", "maximum"] {
            guard let bound = c[key] else { continue }
            let text = try bound.scalarText()
            let valid: Bool
            switch type {
            case .integer: valid = Int(text) != nil
            case .number: valid = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) != nil
            case .date: valid = CivilDate(iso: text) != nil
            case .string, .boolean: valid = false
            }
            guard valid else { throw bound.fail("\"\(text)\" is not a valid \(key) for a \(type.rawValue) field") }
            if key == "minimum" { result.minimum = text } else { result.maximum = text }
        }
        return result
    }
}
