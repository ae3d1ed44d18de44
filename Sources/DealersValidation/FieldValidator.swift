import Foundation
import DealersFormats
import DealersLayouts
import DealersModel
import DealersReading

/// Turns one cell into a typed value for one field, or says every way it is wrong.
/// Built once per field and file, so regular expressions and patterns are compiled once; a
/// class, so that the row loop does not copy its tables for every cell.
package final class FieldValidator {
    /// The field this validator reads.
    package let field: Field
    /// What the row loop asks of the field for every row, read once.
    package let displayName: String
    /// Whether the field must have a value in every row.
    package let isRequired: Bool
    /// Bit `n` set when the field is required for `Action.allCases[n]` (see ``RowValidator``).
    package let requiredForMask: Int
    /// Whether a value may appear only once in the file.
    package let isUnique: Bool
    /// The schema's texts that mean "no value".
    package let missingValues: Set<String>
    /// The layout's date pattern, for date fields.
    package let datePattern: DatePattern?
    private let regex: NSRegularExpression?
    /// Matching key → canonical spelling (enum values and value aliases).
    private let enumTable: KeyTable<String>
    /// Whether only the enum's values (and their aliases) are allowed; `false` when the field has
    /// value aliases but no enum: other values are then kept as they are.
    private let isClosedEnum: Bool
    private let minimum: Decimal?
    private let maximum: Decimal?
    private let minLength: Int?
    private let maxLength: Int?
    private let minimumDate: CivilDate?
    private let maximumDate: CivilDate?
    private let trueTable: KeyTable<Bool>
    private let falseTable: KeyTable<Bool>
    /// The missing values that are ASCII once composed ("\u{212A}" is "K"), as bytes: ASCII text
    /// is a missing value exactly when it is one of these.
    private let missingASCII: [[UInt8]]
    private let spelling: DecimalParsing.Spelling
    private let otherSpelling: DecimalParsing.Spelling?
    private let simplePattern: SimplePattern?
    /// Whether ``check(_:text:line:column:errors:)`` can do anything for this field.
    package let hasConstraints: Bool

    /// The other spelling of numbers (decimal and group characters swapped) accepted where the
    /// field's own does not read a value (see ``Layout/otherNumberSpelling``).
    package let otherNumber: (decimalChar: Character, groupChar: Character?)?

    /// A validator for `field`, with the schema's missing values and whether numbers may come in
    /// the other spelling; regular expressions, patterns and tables are built here, once.
    package init(field: Field, missingValues: [String], otherNumberSpelling: Bool = false) {
        self.field = field
        otherNumber = !otherNumberSpelling ? nil
            : field.decimalChar == "," ? (".", ",") : field.decimalChar == "." ? (",", ".") : nil
        spelling = DecimalParsing.Spelling(decimalChar: field.decimalChar, groupChar: field.groupChar)
        otherSpelling = otherNumber.map { DecimalParsing.Spelling(decimalChar: $0.decimalChar, groupChar: $0.groupChar) }
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
        enumTable = KeyTable(keys)
        isClosedEnum = field.constraints.enumValues != nil
        minimum = field.constraints.minimum.flatMap(DecimalParsing.parseCanonical)
        maximum = field.constraints.maximum.flatMap(DecimalParsing.parseCanonical)
        minLength = field.constraints.minLength
        maxLength = field.constraints.maxLength
        minimumDate = field.constraints.minimum.flatMap { CivilDate(iso: $0) }
        maximumDate = field.constraints.maximum.flatMap { CivilDate(iso: $0) }
        trueTable = KeyTable(Dictionary(field.trueValues.map { (TextNormalization.key($0), true) }, uniquingKeysWith: { a, _ in a }))
        falseTable = KeyTable(Dictionary(field.falseValues.map { (TextNormalization.key($0), false) }, uniquingKeysWith: { a, _ in a }))
        // A String equals ASCII text when its canonical composition is that text ("\u{212A}" is "K").
        missingASCII = missingValues.map { Array($0.precomposedStringWithCanonicalMapping.utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }
        simplePattern = field.constraints.pattern.flatMap(SimplePattern.init)
        hasConstraints = !keys.isEmpty || regex != nil || minLength != nil || maxLength != nil || minimum != nil
            || maximum != nil || minimumDate != nil || maximumDate != nil
    }

    /// Validates a cell of any reader; `required` says whether a value must be present for this
    /// row's action. A cell stored typed (an XLSX number, date or boolean) is taken as it is where
    /// the field has its type; everything else is read as text, from its UTF-8 bytes, by the one
    /// implementation that ``validate(ascii:required:context:line:column:errors:)`` shares.
    package func validate(_ cell: Cell, required: Bool, context: FormatContext, line: Int, column: Int?,
                          errors: inout [RowError]) -> FieldValue {
        let text = cell.text
        let typed: Cell?
        switch cell {
        case .number, .date, .boolean: typed = cell
        case .empty, .text: typed = nil
        }
        func validate(_ utf8: UnsafeBufferPointer<UInt8>) -> FieldValue {
            self.validate(utf8, isASCII: ASCIIBytes.isASCII(utf8), typed: typed, original: text, required: required, context: context,
                          line: line, column: column, errors: &errors)
        }
        if let value = text.utf8.withContiguousStorageIfAvailable(validate) { return value }
        var contiguous = text
        return contiguous.withUTF8(validate)
    }

    /// Validates a cell given as ASCII bytes — the delimited reader's cells that are ASCII, read
    /// straight from the file's bytes (ASCII is itself in every encoding the reader hands over
    /// as bytes); `required` as in ``validate(_:required:context:line:column:errors:)``. Every way
    /// the value is wrong is appended to `errors`, with the cell's text as it came.
    package func validate(ascii text: UnsafeBufferPointer<UInt8>, required: Bool, context: FormatContext, line: Int, column: Int?,
                          errors: inout [RowError]) -> FieldValue {
        validate(text, isASCII: true, typed: nil, original: nil, required: required, context: context, line: line, column: column,
                 errors: &errors)
    }

    /// Validates a text cell given as UTF-8 bytes that are not all ASCII — a single-byte file's
    /// cell transcoded into the row plan's scratch buffer, with no `String` unless the value is
    /// kept or echoed; the same outcome as ``validate(_:required:context:line:column:errors:)``
    /// on the cell decoded.
    package func validate(nonASCII text: UnsafeBufferPointer<UInt8>, required: Bool, context: FormatContext, line: Int, column: Int?,
                          errors: inout [RowError]) -> FieldValue {
        validate(text, isASCII: false, typed: nil, original: nil, required: required, context: context, line: line, column: column,
                 errors: &errors)
    }

    /// The one implementation: the UTF-8 `text` of a cell (`isASCII` when every byte is), the
    /// cell when it came typed, and the text as a `String` when the caller has one.
    private func validate(_ text: UnsafeBufferPointer<UInt8>, isASCII: Bool, typed cell: Cell?, original: String?, required: Bool,
                          context: FormatContext, line: Int, column: Int?, errors: inout [RowError]) -> FieldValue {
        guard isASCII else {
            return UTF8Buffer.trimming(text) {
                validate(text, trimmed: $0, isASCII: false, typed: cell, original: original, required: required, context: context,
                         line: line, column: column, errors: &errors)
            }
        }
        return validate(text, trimmed: ASCIIBytes.trimmed(text), isASCII: true, typed: cell, original: original, required: required,
                        context: context, line: line, column: column, errors: &errors)
    }

    /// ``validate(_:isASCII:typed:original:required:context:line:column:errors:)`` with the text
    /// trimmed (``TextNormalization/trim(_:)``): a method of its own, not a closure, so that the
    /// field's properties are read in place.
    private func validate(_ text: UnsafeBufferPointer<UInt8>, trimmed: UnsafeBufferPointer<UInt8>, isASCII: Bool, typed cell: Cell?,
                          original: String?, required: Bool, context: FormatContext, line: Int, column: Int?,
                          errors: inout [RowError]) -> FieldValue {
        func fail(_ code: ErrorCode, _ detail: LocalizedText = LocalizedText("")) -> FieldValue {
            errors.append(RowError(line: line, column: column, field: displayName, value: original ?? String(decoding: text, as: UTF8.self),
                                   code: code, detail: detail))
            return .null
        }
        /// The trimmed text as a `String`: the caller's when there was nothing to trim.
        func string() -> String {
            guard let original, trimmed.count == text.count else { return String(decoding: trimmed, as: UTF8.self) }
            return original
        }
        let blank: Bool
        switch cell {
        case .number?, .date?, .boolean?: blank = false
        default: blank = trimmed.isEmpty   // .empty, .text, or bytes
        }
        if blank || isMissing(trimmed, isASCII: isASCII, string) {
            return required ? fail(.missingValue) : .null
        }
        let value: FieldValue
        switch field.type {
        case .string:
            guard let format = field.domainFormat else { value = .string(string()); break }
            switch format.check(buffer: trimmed, context: context) {
            case .success(let normalised): value = .string(normalised)
            case .failure(let failure): return fail(.invalidFormat, LocalizedText(es: failure.spanish, en: failure.english))
            }
        case .integer:
            guard let i = Int(string()) else { return fail(.typeError, .wholeNumber) }
            value = .integer(i)
        case .number:
            let number: Decimal?
            if case .number(let canonical)? = cell { number = DecimalParsing.parseCanonical(canonical) } else { number = self.number(utf8: trimmed) }
            guard let number else { return fail(.typeError, .number(decimalChar: field.decimalChar)) }
            value = .number(number)
        case .date:
            if case .date(let d)? = cell { value = .date(d); break }
            guard let d = datePattern?.parse(buffer: trimmed) ?? CivilDate(isoUTF8: trimmed) else {
                return fail(.typeError, .date(format: field.format))
            }
            value = .date(d)
        case .boolean:
            if case .boolean(let b)? = cell { value = .boolean(b) }
            else if trueTable.value(forUTF8: trimmed) != nil { value = .boolean(true) }
            else if falseTable.value(forUTF8: trimmed) != nil { value = .boolean(false) }
            else { return fail(.typeError, .boolean(field.trueValues + field.falseValues)) }
        }
        guard hasConstraints else { return value }
        return check(value, text: original ?? String(decoding: text, as: UTF8.self), line: line, column: column, errors: &errors)
    }

    /// Whether trimmed text is one of the schema's missing values, as `Set<String>.contains`
    /// finds it: ASCII text by its bytes, other text (`isASCII` false) as a `String`.
    private func isMissing(_ trimmed: UnsafeBufferPointer<UInt8>, isASCII: Bool, _ string: () -> String) -> Bool {
        guard isASCII else { return missingValues.contains(string()) }
        for missing in missingASCII where missing.count == trimmed.count {
            if missing.indices.allSatisfy({ missing[$0] == trimmed[$0] }) { return true }
        }
        return false
    }

    /// A number in the field's spelling or, failing that, in the other one when it is allowed.
    package func number(utf8 text: UnsafeBufferPointer<UInt8>) -> Decimal? {
        DecimalParsing.parse(buffer: text, spelling) ?? otherSpelling.flatMap { DecimalParsing.parse(buffer: text, $0) }
    }

    /// Applies the Table Schema constraints to a typed value.
    /// `text` is the cell as it came, for the errors; each way the value is wrong is appended to
    /// `errors`, and the value is `.null` then.
    package func check(_ value: FieldValue, text: @autoclosure () -> String, line: Int, column: Int?,
                       errors: inout [RowError]) -> FieldValue {
        let before = errors.count
        func fail(_ code: ErrorCode, _ detail: LocalizedText) {
            errors.append(RowError(line: line, column: column, field: field.displayName, value: text(), code: code, detail: detail))
        }
        var result = value
        if case .string(let s) = value {
            if !enumTable.isEmpty {
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
        enumTable.value(for: s)
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

/// What a cell of each type should have been, worded once (the detail of a TYPE_ERROR).
extension LocalizedText {
    /// An integer field's.
    package static let wholeNumber = LocalizedText(es: "un número entero", en: "a whole number")

    /// A number field's, with an example in its spelling.
    package static func number(decimalChar: Character) -> LocalizedText {
        let example = decimalChar == "," ? "1.234,56" : "1234.56"
        return LocalizedText(es: "un número (p. ej. \(example))", en: "a number (e.g. \(example))")
    }

    /// A date field's, in its pattern (`dd/mm/aaaa` for `any` and `default`, ISO without one).
    package static func date(format: String?) -> LocalizedText {
        let shown = format.map { $0 == "any" || $0 == "default" ? "dd/mm/aaaa" : $0 } ?? "aaaa-mm-dd"
        return LocalizedText(es: "una fecha válida (\(shown))", en: "a valid date (\(shown.replacingOccurrences(of: "aaaa", with: "yyyy")))")
    }

    /// A boolean field's, with the spellings it accepts.
    package static func boolean(_ accepted: [String]) -> LocalizedText {
        let list = accepted.joined(separator: ", ")
        return LocalizedText(es: "sí/no (\(list))", en: "true/false (\(list))")
    }
}
