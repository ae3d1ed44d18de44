import DealersModel

extension PhoneNumber {
    /// ``separators`` as a byte set.
    package static let separatorBytes = ASCIISet(separators)

    /// The E.164 number of trimmed ASCII text when ``check(_:defaultCountry:)`` accepts it,
    /// else `nil`. Text with `(` goes the String way (it may hold a `(0)` trunk prefix).
    package static func checkASCII(_ text: UnsafeBufferPointer<UInt8>, defaultCountry: String?) -> String? {
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
        if !hasPlus, let national = nationalASCII(digits, defaultCountry: defaultCountry) { return national }
        return try? resolve(digits: String(decoding: digits, as: UTF8.self), hasPlus: hasPlus,
                            defaultCountry: defaultCountry).get()
    }

    /// The first answer ``resolve(digits:hasPlus:defaultCountry:)`` can give for digits without
    /// `+`, on bytes: a valid national number of the default country. `nil` for anything else.
    private static func nationalASCII(_ digits: [UInt8], defaultCountry: String?) -> String? {
        guard !digits.starts(with: [0x30, 0x30]), let plan = plansByCountry[countryCode(defaultCountry)] else { return nil }
        var number = digits[...]
        if let trunk = plan.trunkPrefix, number.starts(with: trunk.utf8) { number = number.dropFirst(trunk.utf8.count) }
        guard plan.lengths.contains(number.count),
              plan.prefixes.isEmpty || plan.prefixes.contains(where: { number.starts(with: $0.utf8) }) else { return nil }
        return "+" + plan.callingCode + String(decoding: number, as: UTF8.self)
    }
}
