import DealersLayouts
import DealersValidation

/// A field the row mappings read, by the name the default layouts give it (see
/// `docs/layouts.md`); a custom layout names its fields the same way.
package enum MappedField: Int, CaseIterable, Sendable {
    // Users files.
    case document, documentType, firstName, lastName, email, phone, birthDate, holder, collective
    case startDate, endDate, date, relationship, period, seller
    case iban, bic, mandateReference, mandateSignedOn, accountHolder, address
    // Collectives files.
    case code, name, country, dealer, monthlyPrice, annualPrice, currency, active, defaultLength, paymentMethod
    // Payments files.
    case paymentId, amount, contract, originalPaymentId, method

    /// The field's name in a layout.
    package var layoutName: String { String(describing: self) }
}

/// Where each ``MappedField`` sits in a layout's rows, found once per file, so that mapping a
/// row to its command reads values by position instead of hashing a field name per value.
package struct MappedFields: Sendable {
    /// Position in ``ValidatedRow/values`` by ``MappedField/rawValue``; -1 when the layout lacks it.
    private let positions: [Int]

    /// The positions of the mapped fields in rows validated against `schema`.
    package init(_ schema: Schema) {
        let index = FieldIndex(schema)
        positions = MappedField.allCases.map { index.position[$0.layoutName] ?? -1 }
    }

    /// A field's value in a row (`.null` when the layout has no such field).
    package func value(_ field: MappedField, in row: ValidatedRow) -> FieldValue {
        let i = positions[field.rawValue]
        guard i >= 0, i < row.values.count else { return .null }
        return row.values[i]
    }
}
