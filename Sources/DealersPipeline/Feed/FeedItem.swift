import DealersModel
import DealersReading
import DealersValidation

/// What the reading side of a file hands to the applying side, in file order.
package enum FeedItem: Sendable {
    /// The header record (`nil` for a layout without one, sent before any row), the problems
    /// binding it found, where each field is, and whether reading stopped there (a required
    /// column is missing, or an unknown one with `unknownColumns: reject`).
    case header(SourceRecord?, problems: [RowError], columns: FieldColumns, stop: Bool)
    /// A data record.
    case row(FeedRow)
}

/// A data record with what validation made of it and, when it is valid, its command.
///
/// A class: the row is made once, on the reading thread, and only read after that; handing it
/// on costs one retain, where a copy of the value retained every array and string it holds.
package final class FeedRow: Sendable {
    /// The record as read.
    package let record: SourceRecord
    /// Everything wrong with the record.
    package let errors: [RowError]
    /// The command of a valid row (or why it has none); `nil` for an invalid row. The validated
    /// row itself is not kept: its values were mapped to the command on the reading thread (in
    /// the validator's reused buffer), and a row that waits for its holder needs only its record
    /// and command.
    package let command: Result<RowApplier.Command, RowError>?

    package init(record: SourceRecord, errors: [RowError], command: Result<RowApplier.Command, RowError>?) {
        self.record = record
        self.errors = errors
        self.command = command
    }
}

/// The 1-based column each field of a layout was found in, once its header is bound.
package struct FieldColumns: Sendable {
    private let columns: [String: Int]

    /// The columns `validator` bound.
    package init(_ validator: RowValidator) {
        var columns: [String: Int] = [:]
        for field in validator.layout.schema.fields {
            if let column = validator.column(ofField: field.name) { columns[field.name] = column }
        }
        self.columns = columns
    }

    /// The column of a field, or `nil` when the file has none.
    package func column(ofField name: String) -> Int? { columns[name] }
}
