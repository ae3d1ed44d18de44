import Foundation
import DealersFormats
import DealersLayouts
import DealersModel
import DealersReading

/// Validates the records of one file against a layout: binds the header to fields, then turns
/// each record into a ``ValidatedRow`` or the complete list of what is wrong with it.
///
/// Memory grows only with the values of `unique` fields (to find duplicates), never with rows.
public final class RowValidator {
    /// The layout being applied.
    public let layout: Layout
    /// Field name → position, shared with every row.
    public let index: FieldIndex
    private let validators: [FieldValidator]
    private let context: FormatContext
    /// Field position → 1-based column in the file (nil: the column is absent).
    private var columnOfField: [Int?]
    private var headerCount: Int?
    /// Whether the file is a workbook, whose rows store no empty cells: a row shorter than the
    /// header is padded with empty cells, and only a value beyond the header's last column makes
    /// it ragged (Excel, LibreOffice, Google Sheets and openpyxl all leave trailing empties out).
    private let sparseRows: Bool
    private var seenUnique: [Int: [String: Int]] = [:]
    private let actionField: Int?
    private let actionTable: KeyTable<Action>
    /// What each row's validation does, compiled again when the header is bound.
    private var plan: RowPlan
    private var scratch = TranscodingScratch()
    /// The values of the row being validated, used again for the next row (issue 30, item 1): a
    /// row that ``validate(_:_:)`` hands to its body shares them, so no array is made per row
    /// unless the row is kept beyond the body (it is then copied when the next row is validated).
    /// Unchecked exclusivity: only the row loop touches it, one row at a time.
    @exclusivity(unchecked) private var values: [FieldValue] = []

    /// Creates a validator; `defaultCountry` is used by national phone numbers.
    public init(layout: Layout, defaultCountry: String? = nil) {
        self.layout = layout
        index = FieldIndex(layout.schema)
        validators = layout.schema.fields.map {
            FieldValidator(field: $0, missingValues: layout.schema.missingValues, otherNumberSpelling: layout.otherNumberSpelling)
        }
        context = FormatContext(defaultCountry: defaultCountry)
        columnOfField = layout.schema.fields.indices.map { $0 + 1 }
        let position = index.position
        actionField = layout.action.flatMap { position[$0.field] }
        actionTable = KeyTable(layout.action?.aliases ?? [:])
        if case .xlsx = layout.format { sparseRows = true } else { sparseRows = false }
        plan = RowPlan(validators: validators, columns: columnOfField, actionField: actionField)
    }

    /// The 1-based column of a field in the file, once the header is bound.
    public func column(ofField name: String) -> Int? {
        index.position[name].flatMap { columnOfField[$0] }
    }

    /// Binds the header record: every cell is matched to a field by name, title or alias
    /// (without case, accents or spacing). Returns MISSING_COLUMN for each required field that
    /// is absent and UNKNOWN_COLUMN for each header the layout does not know (unless ignored).
    public func bindHeader(_ record: SourceRecord) -> [RowError] {
        var lookup: [String: Int] = [:]
        for (i, field) in layout.schema.fields.enumerated() {
            for spelling in [field.name, field.title].compactMap({ $0 }) + field.aliases {
                lookup[TextNormalization.key(spelling)] = i
            }
        }
        var errors: [RowError] = []
        columnOfField = Array(repeating: nil, count: layout.schema.fields.count)
        for (offset, cell) in record.cells.enumerated() {
            let header = TextNormalization.trim(cell.text)
            if header.isEmpty { continue }
            if let i = lookup[TextNormalization.key(header)], columnOfField[i] == nil {
                columnOfField[i] = offset + 1
            } else if layout.unknownColumns != .ignore {
                errors.append(RowError(line: record.line, column: offset + 1, field: header, value: header, code: .unknownColumn))
            }
        }
        headerCount = sparseRows ? Self.storedWidth(record) : record.cells.count
        plan = RowPlan(validators: validators, columns: columnOfField, actionField: actionField)
        // Fields required only for some actions may be absent: rows with those actions then
        // report MISSING_VALUE, rows with other actions go through.
        for (i, field) in layout.schema.fields.enumerated() where columnOfField[i] == nil {
            if field.constraints.required {
                errors.append(RowError(line: record.line, field: field.displayName, code: .missingColumn))
            }
        }
        return errors
    }

