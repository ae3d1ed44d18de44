import Foundation
@testable import DealersCore

// The String checks of IBAN and BIC as they were before issue 28: the reference the byte checks
// are compared with (FormatReferenceTests).

/// International bank account numbers: country length from ``ibanLengths`` and the mod 97 check.
enum StringIBAN {
    /// The remainder mod 97 of the IBAN read as a number after moving its first four characters
    /// to the end, letters counting A=10 … Z=35. Computed piecewise: no big integers.
    /// Nil when a character is neither an ASCII digit nor an upper-case letter.
    static func mod97(_ iban: String) -> Int? {
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
    static func check(_ raw: String) -> Result<String, FormatFailure> {
        var value = ""
        for c in raw.uppercased() where !(c.isWhitespace || c == "-") { value.append(c) }
        guard value.allSatisfy(StringFormatCharacters.isAlphanumeric) else {
            return .failure(.because("un IBAN solo tiene letras y dígitos", "an IBAN has only letters and digits"))
        }
        let country = String(value.prefix(2))
        guard country.count == 2, StringFormatCharacters.allLetters(country) else {
            return .failure(.because("un IBAN empieza por el código de país", "an IBAN starts with a country code"))
        }
        guard let length = ibanLengths[country] else {
            return .failure(.because("país de IBAN desconocido: \(country)", "unknown IBAN country: \(country)"))
        }
        guard value.count == length else {
            return .failure(.because("IBAN de \(country) debe tener \(length) caracteres, tiene \(value.count)",
                                     "\(StringFormatCharacters.article(for: country)) \(country) IBAN has \(length) characters, found \(value.count)"))
        }
        let checkDigits = value.dropFirst(2).prefix(2)
        guard StringFormatCharacters.allDigits(checkDigits) else {
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
    static let spanishAccountWeights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    /// One Spanish CCC control digit over 10 digits: 11 − (sum mod 11), where 11 → 0 and 10 → 1.
    static func spanishControlDigit(_ digits: some StringProtocol) -> Int? {
        var sum = 0
        for (c, weight) in zip(digits, spanishAccountWeights) {
            guard let d = StringFormatCharacters.digitValue(c) else { return nil }
            sum += d * weight
        }
        let check = 11 - sum % 11
        return check == 11 ? 0 : check == 10 ? 1 : check
    }

    /// The Spanish BBAN (bank 4, branch 4, control 2, account 10 digits) has its own control
    /// digits; an IBAN computed from a mistyped account passes mod 97 but fails here.
    static func checkSpanishAccount(_ bban: Substring) -> FormatFailure? {
        guard bban.count == 20, StringFormatCharacters.allDigits(bban) else {
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

/// SWIFT/BIC codes (ISO 9362): 4-letter bank code, 2-letter country, 2-character location,
/// optional 3-character branch.
enum StringBIC {
    /// Checks a BIC; returns it upper-cased without spaces. `XK` (Kosovo) is accepted as a country
    /// because SWIFT uses it, although it is not in ISO 3166-1.
    static func check(_ raw: String) -> Result<String, FormatFailure> {
        var value = ""
        for c in raw.uppercased() where !c.isWhitespace { value.append(c) }
        guard value.count == 8 || value.count == 11 else {
            return .failure(.because("un BIC tiene 8 u 11 caracteres, tiene \(value.count)",
                                     "a BIC has 8 or 11 characters, found \(value.count)"))
        }
        let bank = value.prefix(4)
        let country = String(value.dropFirst(4).prefix(2))
        let location = value.dropFirst(6).prefix(2)
        let branch = value.dropFirst(8)
        guard StringFormatCharacters.allLetters(bank) else {
            return .failure(.because("los 4 primeros caracteres de un BIC (banco) son letras",
                                     "the first 4 characters of a BIC (bank) are letters"))
        }
        guard StringFormatCharacters.allLetters(country), isCountryCode(country) || country == "XK" else {
            return .failure(.because("los caracteres 5 y 6 de un BIC deben ser un país ISO 3166-1, no \(country)",
                                     "characters 5 and 6 of a BIC should be an ISO 3166-1 country, not \(country)"))
        }
        guard location.allSatisfy(StringFormatCharacters.isAlphanumeric) else {
            return .failure(.because("los caracteres 7 y 8 de un BIC (localidad) son letras o dígitos",
                                     "characters 7 and 8 of a BIC (location) are letters or digits"))
        }
        guard branch.allSatisfy(StringFormatCharacters.isAlphanumeric) else {
            return .failure(.because("los caracteres 9 a 11 de un BIC (sucursal) son letras o dígitos",
                                     "characters 9 to 11 of a BIC (branch) are letters or digits"))
        }
        return .success(value)
    }
}
