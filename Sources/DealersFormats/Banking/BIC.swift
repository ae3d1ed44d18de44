import DealersModel

/// SWIFT/BIC codes (ISO 9362): 4-letter bank code, 2-letter country, 2-character location,
/// optional 3-character branch.
package enum BIC {
    /// Checks a BIC; returns it upper-cased without spaces. `XK` (Kosovo) is accepted as a country
    /// because SWIFT uses it, although it is not in ISO 3166-1.
    package static func check(_ raw: String) -> Result<String, FormatFailure> {
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
        guard FormatCharacters.allLetters(bank) else {
            return .failure(.because("los 4 primeros caracteres de un BIC (banco) son letras",
                                     "the first 4 characters of a BIC (bank) are letters"))
        }
        guard FormatCharacters.allLetters(country), isCountryCode(country) || country == "XK" else {
            return .failure(.because("los caracteres 5 y 6 de un BIC deben ser un país ISO 3166-1, no \(country)",
                                     "characters 5 and 6 of a BIC should be an ISO 3166-1 country, not \(country)"))
        }
        guard location.allSatisfy(FormatCharacters.isAlphanumeric) else {
            return .failure(.because("los caracteres 7 y 8 de un BIC (localidad) son letras o dígitos",
                                     "characters 7 and 8 of a BIC (location) are letters or digits"))
        }
        guard branch.allSatisfy(FormatCharacters.isAlphanumeric) else {
            return .failure(.because("los caracteres 9 a 11 de un BIC (sucursal) son letras o dígitos",
                                     "characters 9 to 11 of a BIC (branch) are letters or digits"))
        }
        return .success(value)
    }
}