    /// Validates one data record and returns the row, or `nil` with every error it has.
    public func validate(_ record: SourceRecord) -> (row: ValidatedRow?, errors: [RowError]) {
        validate(record) { ($0, $1) }
    }

    /// Validates one data record and calls `body` with the row (or `nil`) and every error it has.
    /// The row's values are the validator's buffer, used again for the next row: what `body` needs
    /// of the row (its command) is taken there, and a row kept beyond it costs a copy then.
    package func validate<R>(_ record: SourceRecord, _ body: (ValidatedRow?, [RowError]) throws -> R) rethrows -> R {
        var errors: [RowError] = []
        switch record.problem {
        case .encoding(let column)?:
            errors.append(RowError(line: record.line, column: column, field: header(ofColumn: column),
                                   value: record.cell(at: column - 1)?.text ?? "",
                                   code: .encodingError, detail: LocalizedText(encodingName)))
        case .invalidCharacter(let column)?:
            errors.append(RowError(line: record.line, column: column, field: header(ofColumn: column),
                                   value: ControlCharacters.visible(record.cell(at: column - 1)?.text ?? ""),
                                   code: .invalidCharacter))
        case .shortRecord(let expected, let found)?:
            errors.append(RowError(line: record.line, code: .shortRecord,
                                   detail: LocalizedText(es: "\(found) de \(expected) caracteres", en: "\(found) of \(expected) characters")))
        case .unknownRecordType(let code)?:
            errors.append(RowError(line: record.line, column: 1, value: code, code: .unknownRecordType))
            return try body(nil, errors)
        case nil:
            break
        }
        if let headerCount {
            let width = sparseRows ? Self.storedWidth(record) : record.cellCount
            if sparseRows ? width > headerCount : width != headerCount {
                errors.append(RowError(line: record.line, code: .raggedRow, detail: LocalizedText(
                    es: "\(width) celdas y la cabecera \(headerCount)",
                    en: "\(width) cells and the header \(headerCount)")))
            }
        }
        // Every cell is read through one borrowed view of the record's cells: no copy of them
        // (nor retain of their arena) per cell.
        let action = record.withCellView { cells in
            let action = resolveAction(record, cells, errors: &errors)
            validateFields(record, cells, action: action, errors: &errors)
            return action
        }
        guard errors.isEmpty else { return try body(nil, errors) }
        return try body(ValidatedRow(line: record.line, action: action, values: values, index: index), [])
    }

    /// Walks the plan over one record's cells (`cells`: their view, `nil` for other readers),
    /// filling ``values`` and appending every error.
    private func validateFields(_ record: SourceRecord, _ cells: ByteCells.View?, action: Action?, errors: inout [RowError]) {
        if values.count != validators.count { values = [FieldValue](repeating: .null, count: validators.count) }
        let actionBit = action.flatMap { Action.allCases.firstIndex(of: $0) }.map { 1 << $0 } ?? 0
        let context = context, line = record.line   // not retained again for each cell
        for step in plan.steps {
            let i = step.slot, column = step.column, validator = step.validator
            let required = validator.isRequired || validator.requiredForMask & actionBit != 0
            if step.isAction { values[i] = action.map { .string($0.rawValue) } ?? .null; continue }
            values[i] = validateCell(cells, record, column: column) { cell in
                switch cell {
                case .ascii(let bytes):
                    validator.validate(ascii: bytes, required: required, context: context, line: line, column: column, errors: &errors)
                case .utf8(let bytes):
                    validator.validate(nonASCII: bytes, required: required, context: context, line: line, column: column, errors: &errors)
                case .decoded(let cell):
                    validator.validate(cell, required: required, context: context, line: line, column: column, errors: &errors)
                }
            }
            if validator.isUnique, let key = uniqueKey(values[i]) {
                if let first = seenUnique[i]?[key] {
                    errors.append(RowError(line: line, column: column, field: validator.displayName, value: cell(record, column).text,
                                           code: .duplicateInFile, detail: LocalizedText(String(first))))
                } else {
                    seenUnique[i, default: [:]][key] = line
                }
            }
        }
    }

