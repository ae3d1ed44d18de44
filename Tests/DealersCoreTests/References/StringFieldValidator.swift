import Foundation
@testable import DealersCore

/// ``FieldValidator``'s String path as it was before issue 28: the cell as a `String`, the format
/// checks, numbers, dates and booleans of `References/` over `Character`s. The reference the
/// single implementation is compared with, cell by cell (ByteValidationDifferentialTests). The
/// constraints (enum, pattern, lengths, ranges) and the wording of type errors are the library's
/// own (``FieldValidator/check``, `LocalizedText.wholeNumber` …), which issue 28 left as they were.
struct StringFieldValidator {
    let validator: FieldValidator
    private let trueKeys: Set<String>
    private let falseKeys: Set<String>

    init(_ validator: FieldValidator) {
        self.validator = validator
        trueKeys = Set(validator.field.trueValues.map(TextNormalization.key))
        falseKeys = Set(validator.field.falseValues.map(TextNormalization.key))
    }

    /// Validates a cell; `required` says whether a value must be present for this row's action.
    func validate(_ cell: Cell, required: Bool, context: FormatContext, line: Int, column: Int?,
                  errors: inout [RowError]) -> FieldValue {
        let field = validator.field
        let text = cell.text
        let trimmed = TextNormalization.trim(text)
        func fail(_ code: ErrorCode, _ detail: LocalizedText = LocalizedText("")) -> FieldValue {
            errors.append(RowError(line: line, column: column, field: field.displayName, value: text, code: code, detail: detail))
            return .null
        }
        let blank: Bool
        switch cell {
        case .empty: blank = true
        case .text: blank = trimmed.isEmpty
        default: blank = false
        }
        if blank || validator.missingValues.contains(trimmed) {
            return required ? fail(.missingValue) : .null
        }
        let value: FieldValue
        switch field.type {
        case .string:
            var s = trimmed
            if let format = field.domainFormat {
                switch StringFormats.check(format, s, context: context) {
                case .success(let normalised): s = normalised
                case .failure(let failure): return fail(.invalidFormat, LocalizedText(es: failure.spanish, en: failure.english))
                }
            }
            value = .string(s)
        case .integer:
            guard let i = Int(trimmed) else {
                return fail(.typeError, .wholeNumber)
            }
            value = .integer(i)
        case .number:
            guard let d = cellDecimal(cell) else {
                return fail(.typeError, .number(decimalChar: field.decimalChar))
            }
            value = .number(d)
        case .date:
            switch cell {
            case .date(let d): value = .date(d)
            default:
                guard let d = date(text) else {
                    return fail(.typeError, .date(format: field.format))
                }
                value = .date(d)
            }
        case .boolean:
            if case .boolean(let b) = cell { value = .boolean(b); break }
            let key = TextNormalization.key(text)
            if trueKeys.contains(key) { value = .boolean(true) }
            else if falseKeys.contains(key) { value = .boolean(false) }
            else {
                return fail(.typeError, .boolean(field.trueValues + field.falseValues))
            }
        }
        return validator.check(value, text: text, line: line, column: column, errors: &errors)
    }

    /// A date as the String path read it: ISO by `Int`s of the parts, then the layout's pattern
    /// (whose own ISO reading FormatReferenceTests compares with ``StringFormats/civilDate(iso:)``).
    private func date(_ text: String) -> CivilDate? {
        StringFormats.civilDate(iso: TextNormalization.trim(text)) ?? validator.datePattern?.parse(text)
    }

    private func cellDecimal(_ cell: Cell) -> Decimal? {
        switch cell {
        case .number(let canonical): return StringDecimalParsing.parseCanonical(canonical)
        default: return number(cell.text)
        }
    }

    /// A number in the field's spelling or, failing that, in the other one when it is allowed.
    private func number(_ text: String) -> Decimal? {
        let field = validator.field
        return StringDecimalParsing.parse(text, decimalChar: field.decimalChar, groupChar: field.groupChar)
            ?? validator.otherNumber.flatMap { StringDecimalParsing.parse(text, decimalChar: $0.decimalChar, groupChar: $0.groupChar) }
    }
}
