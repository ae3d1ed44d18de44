import DealersModel

/// Every message of the format checks, in Spanish and English, worded once: the checks only
/// choose one and fill in what was expected.
extension FormatFailure {
    /// Nothing left once trimmed (or normalised).
    package static let empty = because("el valor está vacío", "the value is empty")

    // MARK: Spanish documents

    /// A DNI or NIE without its control letter, which should be `expected`.
    package static func missingControlLetter(_ expected: String) -> FormatFailure {
        because("falta la letra de control; debería ser \(expected)", "the control letter is missing; it should be \(expected)")
    }
    /// A document whose control letter should be `expected`.
    package static func controlLetter(_ expected: String) -> FormatFailure {
        because("la letra de control debería ser \(expected)", "control letter should be \(expected)")
    }
    /// A CIF whose control digit should be `expected`.
    package static func controlDigit(_ expected: Int) -> FormatFailure {
        because("el dígito de control debería ser \(expected)", "control digit should be \(expected)")
    }
    /// A DNI that is not up to 8 digits and a letter.
    package static let dniShape = because("un DNI tiene 8 dígitos y una letra de control", "a DNI has 8 digits and a control letter")
    /// A DNI whose last character is not a letter.
    package static let dniEnd = because("un DNI termina en una letra de control", "a DNI ends with a control letter")
    /// A NIE that does not start with X, Y or Z.
    package static let nieStart = because("un NIE empieza por X, Y o Z", "a NIE starts with X, Y or Z")
    /// A NIE that is not a letter, 7 digits and a letter.
    package static let nieShape = because("un NIE tiene una letra X, Y o Z, 7 dígitos y una letra de control",
                                          "a NIE has a letter X, Y or Z, 7 digits and a control letter")
    /// A DNI-or-NIE that starts with neither a digit nor X, Y or Z.
    package static let neitherDNINorNIE = because("no es un DNI (8 dígitos y letra) ni un NIE (X, Y o Z, 7 dígitos y letra)",
                                                  "neither a DNI (8 digits and a letter) nor a NIE (X, Y or Z, 7 digits and a letter)")
    /// A CIF that does not start with one of the entity `letters`.
    package static func cifStart(_ letters: [String]) -> FormatFailure {
        because("un CIF empieza por una letra de entidad (\(list(letters, "o")))",
                "a CIF starts with an entity letter (\(list(letters, "or")))")
    }
    /// A CIF that is not a letter, 7 digits and a control character.
    package static let cifShape = because("un CIF tiene una letra, 7 dígitos y un carácter de control",
                                          "a CIF has a letter, 7 digits and a control character")
    /// A CIF without its control character, which should be `expected`.
    package static func cifMissingControl(_ expected: String) -> FormatFailure {
        because("falta el carácter de control; debería ser \(expected)", "the control character is missing; it should be \(expected)")
    }
    /// A CIF of an `entity` type that takes a control letter (`expected`) but has a digit.
    package static func cifTakesLetter(_ entity: String, _ expected: String) -> FormatFailure {
        because("un CIF de tipo \(entity) lleva letra de control; debería ser \(expected)",
                "a type \(entity) CIF has a control letter; it should be \(expected)")
    }
    /// A CIF of an `entity` type that takes a control digit (`expected`) but has a letter.
    package static func cifTakesDigit(_ entity: String, _ expected: Int) -> FormatFailure {
        because("un CIF de tipo \(entity) lleva dígito de control; debería ser \(expected)",
                "a type \(entity) CIF has a control digit; it should be \(expected)")
    }
    /// A CIF whose last character is neither a digit nor a letter.
    package static let cifEnd = because("un CIF termina en un dígito o una letra de control", "a CIF ends with a control digit or letter")
    /// A K, L or M NIF that is not the letter, 7 digits and a letter.
    package static let klmShape = because("un NIF K, L o M tiene la letra, 7 dígitos y una letra de control",
                                          "a K, L or M NIF has the letter, 7 digits and a control letter")
    /// A NIF that starts with nothing a DNI, NIE or CIF starts with.
    package static let notNIF = because("no es un NIF: se esperaba DNI, NIE o CIF", "not a NIF: expected a DNI, NIE or CIF")
    /// A RIF that does not start with V, E, J, P or G.
    package static let rifStart = because("un RIF empieza por V, E, J, P o G", "a RIF starts with V, E, J, P or G")
    /// A RIF that is not a letter and 8 or 9 digits.
    package static let rifShape = because("un RIF tiene una letra, 8 dígitos y un dígito verificador",
                                          "a RIF has a letter, 8 digits and a check digit")
    /// A RIF without its check digit, which should be `expected`.
    package static func rifMissingCheck(_ expected: Int) -> FormatFailure {
        because("falta el dígito verificador; debería ser \(expected)", "the check digit is missing; it should be \(expected)")
    }
    /// A RIF whose check digit should be `expected`.
    package static func rifCheck(_ expected: Int) -> FormatFailure {
        because("el dígito verificador debería ser \(expected)", "check digit should be \(expected)")
    }

