import Foundation
@testable import DealersCore

// The String validation as it was before issue 28 wrote each rule once over bytes: the five-type
// dispatch of the format checks, the country and currency checks, numbers and ISO dates. The
// references the library is compared with (FormatReferenceTests, ByteValidationDifferentialTests).

/// ``DomainFormat/check(_:context:)`` as it was: each check over a `String`.
enum StringFormats {
    static func check(_ format: DomainFormat, _ value: String, context: FormatContext = FormatContext()) -> Result<String, FormatFailure> {
        let trimmed = TextNormalization.trim(value)
        if trimmed.isEmpty {
            return .failure(.empty)
        }
        guard let check = checks[format] else { return .failure(.because("sin comprobación", "no check")) }
        return check(trimmed, context.defaultCountry)
    }

    /// The String check of each format, given the trimmed value and the default country.
    static let checks: [DomainFormat: @Sendable (String, String?) -> Result<String, FormatFailure>] = [
        .esDNI: { value, _ in StringSpanishDocument.checkDNI(value) }, .esNIE: { value, _ in StringSpanishDocument.checkNIE(value) },
        .esDocument: { value, _ in StringSpanishDocument.checkDNIOrNIE(value) }, .esCIF: { value, _ in StringSpanishDocument.checkCIF(value) },
        .esNIF: { value, _ in StringSpanishDocument.checkNIF(value) }, .veRIF: { value, _ in StringVenezuelanRIF.check(value) },
        .iban: { value, _ in StringIBAN.check(value) }, .bic: { value, _ in StringBIC.check(value) },
        .email: { value, _ in StringEmailAddress.check(value) }, .phone: StringPhoneNumber.check(_:defaultCountry:),
        .country: { value, _ in StringCodes.country(value) }, .currency: { value, _ in StringCodes.currency(value) },
        .duration: { value, _ in ContractLength.parse(value).map { _ in value } },
    ]

    /// `CivilDate(iso:)` as it was: split at `-`, each part read by `Int`.
    static func civilDate(iso text: some StringProtocol) -> CivilDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}

/// The ISO 3166-1 alpha-2 check behind ``DomainFormat/country`` and the ISO 4217 check behind
/// ``DomainFormat/currency``, as they were: the value upper-cased, so many letters, a known code
/// (or one replaced by another).
enum StringCodes {
    static func country(_ raw: String) -> Result<String, FormatFailure> {
        code(raw, letters: 2, isKnown: isCountryCode, replacements: countryCodeHints,
             shape: .because("un código de país tiene 2 letras (ISO 3166-1 alfa-2)", "a country code has 2 letters (ISO 3166-1 alpha-2)"),
             replaced: { .because("\($0) no es un código ISO 3166-1; debería ser \($1)", "\($0) is not an ISO 3166-1 code; it should be \($1)") },
             unknown: { .because("código de país desconocido: \($0) (ISO 3166-1 alfa-2)", "unknown country code: \($0) (ISO 3166-1 alpha-2)") })
    }

    static func currency(_ raw: String) -> Result<String, FormatFailure> {
        code(raw, letters: 3, isKnown: { iso4217MinorUnits[$0] != nil }, replacements: retiredCurrencyCodes,
             shape: .because("un código de moneda tiene 3 letras (ISO 4217)", "a currency code has 3 letters (ISO 4217)"),
             replaced: { .because("\($0) ya no está en vigor; debería ser \($1)", "\($0) is no longer in use; it should be \($1)") },
             unknown: { .because("código de moneda desconocido: \($0) (ISO 4217)", "unknown currency code: \($0) (ISO 4217)") })
    }

    private static func code(_ raw: String, letters: Int, isKnown: (String) -> Bool, replacements: [String: String],
                             shape: FormatFailure, replaced: (String, String) -> FormatFailure,
                             unknown: (String) -> FormatFailure) -> Result<String, FormatFailure> {
        let value = raw.uppercased()
        guard value.count == letters, StringFormatCharacters.allLetters(value) else { return .failure(shape) }
        guard isKnown(value) else { return .failure(replacements[value].map { replaced(value, $0) } ?? unknown(value)) }
        return .success(value)
    }
}

/// Text to an exact decimal, over `Character`s, as before issue 28.
enum StringDecimalParsing {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses `text` with the given separators; `nil` when it is not a number.
    static func parse(_ text: String, decimalChar: Character = ".", groupChar: Character? = nil) -> Decimal? {
        let trimmed = TextNormalization.trim(text)
        guard !trimmed.isEmpty else { return nil }
        var canonical = ""
        canonical.reserveCapacity(trimmed.utf8.count)
        var seenDecimal = false
        var digitsInGroup = 0          // digits since the start or the last group separator
        var sawGroup = false
        for (index, c) in trimmed.enumerated() {
            if c.isASCII, c.isNumber {
                canonical.append(c)
                if !seenDecimal { digitsInGroup += 1 }
            } else if (c == "-" || c == "+") && index == 0 {
                if c == "-" { canonical.append("-") }
            } else if c == decimalChar, !seenDecimal {
                guard !sawGroup || digitsInGroup == 3 else { return nil }
                canonical.append("."); seenDecimal = true
            } else if let g = groupChar, c == g, !seenDecimal {
                // The first group may have 1–3 digits, every later one exactly 3.
                guard digitsInGroup >= 1, (sawGroup ? digitsInGroup == 3 : digitsInGroup <= 3) else { return nil }
                sawGroup = true
                digitsInGroup = 0
            } else {
                return nil
            }
        }
        if sawGroup, !seenDecimal, digitsInGroup != 3 { return nil }
        guard canonical.contains(where: \.isNumber), canonical.last != "." else { return nil }
        return Decimal(string: canonical, locale: posix)
    }

    /// Parses a canonical number as written by machines and spreadsheets (`1234.5`, `-3`).
    static func parseCanonical(_ text: String) -> Decimal? {
        parse(text, decimalChar: ".", groupChar: nil)
    }
}

/// The character helpers the String checks used; all work on ASCII only.
enum StringFormatCharacters {
    /// Whether the character is an ASCII digit 0–9.
    static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 48 && a <= 57
    }

    /// Whether the character is an ASCII letter A–Z or a–z.
    static func isLetter(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (a >= 65 && a <= 90) || (a >= 97 && a <= 122)
    }

    /// Whether the character is an ASCII letter or digit.
    static func isAlphanumeric(_ c: Character) -> Bool {
        isDigit(c) || isLetter(c)
    }

    /// The value of an ASCII digit, nil for anything else.
    static func digitValue(_ c: Character) -> Int? {
        guard isDigit(c), let a = c.asciiValue else { return nil }
        return Int(a) - 48
    }

    /// Whether every character is an ASCII digit (true for the empty string).
    static func allDigits<S: StringProtocol>(_ s: S) -> Bool {
        s.allSatisfy(isDigit)
    }

    /// Whether every character is an ASCII letter (true for the empty string).
    static func allLetters<S: StringProtocol>(_ s: S) -> Bool {
        s.allSatisfy(isLetter)
    }

    /// "a" or "an" before a spelled-out code such as "ES" ("an ES IBAN", "a GB IBAN").
    static func article(for code: String) -> String {
        guard let first = code.first else { return "a" }
        return "AEFHILMNORSX".contains(first) ? "an" : "a"
    }

    /// A list such as "6, 7, 8 o 9" / "6, 7, 8 or 9".
    static func list(_ items: [String], conjunction: String) -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
