extension PhoneNumber {
    /// ``separators`` as a byte set.
    static let separatorBytes = ASCIISet(separators)

    /// The E.164 number of trimmed ASCII text when ``check(_:defaultCountry:)`` accepts it,
    /// else `nil`. Text with `(` goes the String way (it may hold a `(0)` trunk prefix).
    static func checkASCII(_ text: UnsafeBufferPointer<UInt8>, defaultCountry: String?) -> String? {
        var digits: [UInt8] = []
        digits.reserveCapacity(text.count)
        var hasPlus = false
        for byte in text {
            if ASCIIBytes.isDigit(byte) {
                digits.append(byte)
            } else if byte == UInt8(ascii: "+"), digits.isEmpty, !hasPlus {
                hasPlus = true
            } else if byte == UInt8(ascii: "(") || !separatorBytes.contains(byte) {
                return nil
            }
        }
        return try? resolve(digits: String(decoding: digits, as: UTF8.self), hasPlus: hasPlus,
                            defaultCountry: defaultCountry).get()
    }
}