    // MARK: Banking

    /// An IBAN with something other than letters and digits.
    package static let ibanCharacters = because("un IBAN solo tiene letras y dígitos", "an IBAN has only letters and digits")
    /// An IBAN that does not start with two letters.
    package static let ibanCountry = because("un IBAN empieza por el código de país", "an IBAN starts with a country code")
    /// An IBAN of a `country` the registry does not know.
    package static func ibanUnknownCountry(_ country: String) -> FormatFailure {
        because("país de IBAN desconocido: \(country)", "unknown IBAN country: \(country)")
    }
    /// An IBAN of `country` that should have `length` characters and has `found`.
    package static func ibanLength(_ country: String, _ length: Int, found: Int) -> FormatFailure {
        because("IBAN de \(country) debe tener \(length) caracteres, tiene \(found)",
                "\(article(country)) \(country) IBAN has \(length) characters, found \(found)")
    }
    /// An IBAN whose characters 3 and 4 are not digits.
    package static let ibanCheckDigitsShape = because("los caracteres 3 y 4 de un IBAN son dígitos de control",
                                                      "characters 3 and 4 of an IBAN are check digits")
    /// An IBAN that fails mod 97; its check digits should be `expected`.
    package static func ibanCheckDigits(_ expected: String) -> FormatFailure {
        because("dígito de control IBAN incorrecto (mod 97); debería ser \(expected)",
                "wrong IBAN check digits (mod 97); they should be \(expected)")
    }
    /// An ES IBAN whose account is not 20 digits.
    package static let spanishAccountShape = because("la cuenta de un IBAN de ES tiene 20 dígitos", "the account in an ES IBAN has 20 digits")
    /// An ES IBAN whose account control digits should be `expected`.
    package static func spanishAccountControl(_ expected: String) -> FormatFailure {
        because("dígitos de control de la cuenta (CCC) incorrectos; deberían ser \(expected)",
                "wrong account (CCC) control digits; they should be \(expected)")
    }
    /// A SEPA creditor identifier that is not country, check digits, business code, national id.
    package static let creditorIdentifierShape = because(
        "un identificador de acreedor SEPA es país, 2 dígitos de control, 3 caracteres de sufijo y el identificador nacional (ES12000B12345678)",
        "a SEPA creditor identifier is a country, 2 check digits, a 3-character business code and the national id (ES12000B12345678)")
    /// A creditor identifier that fails mod 97-10; its check digits should be `expected`.
    package static func creditorIdentifierCheckDigits(_ expected: String) -> FormatFailure {
        because("dígitos de control del identificador de acreedor incorrectos (ISO 7064 mod 97-10); deberían ser \(expected)",
                "wrong creditor identifier check digits (ISO 7064 mod 97-10); they should be \(expected)")
    }
    /// A BIC of `found` characters, not 8 or 11.
    package static func bicLength(_ found: Int) -> FormatFailure {
        because("un BIC tiene 8 u 11 caracteres, tiene \(found)", "a BIC has 8 or 11 characters, found \(found)")
    }
    /// A BIC whose bank code is not 4 letters.
    package static let bicBank = because("los 4 primeros caracteres de un BIC (banco) son letras",
                                         "the first 4 characters of a BIC (bank) are letters")
    /// A BIC whose characters 5 and 6 (`country`) are not a country.
    package static func bicCountry(_ country: String) -> FormatFailure {
        because("los caracteres 5 y 6 de un BIC deben ser un país ISO 3166-1, no \(country)",
                "characters 5 and 6 of a BIC should be an ISO 3166-1 country, not \(country)")
    }
    /// A BIC whose location is not letters or digits.
    package static let bicLocation = because("los caracteres 7 y 8 de un BIC (localidad) son letras o dígitos",
                                             "characters 7 and 8 of a BIC (location) are letters or digits")
    /// A BIC whose branch is not letters or digits.
    package static let bicBranch = because("los caracteres 9 a 11 de un BIC (sucursal) son letras o dígitos",
                                           "characters 9 to 11 of a BIC (branch) are letters or digits")

