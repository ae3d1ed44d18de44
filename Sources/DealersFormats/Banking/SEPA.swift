import DealersModel

/// The Single Euro Payments Area as the direct-debit rules need it: which countries' accounts
/// can be debited (the EPC's list of SEPA scheme countries and territories), whether a BIC
/// belongs to an IBAN's country, and the creditor identifier's check (EPC262-08).
public enum SEPA {
    /// ISO 3166-1 codes of the SEPA scheme's countries and territories (EU and EEA states,
    /// Switzerland, the United Kingdom, Monaco, San Marino, Andorra, Vatican City, the Crown
    /// dependencies, Gibraltar, and the 2024–2025 additions Albania, Moldova, Montenegro and
    /// North Macedonia). French overseas departments use `FR` IBANs; the ones with IBANs of their
    /// own (Saint Pierre and Miquelon …) are covered by `FR` too in the IBAN registry.
    public static let countries: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "GB", "MC", "SM", "AD", "VA",
        "GI", "GG", "JE", "IM", "AL", "MD", "ME", "MK",
    ]

    /// Whether an account of `country` (an IBAN's first two letters) can be debited in SEPA.
    public static func isSEPACountry(_ country: String) -> Bool { countries.contains(country) }

    /// The country of a checked IBAN (its first two letters).
    public static func country(ofIBAN iban: String) -> String { String(iban.prefix(2)) }

    /// The country of a checked BIC (its characters 5 and 6).
    public static func country(ofBIC bic: String) -> String { String(bic.dropFirst(4).prefix(2)) }

    /// Whether a BIC may serve an IBAN: the same country, or one of the territories whose banks
    /// use another country's BIC (Monaco's IBANs are `MC` with `FR` bank BICs in practice, the
    /// Crown dependencies' `GB`/`GG`/`JE`/`IM` mix): those pairs are accepted.
    public static func bicMatches(iban: String, bic: String) -> Bool {
        let a = country(ofIBAN: iban), b = country(ofBIC: bic)
        if a == b { return true }
        return sharedBanking.contains { $0.contains(a) && $0.contains(b) }
    }

    private static let sharedBanking: [Set<String>] = [["FR", "MC"], ["GB", "GG", "JE", "IM"], ["IT", "SM", "VA"]]

    /// Characters the SEPA set allows in identifiers (mandate references, end-to-end ids):
    /// `A–Z a–z 0–9 / - ? : ( ) . , ' +` and space (EPC217-08 Latin set, restricted further for
    /// identifiers: no leading or trailing `/`, no `//`).
    public static func isIdentifier(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 35, !text.hasPrefix("/"), !text.hasSuffix("/"), !text.contains("//") else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            ASCIIBytes.isAlphanumeric(byte) || "/-?:().,'+ ".utf8.contains(byte)
        }
    }

    /// Checks a SEPA creditor identifier (EPC262-08): country code, two check digits, a
    /// three-character creditor business code (not part of the check) and the national
    /// identifier; the check digits are ISO 7064 mod 97-10 over the national identifier followed
    /// by the country code and `00`, letters counting A=10 … Z=35, as an IBAN's. Spanish
    /// identifiers are `ES` + 2 + 3 + the 9-character NIF.
    /// - Returns: the identifier upper-cased without spaces, or why it is wrong.
    public static func checkCreditorIdentifier(_ raw: String) -> Result<String, FormatFailure> {
        let value = String(raw.uppercased().filter { !$0.isWhitespace })
        let bytes = Array(value.utf8)
        guard bytes.count >= 8, bytes.count <= 35, bytes.allSatisfy(ASCIIBytes.isAlphanumeric) else {
            return .failure(.creditorIdentifierShape)
        }
        guard bytes[0..<2].allSatisfy(ASCIIBytes.isLetter), isCountryCode(String(value.prefix(2))) else {
            return .failure(.creditorIdentifierShape)
        }
        guard bytes[2..<4].allSatisfy(ASCIIBytes.isDigit) else { return .failure(.creditorIdentifierShape) }
        // The check skips the business code: country + check digits + national id, read as an
        // IBAN is (its first four characters moved to the end).
        let checked = Array(bytes[0..<4]) + Array(bytes[7...])
        guard let remainder = IBAN.mod97(checked) else { return .failure(.creditorIdentifierShape) }
        guard remainder == 1 else {
            let expected = IBAN.mod97(Array(bytes[0..<2]) + Array("00".utf8) + Array(bytes[7...])).map { 98 - $0 } ?? 0
            return .failure(.creditorIdentifierCheckDigits(expected < 10 ? "0\(expected)" : "\(expected)"))
        }
        return .success(value)
    }
}
