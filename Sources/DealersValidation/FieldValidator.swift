import Foundation
import DealersFormats
import DealersLayouts
import DealersModel
import DealersReading

/// Turns one cell into a typed value for one field, or says every way it is wrong.
/// Built once per field and file, so regular expressions and patterns are compiled once; a
/// class, so that the row loop does not copy its tables for every cell.
package final class FieldValidator {
    package let field: Field
    /// What the row loop asks of the field for every row, read once.
    package let displayName: String
    package let isRequired: Bool
    /// Bit `n` set when the field is required for `Action.allCases[n]` (see ``RowValidator``).
    package let requiredForMask: Int
    package let isUnique: Bool
    package let missingValues: Set<String>
    package let datePattern: DatePattern?
    private let regex: NSRegularExpression?
    private let enumKeys: [String: String]   // normalised → canonical spelling (enum values and value aliases)
    /// Whether only the enum's values (and their aliases) are allowed; `false` when the field has
    /// value aliases but no enum: other values are then kept as they are.
    private let isClosedEnum: Bool
    private let minimum: Decimal?
    private let maximum: Decimal?
    private let minLength: Int?
    private let maxLength: Int?
    private let minimumDate: CivilDate?
    private let maximumDate: CivilDate?
    private let trueKeys: Set<String>
    private let falseKeys: Set<String>
    // The same rules for ASCII bytes (see FieldValidator+ASCII.swift).
    package let missingASCII: [[UInt8]]
    package let enumTable: ByteKeyTable<String>
    package let trueTable: ByteKeyTable<Bool>
    package let falseTable: ByteKeyTable<Bool>
    private let simplePattern: SimplePattern?
    /// Whether ``check(_:text:line:column:errors:)`` can do anything for this field.
    package let hasConstraints: Bool

    /// The other spelling of numbers (decimal and group characters swapped) accepted where the
    /// field's own does not read a value (see ``Layout/otherNumberSpelling``).
    package let otherNumber: (decimalChar: Character, groupChar: Character?)?

    package init(field: Field, missingValues: [String], otherNumberSpelling: Bool = false) {
        self.field = field
        otherNumber = !otherNumberSpelling ? nil
            : field.decimalChar == "," ? (".", ",") : field.decimalChar == "." ? (",", ".") : nil
        displayName = field.displayName
        isRequired = field.constraints.required
        requiredForMask = Action.allCases.enumerated().reduce(0) { $0 | (field.requiredFor.contains($1.element) ? 1 << $1.offset : 0) }
        isUnique = field.constraints.unique
        self.missingValues = Set(missingValues)
        datePattern = field.type == .date ? DatePattern(field.format) : nil
        regex = field.constraints.pattern.flatMap { try? NSRegularExpression(pattern: "^(?:\($0))$") }
        var keys: [String: String] = [:]
        for v in field.constraints.enumValues ?? [] { keys[TextNormalization.key(v)] = v }
        for (value, spellings) in field.valueAliases {
            for spelling in spellings { keys[TextNormalization.key(spelling)] = value }
        }
        enumKeys = keys
        isClosedEnum = field.constraints.enumValues != nil
        minimum = field.constraints.minimum.flatMap(DecimalParsing.parseCanonical)
        maximum = field.constraints.maximum.flatMap(DecimalParsing.parseCanonical)
        minLength = field.constraints.minLength
        maxLength = field.constraints.maxLength
        minimumDate = field.constraints.minimum.flatMap { CivilDate(iso: $0) }
        maximumDate = field.constraints.maximum.flatMap { CivilDate(iso: $0) }
        trueKeys = Set(field.trueValues.map(TextNormalization.key))
        falseKeys = Set(field.falseValues.map(TextNormalization.key))
        // A String equals ASCII text when its canonical composition is that text ("\u{212A}" is "K").
        missingASCII = missingValues.map { Array($0.precomposedStringWithCanonicalMapping.utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }
        enumTable = ByteKeyTable(keys)
        trueTable = ByteKeyTable(Dictionary(trueKeys.map { ($0, true) }, uniquingKeysWith: { a, _ in a }))
        falseTable = ByteKeyTable(Dictionary(falseKeys.map { ($0, false) }, uniquingKeysWith: { a, _ in a }))
        simplePattern = field.constraints.pattern.flatMap(SimplePattern.init)
        hasConstraints = !keys.isEmpty || regex != nil || minLength != nil || maxLength != nil || minimum != nil
            || maximum != nil || minimumDate != nil || maximumDate != nil
    }

    /// Validates a cell; `required` says whether a value must be present for this row's action.
    package func validate(_ cell: Cell, required: Bool, context: FormatContext, line: Int, column: Int?,
                  errors: inout [RowError]) -> FieldValue {
        let text = cell.text
        let trimmed = TextNormalization.trim(text)
        func fail(_ code: ErrorCode, _ detail: LocalizedText = LocalizedText("")) -> FieldValue {
            errors.append(RowError(line: line, column: column, field: field.displayName, value: text, code: code, detail: detail))
            return .null
        }
        let blank: Bool
        switch cell {
        case .empty: blank = true
        case .text: blank = trimmed.isEmpty   // Cell.isBlank, without trimming twice
        default: blank = false
        }
        if blank || missingValues.contains(trimmed) {
            return required ? fail(.missingValue) : .null
        }
        let value: FieldValue
        switch field.type {
        case .string:
            var s = trimmed
            if let format = field.domainFormat {
                switch format.check(s, context: context) {
                case .success(let normalised): s = normalised
                case .failure(let failure): return fail(.invalidFormat, LocalizedText(es: failure.spanish, en: failure.english))
                }
            }
            value = .string(s)
        case .integer:
            guard let i = Int(trimmed) else {
                return fail(.typeError, LocalizedText(es: "un número entero", en: "a whole number"))
            }
            value = .integer(i)
        case .number:
            guard let d = cellDecimal(cell) else {
                let example = field.decimalChar == "," ? "1.234,56" : "1234.56"
                return fail(.typeError, LocalizedText(es: "un número (p. ej. \(example))", en: "a number (e.g. \(example))"))
            }
            value = .number(d)
        case .date:
            switch cell {
            case .date(let d): value = .date(d)
            default:
                guard let d = datePattern?.parse(text) ?? CivilDate(iso: TextNormalization.trim(text)) else {
                    let shown = field.format.map { $0 == "any" || $0 == "default" ? "dd/mm/aaaa" : $0 } ?? "aaaa-mm-dd"
                    return fail(.typeError, LocalizedText(es: "una fecha válida (\(shown))", en: "a valid date (\(shown.replacingOccurrences(of: "aaaa", with: "yyyy")))"))
                }
                value = .date(d)
            }
        case .boolean:
            if case .boolean(let b) = cell { value = .boolean(b); break }
            let key = TextNormalization.key(text)
            if trueKeys.contains(key) { value = .boolean(true) }
            else if falseKeys.contains(key) { value = .boolean(false) }
            else {
                let accepted = (field.trueValues + field.falseValues).joined(separator: ", ")
                return fail(.typeError, LocalizedText(es: "sí/no (\(accepted))", en: "true/false (\(accepted))"))
            }
        }
        return check(value, text: text, line: line, column: column, errors: &errors)
    }

    private func cellDecimal(_ cell: Cell) -> Decimal? {
        switch cell {
        case .number(let canonical): return DecimalParsing.parseCanonical(canonical)
        default: return number(cell.text)
        }
    }

    /// A number in the field's spelling or, failing that, in the other one when it is allowed.
    package func number(_ text: String) -> Decimal? {
        DecimalParsing.parse(text, decimalChar: field.decimalChar, groupChar: field.groupChar)
            ?? otherNumber.flatMap { DecimalParsing.parse(text, decimalChar: $0.decimalChar, groupChar: $0.groupChar) }
    }

    /// Applies the Table Schema constraints to a typed value.
    package func check(_ value: FieldValue, text: String, line: Int, column: Int?, errors: inout [RowError]) -> FieldValue {
        let before = errors.count
        func fail(_ code: ErrorCode, _ detail: LocalizedText) {
            errors.append(RowError(line: line, column: column, field: field.displayName, value: text, code: code, detail: detail))
        }
        var result = value
        if case .string(let s) = value {
            if !enumKeys.isEmpty {
                if let canonical = enumCanonical(s) { result = .string(canonical) }
                else if isClosedEnum { fail(.notInEnum, LocalizedText((field.constraints.enumValues ?? []).joined(separator: ", "))) }
            }
            if let regex, let pattern = field.constraints.pattern, !matches(s, regex) {
                fail(.patternMismatch, LocalizedText(pattern))
            }
            let count = (minLength ?? maxLength) == nil ? 0 : FieldValidator.characterCount(s)
            if let min = minLength, count < min {
                fail(.outOfRange, LocalizedText(es: "al menos \(min) caracteres", en: "at least \(min) characters"))
            }
            if let max = maxLength, count > max {
                fail(.outOfRange, LocalizedText(es: "como mucho \(max) caracteres", en: "at most \(max) characters"))
            }
        }
        if let d = value.decimal {
            if let minimum, d < minimum { fail(.outOfRange, LocalizedText(es: "mínimo \(minimum)", en: "minimum \(minimum)")) }
            if let maximum, d > maximum { fail(.outOfRange, LocalizedText(es: "máximo \(maximum)", en: "maximum \(maximum)")) }
        }
        if let d = value.date {
            if let minimumDate, d < minimumDate { fail(.outOfRange, LocalizedText(es: "no antes de \(minimumDate)", en: "not before \(minimumDate)")) }
            if let maximumDate, d > maximumDate { fail(.outOfRange, LocalizedText(es: "no después de \(maximumDate)", en: "not after \(maximumDate)")) }
        }
        return errors.count == before ? result : .null
    }

    /// The canonical spelling of an enum value (by its matching key), or `nil`.
    private func enumCanonical(_ s: String) -> String? {
        let (found, isASCII) = enumTable.value(for: s)
        return isASCII ? found : enumKeys[TextNormalization.key(s)]
    }

    /// Whether text matches the field's pattern, without the engine when it can.
    private func matches(_ s: String, _ regex: NSRegularExpression) -> Bool {
        if let simplePattern, let matched = ASCIIBytes.withASCII(s, simplePattern.matches) { return matched }
        return regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// `s.count`, without grapheme breaking when no scalar can join another: below U+0300
    /// (before the combining marks) every scalar is a character of its own, except CR LF.
    package static func characterCount(_ s: String) -> Int {
        if let ascii = ASCIIBytes.withASCII(s, ASCIIBytes.characterCount) { return ascii }
        var count = 0
        var previous: Unicode.Scalar = "\0"
        for scalar in s.unicodeScalars {
            guard scalar.value < 0x300 else { return s.count }
            if !(scalar == "\n" && previous == "\r") { count += 1 }
            previous = scalar
        }
        return count
    }
}
