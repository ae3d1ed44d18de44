import Foundation
import DealersModel

/// Telephone numbers: E.164 (`+`, calling code and number, 8–15 digits) or a national number of
/// the default country, normalised to E.164 (`"+34612345678"`).
package enum PhoneNumber {
    /// National plans by country.
    package static let plansByCountry: [String: NationalNumberPlan] =
        Dictionary(nationalNumberPlans.map { ($0.country, $0) }, uniquingKeysWith: { first, _ in first })
    /// National plans by calling code, in table order (so "1" tries US first).
    package static let plansByCallingCode: [String: [NationalNumberPlan]] =
        Dictionary(grouping: nationalNumberPlans, by: \.callingCode)
    /// Characters people put between digits.
    package static let separators: Set<Character> = [" ", "\u{00A0}", "\t", ".", "-", "(", ")", "/"]

    /// Checks a phone number. With a default country, numbers without `+` or `00` are read as
    /// national numbers of that country (its trunk prefix, e.g. "0", may be written); without
    /// one, only international numbers are accepted.
    package static func check(_ raw: String, defaultCountry: String?) -> Result<String, FormatFailure> {
        // "+44 (0)20 ..." writes the trunk prefix in brackets: drop it.
        let text = raw.replacingOccurrences(of: "(0)", with: "")
        var digits = ""
        var hasPlus = false
        for c in text {
            if FormatCharacters.isDigit(c) {
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
    package static func resolve(digits: String, hasPlus: Bool, defaultCountry: String?) -> Result<String, FormatFailure> {
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
    package static func countryCode(_ country: String?) -> String {
        guard let country else { return "" }
        if ASCIIBytes.withASCII(country, { $0.allSatisfy { $0 &- 0x41 < 26 } }) == true { return country }
        return country.trimmingCharacters(in: .whitespaces).uppercased()
    }

    /// A number dialled inside the plan's country: drops the trunk prefix, then checks it.
    package static func nationalNumber(_ digits: String, plan: NationalNumberPlan) -> Result<String, FormatFailure> {
        var number = digits
        if let trunk = plan.trunkPrefix, number.hasPrefix(trunk) {
            number = String(number.dropFirst(trunk.count))
        }
        return significant(number, plan: plan)
    }

    /// Checks a national significant number against a plan; returns it in E.164.
    package static func significant(_ number: String, plan: NationalNumberPlan) -> Result<String, FormatFailure> {
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
                                     "\(FormatCharacters.article(for: plan.country)) \(plan.country) number has \(en), found \(number.count)"))
        }
        guard plan.prefixes.isEmpty || plan.prefixes.contains(where: { number.hasPrefix($0) }) else {
            return .failure(.because("un número de \(plan.country) empieza por \(FormatCharacters.list(plan.prefixes, conjunction: "o"))",
                                     "\(FormatCharacters.article(for: plan.country)) \(plan.country) number starts with \(FormatCharacters.list(plan.prefixes, conjunction: "or"))"))
        }
        return .success("+" + plan.callingCode + number)
    }

    /// Checks the digits after "+" (or "00"): 8–15 digits, a known calling code, and the national
    /// plan of that code when there is one.
    package static func international(_ digits: String) -> Result<String, FormatFailure> {
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
