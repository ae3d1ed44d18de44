import DealersModel

/// International bank account numbers: country length from ``ibanLengths`` and the mod 97 check.
package enum IBAN {
    /// The remainder mod 97 of the IBAN read as a number after moving its first four characters
    /// to the end, letters counting A=10 … Z=35. Computed piecewise: no big integers.
    /// Nil when a character is neither an ASCII digit nor an upper-case letter.
    package static func mod97(_ iban: String) -> Int? {
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for c in rearranged {
            guard let a = c.asciiValue else { return nil }
            switch a {
            case 48...57: remainder = (remainder * 10 + Int(a) - 48) % 97
            case 65...90: remainder = (remainder * 100 + Int(a) - 55) % 97
            default: return nil
            }
        }
        return remainder
    }

    /// Checks an IBAN written in any case, with or without spaces; returns it compact and upper-cased.
    package static func check(_ raw: String) -> Result<String, FormatFailure> {
        var value = ""
        for c in raw.uppercased() where !(c.isWhitespace || c == "-") { value.append(c) }
        guard value.allSatisfy(FormatCharacters.isAlphanumeric) else {
            return .failure(.because("un IBAN solo tiene letras y dígitos", "an IBAN has only letters and digits"))
        }
        let country = String(value.prefix(2))
        guard country.count == 2, FormatCharacters.allLetters(country) else {
            return .failure(.because("un IBAN empieza por el código de país", "an IBAN starts with a country code"))
        }
        guard let length = ibanLengths[country] else {
            return .failure(.because("país de IBAN desconocido: \(country)", "unknown IBAN country: \(country)"))
        }
        guard value.count == length else {
            return .failure(.because("IBAN de \(country) debe tener \(length) caracteres, tiene \(value.count)",
                                     "\(FormatCharacters.article(for: country)) \(country) IBAN has \(length) characters, found \(value.count)"))
        }
        let checkDigits = value.dropFirst(2).prefix(2)
        guard FormatCharacters.allDigits(checkDigits) else {
            return .failure(.because("los caracteres 3 y 4 de un IBAN son dígitos de control",
                                     "characters 3 and 4 of an IBAN are check digits"))
        }
        guard let remainder = mod97(value) else {
            return .failure(.because("un IBAN solo tiene letras y dígitos", "an IBAN has only letters and digits"))
        }
        let expected = mod97(country + "00" + String(value.dropFirst(4))).map { 98 - $0 }
        let expectedText = expected.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "?"
        guard remainder == 1, checkDigits != "00", checkDigits != "01", checkDigits != "99" else {
            return .failure(.because("dígito de control IBAN incorrecto (mod 97); debería ser \(expectedText)",
                                     "wrong IBAN check digits (mod 97); they should be \(expectedText)"))
        }
        if country == "ES", let failure = checkSpanishAccount(value.dropFirst(4)) {
            return .failure(failure)
        }
        return .success(value)
    }

    /// Weights of the Spanish account (CCC) control digits.
    package static let spanishAccountWeights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    /// One Spanish CCC control digit over 10 digits: 11 − (sum mod 11), where 11 → 0 and 10 → 1.
    package static func spanishControlDigit(_ digits: some StringProtocol) -> Int? {
        var sum = 0
        for (c, weight) in zip(digits, spanishAccountWeights) {
            guard let d = FormatCharacters.digitValue(c) else { return nil }
            sum += d * weight
        }
        let check = 11 - sum % 11
        return check == 11 ? 0 : check == 10 ? 1 : check
    }

    /// The Spanish BBAN (bank 4, branch 4, control 2, account 10 digits) has its own control
    /// digits; an IBAN computed from a mistyped account passes mod 97 but fails here.
    package static func checkSpanishAccount(_ bban: Substring) -> FormatFailure? {
        guard bban.count == 20, FormatCharacters.allDigits(bban) else {
            return .because("la cuenta de un IBAN de ES tiene 20 dígitos", "the account in an ES IBAN has 20 digits")
        }
        let bankBranch = "00" + bban.prefix(8)
        let account = bban.suffix(10)
        guard let first = spanishControlDigit(bankBranch), let second = spanishControlDigit(account) else {
            return .because("la cuenta de un IBAN de ES tiene 20 dígitos", "the account in an ES IBAN has 20 digits")
        }
        let expected = "\(first)\(second)"
        guard bban.dropFirst(8).prefix(2) == expected else {
            return .because("dígitos de control de la cuenta (CCC) incorrectos; deberían ser \(expected)",
                            "wrong account (CCC) control digits; they should be \(expected)")
        }
        return nil
    }
}
