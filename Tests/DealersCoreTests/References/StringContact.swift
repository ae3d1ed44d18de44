import Foundation
@testable import DealersCore

// The String checks of e-mail addresses and phone numbers as they were before issue 28: the
// reference the byte checks are compared with (FormatReferenceTests).

/// E-mail addresses: a pragmatic subset of RFC 5322 `addr-spec` (dot-atom local part, host name
/// domain). Quoted local parts, comments, IP-literal domains and non-ASCII addresses are refused.
enum StringEmailAddress {
    /// Characters allowed in a dot-atom local part besides letters, digits and dots (RFC 5322 atext).
    static let localSpecials: Set<Character> = Set("!#$%&'*+/=?^_`{|}~-")

    /// Checks an address; returns it with the domain lower-cased (the local part is kept as written).
    static func check(_ raw: String) -> Result<String, FormatFailure> {
        if raw.contains(where: { $0.isWhitespace }) {
            return .failure(.because("una dirección de correo no tiene espacios", "an e-mail address has no spaces"))
        }
        guard raw.allSatisfy({ $0.isASCII }) else {
            return .failure(.because("la dirección de correo solo admite caracteres ASCII",
                                     "the e-mail address must be ASCII only"))
        }
        let parts = raw.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .failure(.because("una dirección de correo tiene una sola @ entre usuario y dominio",
                                     "an e-mail address has exactly one @ between user and domain"))
        }
        let local = parts[0]
        let domain = parts[1].lowercased()
        guard !local.isEmpty, local.count <= 64 else {
            return .failure(.because("la parte antes de @ tiene entre 1 y 64 caracteres, tiene \(local.count)",
                                     "the part before @ has 1 to 64 characters, found \(local.count)"))
        }
        guard local.allSatisfy({ StringFormatCharacters.isAlphanumeric($0) || $0 == "." || localSpecials.contains($0) }) else {
            return .failure(.because("la parte antes de @ tiene caracteres no permitidos",
                                     "the part before @ has characters that are not allowed"))
        }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            return .failure(.because("la parte antes de @ no empieza ni termina en punto ni tiene dos puntos seguidos",
                                     "the part before @ does not start or end with a dot or have two dots in a row"))
        }
        if case .failure(let failure) = checkDomain(domain) { return .failure(failure) }
        let address = local + "@" + domain
        guard address.count <= 254 else {
            return .failure(.because("una dirección de correo tiene como mucho 254 caracteres, tiene \(address.count)",
                                     "an e-mail address has at most 254 characters, found \(address.count)"))
        }
        return .success(address)
    }

    /// A host name with at least two labels; labels 1–63 letters, digits and inner hyphens;
    /// top-level label at least 2 characters and not all digits.
    static func checkDomain(_ domain: String) -> Result<Void, FormatFailure> {
        guard !domain.isEmpty else {
            return .failure(.because("falta el dominio después de @", "the domain after @ is missing"))
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last else {
            return .failure(.because("el dominio necesita un punto (p. ej. ejemplo.es)",
                                     "the domain needs a dot (e.g. example.com)"))
        }
        for label in labels {
            guard !label.isEmpty, label.count <= 63 else {
                return .failure(.because("cada parte del dominio tiene entre 1 y 63 caracteres",
                                         "each part of the domain has 1 to 63 characters"))
            }
            guard label.allSatisfy({ StringFormatCharacters.isAlphanumeric($0) || $0 == "-" }),
                  !label.hasPrefix("-"), !label.hasSuffix("-") else {
                return .failure(.because("el dominio solo tiene letras, dígitos y guiones interiores: «\(label)»",
                                         "the domain has only letters, digits and inner hyphens: \"\(label)\""))
            }
        }
        guard top.count >= 2, !StringFormatCharacters.allDigits(top) else {
            return .failure(.because("el dominio de primer nivel «\(top)» no es válido",
                                     "the top-level domain \"\(top)\" is not valid"))
        }
        return .success(())
    }
}

/// Telephone numbers: E.164 (`+`, calling code and number, 8–15 digits) or a national number of
/// the default country, normalised to E.164 (`"+34612345678"`).
enum StringPhoneNumber {
    /// The library's tables (data, not rules).
    static let plansByCountry = PhoneNumber.plansByCountry
    static let plansByCallingCode = PhoneNumber.plansByCallingCode
    /// Characters people put between digits.
    static let separators: Set<Character> = [" ", "\u{00A0}", "\t", ".", "-", "(", ")", "/"]

    /// Checks a phone number. With a default country, numbers without `+` or `00` are read as
    /// national numbers of that country (its trunk prefix, e.g. "0", may be written); without
    /// one, only international numbers are accepted.
    static func check(_ raw: String, defaultCountry: String?) -> Result<String, FormatFailure> {
        // "+44 (0)20 ..." writes the trunk prefix in brackets: drop it.
        let text = raw.replacingOccurrences(of: "(0)", with: "")
        var digits = ""
        var hasPlus = false
        for c in text {
            if StringFormatCharacters.isDigit(c) {
                digits.append(c)
            } else if c == "+" && digits.isEmpty && !hasPlus {
                hasPlus = true
            } else if !separators.contains(c) {
                return .failure(.because("un teléfono solo tiene dígitos, un + inicial y separadores; sobra «\(c)»",
                                         "a phone number has only digits, a leading + and separators; found \"\(c)\""))
            }
        }
        return resolve(digits: digits, hasPlus: hasPlus, defaultCountry: defaultCountry)
    }