    /// A cell as the row loop validates it.
    private enum CellInput {
        /// An ASCII text cell's bytes (ASCII is itself in every encoding the readers hand over as bytes).
        case ascii(UnsafeBufferPointer<UInt8>)
        /// A non-ASCII text cell of a single-byte file, transcoded to UTF-8 in the scratch buffer.
        case utf8(UnsafeBufferPointer<UInt8>)
        /// Any other cell, decoded (a workbook's typed cells, UTF-8 text that is not ASCII, other readers).
        case decoded(Cell)
    }

    /// `validate` on the cell in a 1-based column, without a `String` where its bytes allow.
    private func validateCell(_ cells: ByteCells.View?, _ record: SourceRecord, column: Int?,
                              _ validate: (CellInput) -> FieldValue) -> FieldValue {
        guard let cells, let column, column >= 1, column <= cells.count, cells.isText(column - 1) else {
            return validate(.decoded(cell(record, column)))
        }
        let bytes = cells.bytes(column - 1)
        if ASCIIBytes.isASCII(bytes) { return validate(.ascii(bytes)) }
        return scratch.withUTF8(bytes, cells.encoding) { validate(.utf8($0)) } ?? validate(.decoded(cells.cell(column - 1)))
    }

    private func resolveAction(_ record: SourceRecord, _ cells: ByteCells.View?, errors: inout [RowError]) -> Action? {
        guard let spec = layout.action, let i = actionField else { return nil }
        let column = columnOfField[i]
        if let found = withASCIICell(cells, column, { bytes in
            ASCIIBytes.trimmed(bytes).isEmpty ? nil : actionTable.value(forUTF8: bytes)
        }) {
            return found
        }
        let cell = cell(record, column)
        let field = layout.schema.fields[i]
        if cell.isBlank {
            if let d = spec.defaultAction { return d }
            errors.append(RowError(line: record.line, column: column, field: field.displayName, code: .missingValue))
            return nil
        }
        if let action = actionTable.value(for: cell.text) { return action }
        let accepted = Set(spec.aliases.values).map(\.rawValue).sorted().joined(separator: ", ")
        errors.append(RowError(line: record.line, column: column, field: field.displayName, value: cell.text,
                               code: .unknownAction, detail: LocalizedText(accepted)))
        return nil
    }

    /// The width of a workbook row: up to its last cell that holds something other than white space.
    private static func storedWidth(_ record: SourceRecord) -> Int {
        var width = record.cellCount
        while width > 0, record.cell(at: width - 1)?.isBlank ?? true { width -= 1 }
        return width
    }

    /// The cell in a 1-based column (`.empty` when the column is absent or the record short).
    private func cell(_ record: SourceRecord, _ column: Int?) -> Cell {
        column.flatMap { record.cell(at: $0 - 1) } ?? .empty
    }

    /// `body` on the bytes of an ASCII text cell of a delimited record or a workbook row (its
    /// ``SourceRecord/byteCells``, in an encoding where ASCII is itself, so they are the cell's
    /// UTF-8); `nil` for other records and cells (a workbook's numbers, dates and booleans keep
    /// their types), absent columns, cells that are not ASCII, or when `body` gives `nil`.
    private func withASCIICell<R>(_ cells: ByteCells.View?, _ column: Int?, _ body: (UnsafeBufferPointer<UInt8>) -> R?) -> R? {
        guard let cells, let column, column >= 1, column <= cells.count, cells.isText(column - 1) else { return nil }
        let bytes = cells.bytes(column - 1)
        return ASCIIBytes.isASCII(bytes) ? body(bytes) : nil
    }

    private func uniqueKey(_ value: FieldValue) -> String? {
        switch value {
        case .null: return nil
        case .string(let s): return s.uppercased()   // codes and e-mails: case does not make a new value
        case .integer(let i): return String(i)
        case .number(let d): return "\(d)"
        case .date(let d): return d.description
        case .boolean(let b): return String(b)
        }
    }

    private func header(ofColumn column: Int) -> String {
        columnOfField.firstIndex(of: column).map { layout.schema.fields[$0].displayName } ?? ""
    }

    private var encodingName: String {
        switch layout.format {
        case .delimited(let d): return d.encoding.rawValue
        case .fixedWidth(let f): return f.encoding.rawValue
        case .xlsx, .camt: return "utf-8"
        }
    }
}
