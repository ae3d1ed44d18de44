import DealersModel

/// International bank account numbers: country length from ``ibanLengths`` and the mod 97 check,
/// written once over the units of the value read in ``form``.
package enum IBAN {
    /// How an IBAN is read: upper case, without white space and dashes.
    package static let form = FormatText.Form(upperCased: true, dropsWhitespace: true, dropping: ["-"])

    /// The remainder mod 97 of the IBAN read as a number after moving its first four characters
    /// to the end, letters counting A=10 … Z=35. Computed piecewise: no big integers.
    /// Nil when a byte is neither an ASCII digit nor an upper-case letter.
    package static func mod97(_ iban: some Collection<UInt8>) -> Int? {
        var remainder = 0
        func add(_ bytes: some Sequence<UInt8>) -> Bool {
            for byte in bytes {
                switch byte {
                case 48...57: remainder = (remainder * 10 + Int(byte) - 48) % 97
                case 65...90: remainder = (remainder * 100 + Int(byte) - 55) % 97
                default: return false
                }
            }
            return true
        }
        guard add(iban.dropFirst(4)), add(iban.prefix(4)) else { return nil }
        return remainder
    }

    /// Checks an IBAN written in any case, with or without spaces; returns it compact and upper-cased.
    package static func check(_ raw: some Collection<UInt8>) -> Result<String, FormatFailure> {
        FormatText.reading(raw, form) { value in
            let count = value.count
            guard value.allSatisfy(0..<count, ASCIIBytes.isAlphanumeric) else { return .failure(.ibanCharacters) }
            guard count >= 2, value.allSatisfy(0..<2, ASCIIBytes.isLetter) else { return .failure(.ibanCountry) }
            let country = value.string(0..<2)
            guard let length = ibanLengths[country] else { return .failure(.ibanUnknownCountry(country)) }
            guard count == length else { return .failure(.ibanLength(country, length, found: count)) }
            guard value.allSatisfy(2..<4, ASCIIBytes.isDigit) else { return .failure(.ibanCheckDigitsShape) }
            guard let remainder = mod97(value.units) else { return .failure(.ibanCharacters) }
            let checkDigits = value.number(2..<4)
            guard remainder == 1, checkDigits != 0, checkDigits != 1, checkDigits != 99 else {
                let expected = mod97(value.units.prefix(2) + Array("00".utf8) + value.units.dropFirst(4)).map { 98 - $0 }
                return .failure(.ibanCheckDigits(expected.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "?"))
            }
            if country == "ES", let failure = checkSpanishAccount(UnsafeBufferPointer(rebasing: value.units[4...])) {
                return .failure(failure)
            }
            return .success(value.string)
        }
    }

    /// Weights of the Spanish account (CCC) control digits.
    package static let spanishAccountWeights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    /// One Spanish CCC control digit over ASCII digits and the last of the weights: 11 − (sum
    /// mod 11), where 11 → 0 and 10 → 1.
    package static func spanishControlDigit(_ digits: some Collection<UInt8>) -> Int {
        var sum = 0
        for (digit, weight) in zip(digits, spanishAccountWeights.suffix(digits.count)) { sum += Int(digit &- 0x30) * weight }
        let check = 11 - sum % 11
        return check == 11 ? 0 : check == 10 ? 1 : check
    }

    /// The Spanish BBAN (bank 4, branch 4, control 2, account 10 digits) has its own control
    /// digits; an IBAN computed from a mistyped account passes mod 97 but fails here.
    package static func checkSpanishAccount(_ bban: UnsafeBufferPointer<UInt8>) -> FormatFailure? {
        guard bban.count == 20, bban.allSatisfy(ASCIIBytes.isDigit) else { return .spanishAccountShape }
        // The bank and branch count as 10 digits with two leading zeros, which add nothing.
        let first = spanishControlDigit(bban.prefix(8)), second = spanishControlDigit(bban.suffix(10))
        guard Int(bban[8] &- 0x30) == first, Int(bban[9] &- 0x30) == second else {
            return .spanishAccountControl("\(first)\(second)")
        }
        return nil
    }
}
