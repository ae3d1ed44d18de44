import Foundation
import DealersModel

/// Named checks for values that have more structure than their type.
///
/// Each case checks one kind of identifier or code and, when the value is right, gives back its
/// normalised spelling (see ``check(_:context:)``). The raw values are the names used in layout
/// files (`"es-dni"`, `"iban"`, ...).
public enum DomainFormat: String, Sendable, Codable, CaseIterable {
    /// Spanish DNI: 8 digits and a control letter (mod 23). Fewer digits are read with leading
    /// zeros (spreadsheets drop them): `"1234567L"` → `"01234567L"`.
    case esDNI = "es-dni"
    /// Spanish NIE: X, Y or Z, 7 digits and a control letter (X=0, Y=1, Z=2, then as a DNI).
    case esNIE = "es-nie"
    /// A Spanish DNI or NIE.
    case esDocument = "es-document"
    /// Spanish CIF: entity letter, 7 digits and a control digit or letter depending on the entity type.
    case esCIF = "es-cif"
    /// Spanish NIF: a DNI, NIE, CIF, or a K/L/M NIF.
    case esNIF = "es-nif"
    /// Venezuelan RIF: V, E, J, P or G, 8 digits and a check digit; separators are allowed.
    case veRIF = "ve-rif"
    /// International bank account number: length per country (IBAN registry) and mod 97 check.
    case iban
    /// SWIFT/BIC code: 8 or 11 characters with a valid country.
    case bic
    /// E-mail address (a pragmatic RFC 5322 subset).
    case email
    /// Telephone number: E.164 (`+` and 8–15 digits) or a national number of the default country.
    case phone
    /// ISO 3166-1 alpha-2 country code.
    case country
    /// ISO 4217 active alphabetic currency code.
    case currency
    /// A length of time in the one duration vocabulary (`1M`, `12 meses`, `1 año`, `trimestral`,
    /// `yearly` …, see ``ContractLength/init(parsing:)``). Checked and kept as written: the rules
    /// read it with the same parser, and their messages quote what the person wrote.
    case duration
}

/// What a check needs beyond the value.
public struct FormatContext: Sendable {
    /// ISO 3166-1 alpha-2 code used for national phone numbers (e.g. "ES"); nil means E.164 only.
    public var defaultCountry: String?

    /// Creates a context; `defaultCountry` is only used by ``DomainFormat/phone``.
    public init(defaultCountry: String? = nil) {
        self.defaultCountry = defaultCountry
    }
}

extension DomainFormat {
    /// Checks a value and returns its normalised spelling or why it is wrong.
    ///
    /// Surrounding white space is ignored. Normalised spellings: documents in upper case without
    /// separators (DNI `"12.345.678-z"` → `"12345678Z"`, RIF `"j-00000000-0"` → `"J000000000"`);
    /// IBAN in upper case without spaces (`"es91 2100 0418 4502 0005 1332"` →
    /// `"ES9121000418450200051332"`); BIC in upper case; phone in E.164 (`"612 34 56 78"` with
    /// default country ES → `"+34612345678"`); e-mail with its domain lower-cased; country and
    /// currency codes upper-cased.
    ///
    /// - Parameters:
    ///   - value: The value as read from the input.
    ///   - context: What the check needs beyond the value (the default country for phones).
    /// - Returns: The normalised value, or a ``FormatFailure`` saying what was expected.
    public func check(_ value: String, context: FormatContext = FormatContext()) -> Result<String, FormatFailure> {
        check(utf8: value.utf8, context: context)
    }

    /// ``check(_:context:)`` on the UTF-8 bytes of a value — the one implementation of every
    /// check, which `String` callers reach through `.utf8` and the delimited reader's cells
    /// directly.
    ///
    /// - Parameters:
    ///   - value: The value's UTF-8 bytes, as read from the input.
    ///   - context: What the check needs beyond the value (the default country for phones).
    /// - Returns: The normalised value, or a ``FormatFailure`` saying what was expected.
    @inlinable
    package func check(utf8 value: some Collection<UInt8>, context: FormatContext = FormatContext()) -> Result<String, FormatFailure> {
        UTF8Buffer.with(value) { check(buffer: $0, context: context) }
    }

    /// ``check(utf8:context:)`` on a buffer.
    @usableFromInline
    package func check(buffer bytes: UnsafeBufferPointer<UInt8>, context: FormatContext) -> Result<String, FormatFailure> {
        UTF8Buffer.trimming(bytes) { trimmed in
            guard !trimmed.isEmpty else { return .failure(.empty) }
            switch self {
            case .esDNI: return SpanishDocument.checkDNI(trimmed)
            case .esNIE: return SpanishDocument.checkNIE(trimmed)
            case .esDocument: return SpanishDocument.checkDNIOrNIE(trimmed)
            case .esCIF: return SpanishDocument.checkCIF(trimmed)
            case .esNIF: return SpanishDocument.checkNIF(trimmed)
            case .veRIF: return VenezuelanRIF.check(trimmed)
            case .iban: return IBAN.check(trimmed)
            case .bic: return BIC.check(trimmed)
            case .email: return EmailAddress.check(trimmed)
            case .phone: return PhoneNumber.check(trimmed, defaultCountry: context.defaultCountry)
            case .country: return CountryCode.check(trimmed)
            case .currency: return CurrencyCode.check(trimmed)
            case .duration:
                let text = String(decoding: trimmed, as: UTF8.self)
                return ContractLength.parse(text).map { _ in text }
            }
        }
    }
}