    // MARK: Codes

    /// A country code that is not 2 letters.
    package static let countryShape = because("un código de país tiene 2 letras (ISO 3166-1 alfa-2)",
                                              "a country code has 2 letters (ISO 3166-1 alpha-2)")
    /// A `code` that is not ISO 3166-1 but usually means `meant` (EL for GR …).
    package static func countryMeant(_ code: String, _ meant: String) -> FormatFailure {
        because("\(code) no es un código ISO 3166-1; debería ser \(meant)", "\(code) is not an ISO 3166-1 code; it should be \(meant)")
    }
    /// A `code` of 2 letters that is no country.
    package static func countryUnknown(_ code: String) -> FormatFailure {
        because("código de país desconocido: \(code) (ISO 3166-1 alfa-2)", "unknown country code: \(code) (ISO 3166-1 alpha-2)")
    }
    /// A currency code that is not 3 letters.
    package static let currencyShape = because("un código de moneda tiene 3 letras (ISO 4217)", "a currency code has 3 letters (ISO 4217)")
    /// A retired currency `code`, replaced by `successor`.
    package static func currencyRetired(_ code: String, _ successor: String) -> FormatFailure {
        because("\(code) ya no está en vigor; debería ser \(successor)", "\(code) is no longer in use; it should be \(successor)")
    }
    /// A `code` of 3 letters that is no active currency.
    package static func currencyUnknown(_ code: String) -> FormatFailure {
        because("código de moneda desconocido: \(code) (ISO 4217)", "unknown currency code: \(code) (ISO 4217)")
    }

    // MARK: Contact

