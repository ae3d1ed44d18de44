import DealersModel

/// SWIFT/BIC codes (ISO 9362): 4-letter bank code, 2-letter country, 2-character location,
/// optional 3-character branch; written once over the units of the value read in ``form``.
package enum BIC {
    /// How a BIC is read: upper case, without white space.
    package static let form = FormatText.Form(upperCased: true, dropsWhitespace: true)

    /// Checks a BIC; returns it upper-cased without spaces. `XK` (Kosovo) is accepted as a country
    /// because SWIFT uses it, although it is not in ISO 3166-1.
    package static func check(_ raw: some Collection<UInt8>) -> Result<String, FormatFailure> {
        FormatText.reading(raw, form) { value in
            let count = value.count
            guard count == 8 || count == 11 else { return .failure(.bicLength(count)) }
            guard value.allSatisfy(0..<4, ASCIIBytes.isLetter) else { return .failure(.bicBank) }
            let country = value.string(4..<6)
            guard value.allSatisfy(4..<6, ASCIIBytes.isLetter), isCountryCode(country) || country == "XK" else {
                return .failure(.bicCountry(country))
            }
            guard value.allSatisfy(6..<8, ASCIIBytes.isAlphanumeric) else { return .failure(.bicLocation) }
            guard value.allSatisfy(8..<count, ASCIIBytes.isAlphanumeric) else { return .failure(.bicBranch) }
            return .success(value.string)
        }
    }
}
