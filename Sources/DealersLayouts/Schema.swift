import Foundation
import DealersFormats
import DealersModel

/// A Frictionless Table Schema: the fields of a record and how text becomes typed values.
public struct Schema: Sendable {
    /// The fields in declaration order.
    public var fields: [Field]
    /// Cell texts that mean "no value" (default `[""]`).
    public var missingValues: [String]
}

/// One field of a schema.
public struct Field: Sendable {
    /// The canonical name the program uses (e.g. `document`).
    public var name: String
    /// The header people write (e.g. `Nº Documento`).
    public var title: String?
    /// Other header spellings accepted (matched without case, accents or spacing).
    public var aliases: [String]
    /// The value type.
    public var type: FieldType
    /// The type's `format`: a date pattern (`%d/%m/%Y`), `any`, `default`, or a domain format.
    public var format: String?
    /// A domain format (DNI, IBAN …) when `format` names one.
    public var domainFormat: DomainFormat?
    /// Constraints on the value.
    public var constraints: Constraints
    /// Decimal separator for numbers (Table Schema `decimalChar`, default `.`).
    public var decimalChar: Character
    /// Thousands separator for numbers (Table Schema `groupChar`), if any.
    public var groupChar: Character?
    /// Spellings of true (Table Schema `trueValues`).
    public var trueValues: [String]
    /// Spellings of false (Table Schema `falseValues`).
    public var falseValues: [String]
    /// Actions for which the field is required (extension of `required`); empty = per `required`.
    public var requiredFor: Set<Action>
    /// Value-level aliases of a string field (layout key `valueAliases`): each value on the left
    /// stands for the spellings on the right (`"CONYUGE": ["ESPOSA", "PAREJA"]`), matched
    /// without case, accents or spacing. Only these mappings change a value: anything else is
    /// kept as the person wrote it (in the `enum`'s spelling when the field has one).
    public var valueAliases: [String: [String]] = [:]

    /// The name shown to people: the title when there is one.
    public var displayName: String { title ?? name }
}

/// The value types a field can have.
public enum FieldType: String, Sendable, CaseIterable {
    /// Text.
    case string
    /// A whole number.
    case integer
    /// A decimal number (money is a number: exact `Decimal`, never binary floating point).
    case number
    /// A calendar date.
    case date
    /// True or false.
    case boolean
}

/// Table Schema constraints.
public struct Constraints: Sendable {
    /// A value must be present.
    public var required = false
    /// No two rows of a file may have the same value.
    public var unique = false
    /// The accepted values (compared after normalising case and accents); a value is kept in the
    /// spelling listed here (`hija` → `HIJA`), never folded into another value.
    public var enumValues: [String]?
    /// A regular expression the whole value must match.
    public var pattern: String?
    /// Minimum length in characters.
    public var minLength: Int?
    /// Maximum length in characters.
    public var maxLength: Int?
    /// Minimum value (numbers, integers, ISO dates).
    public var minimum: String?
    /// Maximum value (numbers, integers, ISO dates).
    public var maximum: String?
}
