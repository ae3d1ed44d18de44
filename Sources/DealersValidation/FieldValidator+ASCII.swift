import DealersFormats
import DealersModel

extension FieldValidator {
    /// The value of a cell given as bytes, when they are ASCII and the value is valid; `nil`
    /// when ``validate(_:required:context:line:column:errors:)`` must decide — for text that is
    /// not ASCII, and for every value that is wrong, so that errors are built in one place.
    ///
    /// Gives exactly what the String path gives for the same text (the differential tests check it).
    package func validateASCII(_ bytes: UnsafeBufferPointer<UInt8>, required: Bool, context: FormatContext) -> FieldValue? {
        guard ASCIIBytes.isASCII(bytes) else { return nil }
        let text = ASCIIBytes.trimmed(bytes)
        if text.isEmpty || missingASCII.contains(where: { $0.count == text.count && $0.elementsEqual(text) }) {
            return required ? nil : .null
        }
        let value: FieldValue
        switch field.type {
        case .string:
            if let format = field.domainFormat {
                guard let normalised = format.checkASCII(text, context: context) else { return nil }
                value = .string(normalised)
            } else {
                value = .string(ASCIIBytes.string(text))
            }
        case .integer:
            guard let i = Int(ASCIIBytes.string(text)) else { return nil }
            value = .integer(i)
        case .number:
            guard let d = number(ASCIIBytes.string(text)) else { return nil }
            value = .number(d)
        case .date:
            guard let d = datePattern?.parse(ascii: text) ?? DatePattern.iso(ascii: text) else { return nil }
            value = .date(d)
        case .boolean:
            if trueTable.value(forASCII: text) != nil { value = .boolean(true) }
            else if falseTable.value(forASCII: text) != nil { value = .boolean(false) }
            else { return nil }
        }
        guard hasConstraints else { return value }
        var errors: [RowError] = []
        let checked = check(value, text: "", line: 0, column: nil, errors: &errors)
        return errors.isEmpty ? checked : nil
    }
}