    /// An e-mail address with white space in it.
    package static let emailSpaces = because("una dirección de correo no tiene espacios", "an e-mail address has no spaces")
    /// An e-mail address with characters that are not ASCII.
    package static let emailASCII = because("la dirección de correo solo admite caracteres ASCII", "the e-mail address must be ASCII only")
    /// An e-mail address without exactly one @.
    package static let emailAt = because("una dirección de correo tiene una sola @ entre usuario y dominio",
                                         "an e-mail address has exactly one @ between user and domain")
    /// An e-mail address whose part before @ has `found` characters, not 1 to 64.
    package static func emailLocalLength(_ found: Int) -> FormatFailure {
        because("la parte antes de @ tiene entre 1 y 64 caracteres, tiene \(found)", "the part before @ has 1 to 64 characters, found \(found)")
    }
    /// An e-mail address whose part before @ has a character RFC 5322 does not allow there.
    package static let emailLocalCharacters = because("la parte antes de @ tiene caracteres no permitidos",
                                                      "the part before @ has characters that are not allowed")
    /// An e-mail address whose part before @ starts or ends with a dot or has two in a row.
    package static let emailLocalDots = because("la parte antes de @ no empieza ni termina en punto ni tiene dos puntos seguidos",
                                                "the part before @ does not start or end with a dot or have two dots in a row")
    /// An e-mail address with nothing after @.
    package static let emailDomainMissing = because("falta el dominio después de @", "the domain after @ is missing")
    /// An e-mail address whose domain has no dot.
    package static let emailDomainDot = because("el dominio necesita un punto (p. ej. ejemplo.es)", "the domain needs a dot (e.g. example.com)")
    /// An e-mail address with an empty or too long part of the domain.
    package static let emailLabelLength = because("cada parte del dominio tiene entre 1 y 63 caracteres",
                                                  "each part of the domain has 1 to 63 characters")
    /// An e-mail address with a part of the domain (`label`) that is not letters, digits and inner hyphens.
    package static func emailLabel(_ label: String) -> FormatFailure {
        because("el dominio solo tiene letras, dígitos y guiones interiores: «\(label)»",
                "the domain has only letters, digits and inner hyphens: \"\(label)\"")
    }
    /// An e-mail address whose top-level domain (`top`) is too short or all digits.
    package static func emailTopLevel(_ top: String) -> FormatFailure {
        because("el dominio de primer nivel «\(top)» no es válido", "the top-level domain \"\(top)\" is not valid")
    }
    /// An e-mail address of `found` characters, over 254.
    package static func emailLength(_ found: Int) -> FormatFailure {
        because("una dirección de correo tiene como mucho 254 caracteres, tiene \(found)",
                "an e-mail address has at most 254 characters, found \(found)")
    }
    /// A phone number with a `character` that is no digit, leading + or separator.
    package static func phoneCharacter(_ character: String) -> FormatFailure {
        because("un teléfono solo tiene dígitos, un + inicial y separadores; sobra «\(character)»",
                "a phone number has only digits, a leading + and separators; found \"\(character)\"")
    }
    /// A phone number without digits.
    package static let phoneNoDigits = because("el teléfono no tiene dígitos", "the phone number has no digits")
    /// A national phone number where no default country says whose.
    package static let phoneInternationalPrefix = because("falta el prefijo internacional: se esperaba +, código de país y número (E.164)",
                                                          "the international prefix is missing: expected +, country code and number (E.164)")
    /// A national phone number of a `country` without numbering rules.
    package static func phoneNoRules(_ country: String) -> FormatFailure {
        because("no hay reglas de números nacionales de \(country); escriba el número con + y código de país",
                "no national number rules for \(country); write the number with + and country code")
    }
    /// A national number of `found` digits, not of the lengths of its `plan`.
    package static func phoneNationalLength(_ plan: NationalNumberPlan, found: Int) -> FormatFailure {
        let lengths = plan.lengths
        let es = lengths.count == 1 ? "\(lengths.lowerBound) dígitos" : "entre \(lengths.lowerBound) y \(lengths.upperBound) dígitos"
        let en = lengths.count == 1 ? "\(lengths.lowerBound) digits" : "\(lengths.lowerBound) to \(lengths.upperBound) digits"
        return because("un número de \(plan.country) tiene \(es), tiene \(found)",
                       "\(article(plan.country)) \(plan.country) number has \(en), found \(found)")
    }
    /// A national number that does not start as numbers of its `plan` do.
    package static func phoneNationalPrefix(_ plan: NationalNumberPlan) -> FormatFailure {
        because("un número de \(plan.country) empieza por \(list(plan.prefixes, "o"))",
                "\(article(plan.country)) \(plan.country) number starts with \(list(plan.prefixes, "or"))")
    }
    /// An international number of `found` digits, not 8 to 15.
    package static func phoneInternationalLength(_ found: Int) -> FormatFailure {
        because("un número internacional (E.164) tiene entre 8 y 15 dígitos tras el +, tiene \(found)",
                "an international (E.164) number has 8 to 15 digits after the +, found \(found)")
    }
    /// An international number whose first `digits` are no calling code.
    package static func phoneCallingCode(_ digits: String) -> FormatFailure {
        because("prefijo de país desconocido: +\(digits)", "unknown country calling code: +\(digits)")
    }

    /// "a" or "an" before a spelled-out code such as "ES" ("an ES IBAN", "a GB IBAN").
    package static func article(_ code: String) -> String {
        guard let first = code.first else { return "a" }
        return "AEFHILMNORSX".contains(first) ? "an" : "a"
    }

    /// A list such as "6, 7, 8 o 9" / "6, 7, 8 or 9".
    package static func list(_ items: [String], _ conjunction: String) -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
