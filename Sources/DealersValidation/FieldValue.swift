import Foundation
import DealersLayouts
import DealersModel
import DealersReading

/// A validated, typed value of one field.
public enum FieldValue: Sendable, Equatable {
    /// No value (empty cell or one of the schema's missing values).
    case null
    /// Text, normalised by its domain format when it has one.
    case string(String)
    /// A whole number.
    case integer(Int)
    /// An exact decimal.
    case number(Decimal)
    /// A calendar date.
    case date(CivilDate)
    /// True or false.
    case boolean(Bool)

    /// The text of a string value.
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The date of a date value.
    public var date: CivilDate? { if case .date(let d) = self { return d } else { return nil } }
    /// The decimal of a number or integer value.
    public var decimal: Decimal? {
        switch self {
        case .number(let d): return d
        case .integer(let i): return Decimal(i)
        default: return nil
        }
    }
    /// The value of a boolean value.
    public var boolean: Bool? { if case .boolean(let b) = self { return b } else { return nil } }
    /// Whether there is no value.
    public var isNull: Bool { self == .null }
}

/// A row that passed validation: its typed values by field, its action and its line (its record stays
/// with whoever holds the row: no copy of it per row).
public struct ValidatedRow: Sendable {
    /// The line a person sees (header = 1).
    public var line: Int
    /// The action the row asks for, when the layout has an action column.
    public var action: Action?
    /// Values aligned with the schema's fields.
    public var values: [FieldValue]
    /// Field name → index in ``values``.
    public let index: FieldIndex

    /// The value of a field by name (`.null` when the layout has no such field).
    public subscript(_ name: String) -> FieldValue {
        guard let i = index.position[name], i < values.count else { return .null }
        return values[i]
    }
}

/// Maps field names to their position, shared by every row of a file.
public final class FieldIndex: Sendable {
    /// Field name → position in the schema.
    public let position: [String: Int]

    /// Builds the index of a schema.
    public init(_ schema: Schema) {
        var map: [String: Int] = [:]
        for (i, field) in schema.fields.enumerated() { map[field.name] = i }
        position = map
    }
}
