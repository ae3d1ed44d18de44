import DealersModel

/// Venezuelan RIF (Registro Único de Información Fiscal): V, E, J, P or G, 8 digits and a check digit.
package enum VenezuelanRIF {
    /// The value each RIF letter stands for in the check-digit sum (weighted by 4).
    package static let letterValues: [Character: Int] = ["V": 1, "E": 2, "J": 3, "P": 4, "G": 5]
    /// Weights of the 8 digits.
    package static let weights = [3, 2, 7, 6, 5, 4, 3, 2]

    /// The check digit for a letter and 8 digits: 11 − (sum mod 11), where 10 and 11 become 0.
    package static func checkDigit(letter: Character, digits: Substring) -> Int? {
        guard let letterValue = letterValues[letter], digits.count == 8 else { return nil }
        var sum = letterValue * 4
        for (c, weight) in zip(digits, weights) {
            guard let d = FormatCharacters.digitValue(c) else { return nil }
            sum += d * weight
        }
        let check = 11 - sum % 11
        return check >= 10 ? 0 : check
    }

    /// Checks a RIF written with or without separators ("J-12345678-9", "j123456789").
    /// Returns it as letter, 8 digits and check digit without separators.
    package static func check(_ raw: String) -> Result<String, FormatFailure> {
        let value = normalizeDocument(raw)
        guard let letter = value.first, letterValues[letter] != nil else {
            return .failure(.because("un RIF empieza por V, E, J, P o G", "a RIF starts with V, E, J, P or G"))
        }
        let digits = value.dropFirst()
        guard FormatCharacters.allDigits(digits), digits.count == 8 || digits.count == 9 else {
            return .failure(.because("un RIF tiene una letra, 8 dígitos y un dígito verificador",
                                     "a RIF has a letter, 8 digits and a check digit"))
        }
        guard let expected = checkDigit(letter: letter, digits: digits.prefix(8)) else {
            return .failure(.because("un RIF tiene una letra, 8 dígitos y un dígito verificador",
                                     "a RIF has a letter, 8 digits and a check digit"))
        }
        guard digits.count == 9, let given = digits.last.flatMap(FormatCharacters.digitValue) else {
            return .failure(.because("falta el dígito verificador; debería ser \(expected)",
                                     "the check digit is missing; it should be \(expected)"))
        }
        guard given == expected else {
            return .failure(.because("el dígito verificador debería ser \(expected)",
                                     "check digit should be \(expected)"))
        }
        return .success(value)
    }
}
