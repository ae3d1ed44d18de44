import DealersReading

/// What validating one row of a file does, compiled once when its header is bound (issue 30,
/// item 1): for each field, in the schema's order, the validator (its byte-level check and
/// normalisation, built once per field), the column it reads and the slot of
/// ``ValidatedRow/values`` it fills. The row loop walks these steps; nothing is looked up by
/// name or copied per row.
struct RowPlan {
    /// One field's part of the plan.
    struct Step {
        /// The field's check and normalisation.
        let validator: FieldValidator
        /// The field's position in the schema, and so in ``ValidatedRow/values``.
        let slot: Int
        /// The 1-based column the field is read from; `nil` when the file has no such column.
        let column: Int?
        /// Whether the field is the layout's action (resolved before the other fields).
        let isAction: Bool
    }

    /// The steps, in the schema's order.
    let steps: [Step]

    /// The plan for `validators` (one per field, in the schema's order) with the columns the
    /// header bound (`columns[slot]`) and the action field's slot.
    init(validators: [FieldValidator], columns: [Int?], actionField: Int?) {
        steps = validators.indices.map {
            Step(validator: validators[$0], slot: $0, column: columns[$0], isAction: $0 == actionField)
        }
    }
}

/// A reusable buffer for the UTF-8 of the non-ASCII cells of a single-byte file (Windows-1252,
/// ISO-8859-1, or `auto` when the cell is not UTF-8): the cell is validated on these bytes, and
/// a `String` is made only when its value is kept or echoed in an error.
struct TranscodingScratch {
    private var buffer: [UInt8] = []

    /// `body` on the UTF-8 of `bytes` in `encoding`, as ``ByteCells/cell(_:)`` would decode them;
    /// `nil` when the encoding is not one that transcodes byte by byte (decode the cell then).
    mutating func withUTF8<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ encoding: TextEncoding,
                              _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let needed = bytes.count * 3
        if buffer.count < needed { buffer = [UInt8](repeating: 0, count: max(needed, 256)) }
        return buffer.withUnsafeMutableBufferPointer { out in
            guard let count = encoding.transcodeSingleByte(UnsafeRawBufferPointer(bytes), into: out) else { return nil }
            return body(UnsafeBufferPointer(start: out.baseAddress, count: count))
        }
    }
}
