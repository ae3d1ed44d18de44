import DealersModel

/// Venezuelan RIF (Registro Único de Información Fiscal): V, E, J, P or G, 8 digits and a check
/// digit, written once over the units of the value read as a document (``SpanishDocument/form``).
package enum VenezuelanRIF {
    /// The value each RIF letter stands for in the check-digit sum (weighted by 4).
    package static let letterValues: [UInt8: Int] = [
        UInt8(ascii: "V"): 1, UInt8(ascii: "E"): 2, UInt8(ascii: "J"): 3, UInt8(ascii: "P"): 4, UInt8(ascii: "G"): 5,
    ]
    /// Weights of the 8 digits.
    package static let weights = [3, 2, 7, 6, 5, 4, 3, 2]

    /// The check digit for a letter's value and 8 ASCII digits: 11 − (sum mod 11), where 10 and
    /// 11 become 0.
    package static func checkDigit(letterValue: Int, digits: some Collection<UInt8>) -> Int {
        var sum = letterValue * 4
        for (digit, weight) in zip(digits, weights) { sum += Int(digit &- 0x30) * weight }
        let check = 11 - sum % 11
        return check >= 10 ? 0 : check
    }

    /// Checks a RIF written with or without separators ("J-12345678-9", "j123456789").
    /// Returns it as letter, 8 digits and check digit without separators.
    package static func check(_ raw: some Collection<UInt8>) -> Result<String, FormatFailure> {
        FormatText.reading(raw, SpanishDocument.form) { value in
            let count = value.count
            guard count > 0, let letterValue = letterValues[FormatText.asASCII(value[0])] else { return .failure(.rifStart) }
            guard count == 9 || count == 10, value.number(1..<count) != nil else { return .failure(.rifShape) }
            let expected = checkDigit(letterValue: letterValue, digits: value.units[1..<9])
            guard count == 10 else { return .failure(.rifMissingCheck(expected)) }
            guard Int(value[9] &- 0x30) == expected else { return .failure(.rifCheck(expected)) }
            return .success(value.string)
        }
    }
}