    /// The number from its digits and whether a `+` came before them.
    static func resolve(digits: String, hasPlus: Bool, defaultCountry: String?) -> Result<String, FormatFailure> {
        guard !digits.isEmpty else {
            return .failure(.because("el teléfono no tiene dígitos", "the phone number has no digits"))
        }
        if hasPlus { return international(digits) }
        if digits.hasPrefix("00") { return international(String(digits.dropFirst(2))) }
        let countryName = countryCode(defaultCountry)
        guard !countryName.isEmpty else {
            return .failure(.because("falta el prefijo internacional: se esperaba +, código de país y número (E.164)",
                                     "the international prefix is missing: expected +, country code and number (E.164)"))
        }
        guard let plan = plansByCountry[countryName] else {
            return .failure(.because("no hay reglas de números nacionales de \(countryName); escriba el número con + y código de país",
                                     "no national number rules for \(countryName); write the number with + and country code"))
        }
        let national = nationalNumber(digits, plan: plan)
        if case .success = national { return national }
        // "34612345678" with ES: the calling code written without "+".
        if digits.hasPrefix(plan.callingCode),
           case .success(let e164) = significant(String(digits.dropFirst(plan.callingCode.count)), plan: plan) {
            return .success(e164)
        }
        return national
    }

    /// The default country as a code: trimmed and upper-cased (as written, when it already is).
    static func countryCode(_ country: String?) -> String {
        guard let country else { return "" }
        if ASCIIBytes.withASCII(country, { $0.allSatisfy { $0 &- 0x41 < 26 } }) == true { return country }
        return country.trimmingCharacters(in: .whitespaces).uppercased()
    }

    /// A number dialled inside the plan's country: drops the trunk prefix, then checks it.
    static func nationalNumber(_ digits: String, plan: NationalNumberPlan) -> Result<String, FormatFailure> {
        var number = digits
        if let trunk = plan.trunkPrefix, number.hasPrefix(trunk) {
            number = String(number.dropFirst(trunk.count))
        }
        return significant(number, plan: plan)
    }

    /// Checks a national significant number against a plan; returns it in E.164.
    static func significant(_ number: String, plan: NationalNumberPlan) -> Result<String, FormatFailure> {
        guard plan.lengths.contains(number.count) else {
            let es: String, en: String
            if plan.lengths.count == 1 {
                es = "\(plan.lengths.lowerBound) dígitos"
                en = "\(plan.lengths.lowerBound) digits"
            } else {
                es = "entre \(plan.lengths.lowerBound) y \(plan.lengths.upperBound) dígitos"
                en = "\(plan.lengths.lowerBound) to \(plan.lengths.upperBound) digits"
            }
            return .failure(.because("un número de \(plan.country) tiene \(es), tiene \(number.count)",
                                     "\(StringFormatCharacters.article(for: plan.country)) \(plan.country) number has \(en), found \(number.count)"))
        }
        guard plan.prefixes.isEmpty || plan.prefixes.contains(where: { number.hasPrefix($0) }) else {
            return .failure(.because("un número de \(plan.country) empieza por \(StringFormatCharacters.list(plan.prefixes, conjunction: "o"))",
                                     "\(StringFormatCharacters.article(for: plan.country)) \(plan.country) number starts with \(StringFormatCharacters.list(plan.prefixes, conjunction: "or"))"))
        }
        return .success("+" + plan.callingCode + number)
    }

    /// Checks the digits after "+" (or "00"): 8–15 digits, a known calling code, and the national
    /// plan of that code when there is one.
    static func international(_ digits: String) -> Result<String, FormatFailure> {
        guard (8...15).contains(digits.count) else {
            return .failure(.because("un número internacional (E.164) tiene entre 8 y 15 dígitos tras el +, tiene \(digits.count)",
                                     "an international (E.164) number has 8 to 15 digits after the +, found \(digits.count)"))
        }
        guard let code = (1...3).lazy.map({ String(digits.prefix($0)) }).first(where: knownCallingCodes.contains) else {
            return .failure(.because("prefijo de país desconocido: +\(digits.prefix(3))",
                                     "unknown country calling code: +\(digits.prefix(3))"))
        }
        let rest = String(digits.dropFirst(code.count))
        guard let plans = plansByCallingCode[code], let first = plans.first else {
            return .success("+" + digits)
        }
        for plan in plans {
            if case .success(let e164) = significant(rest, plan: plan) { return .success(e164) }
        }
        return significant(rest, plan: first)
    }
}
