import Foundation
import DealersModel

/// Telephone numbers: E.164 (`+`, calling code and number, 8–15 digits) or a national number of
/// the default country, normalised to E.164 (`"+34612345678"`). Written once over the units of
/// the value with `(0)` removed (``form``).
package enum PhoneNumber {
    /// National plans by country.
    package static let plansByCountry: [String: NationalNumberPlan] =
        Dictionary(nationalNumberPlans.map { ($0.country, $0) }, uniquingKeysWith: { first, _ in first })
    /// National plans by calling code, in table order (so "1" tries US first).
    package static let plansByCallingCode: [String: [NationalNumberPlan]] =
        Dictionary(grouping: nationalNumberPlans, by: \.callingCode)
    /// Characters people put between digits.
    package static let separators = CharacterChoice([" ", "\u{00A0}", "\t", ".", "-", "(", ")", "/"])
    /// How a phone number is read: `"+44 (0)20 ..."` writes the trunk prefix in brackets, dropped.
    package static let form = FormatText.Form(removing: "(0)")

    /// Checks a phone number. With a default country, numbers without `+` or `00` are read as
    /// national numbers of that country (its trunk prefix, e.g. "0", may be written); without
    /// one, only international numbers are accepted.
    package static func check(_ raw: some Collection<UInt8>, defaultCountry: String?) -> Result<String, FormatFailure> {
        FormatText.reading(raw, form) { value in
            // Digits, one "+" before them, and separators anywhere; the first other character is refused.
            var hasPlus = false, hasDigits = false
            for index in 0..<value.count {
                if ASCIIBytes.isDigit(value[index]) {
                    hasDigits = true
                } else if FormatText.same(value[index], UInt8(ascii: "+")), !hasDigits, !hasPlus {
                    hasPlus = true
                } else if !separators.contains(value, at: index) {
                    return .failure(.phoneCharacter(value.string(index..<(index + 1))))
                }
            }
            return value.withUnits(where: ASCIIBytes.isDigit) { resolve(digits: $0, hasPlus: hasPlus, defaultCountry: defaultCountry) }
        }
    }

    /// The number from its ASCII digits and whether a `+` came before them.
    package static func resolve(digits: UnsafeBufferPointer<UInt8>, hasPlus: Bool, defaultCountry: String?) -> Result<String, FormatFailure> {
        guard !digits.isEmpty else { return .failure(.phoneNoDigits) }
        if hasPlus { return international(digits) }
        if digits.starts(with: "00".utf8) { return international(UnsafeBufferPointer(rebasing: digits[2...])) }
        let countryName = countryCode(defaultCountry)
        guard !countryName.isEmpty else { return .failure(.phoneInternationalPrefix) }
        guard let plan = plansByCountry[countryName] else { return .failure(.phoneNoRules(countryName)) }
        let national = nationalNumber(digits, plan: plan)
        if case .success = national { return national }
        // "34612345678" with ES: the calling code written without "+".
        if digits.starts(with: plan.callingCode.utf8),
           case .success(let e164) = significant(UnsafeBufferPointer(rebasing: digits[plan.callingCode.utf8.count...]), plan: plan) {
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
    package static func nationalNumber(_ digits: UnsafeBufferPointer<UInt8>, plan: NationalNumberPlan) -> Result<String, FormatFailure> {
        guard let trunk = plan.trunkPrefix, digits.starts(with: trunk.utf8) else { return significant(digits, plan: plan) }
        return significant(UnsafeBufferPointer(rebasing: digits[trunk.utf8.count...]), plan: plan)
    }

    /// Checks a national significant number against a plan; returns it in E.164.
    package static func significant(_ number: UnsafeBufferPointer<UInt8>, plan: NationalNumberPlan) -> Result<String, FormatFailure> {
        guard plan.lengths.contains(number.count) else { return .failure(.phoneNationalLength(plan, found: number.count)) }
        guard plan.prefixes.isEmpty || plan.prefixes.contains(where: { number.starts(with: $0.utf8) }) else {
            return .failure(.phoneNationalPrefix(plan))
        }
        return .success("+" + plan.callingCode + String(decoding: number, as: UTF8.self))
    }

    /// Checks the digits after "+" (or "00"): 8–15 digits, a known calling code, and the national
    /// plan of that code when there is one.
    package static func international(_ digits: UnsafeBufferPointer<UInt8>) -> Result<String, FormatFailure> {
        guard (8...15).contains(digits.count) else { return .failure(.phoneInternationalLength(digits.count)) }
        guard let code = (1...3).lazy.map({ String(decoding: digits.prefix($0), as: UTF8.self) }).first(where: knownCallingCodes.contains) else {
            return .failure(.phoneCallingCode(String(decoding: digits.prefix(3), as: UTF8.self)))
        }
        let rest = UnsafeBufferPointer(rebasing: digits[code.utf8.count...])
        guard let plans = plansByCallingCode[code], let first = plans.first else {
            return .success("+" + String(decoding: digits, as: UTF8.self))
        }
        for plan in plans {
            if case .success(let e164) = significant(rest, plan: plan) { return .success(e164) }
        }
        return significant(rest, plan: first)
    }
}
