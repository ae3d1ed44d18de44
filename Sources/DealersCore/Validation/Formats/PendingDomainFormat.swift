// TEMPORARY: replaced by the formats branch at merge.
public enum DomainFormat: String, Sendable, Codable, CaseIterable {
    case esDNI = "es-dni", esNIE = "es-nie", esDocument = "es-document", esCIF = "es-cif", esNIF = "es-nif"
    case veRIF = "ve-rif", iban, bic, email, phone, country, currency
}
public struct FormatContext: Sendable {
    public var defaultCountry: String?
    public init(defaultCountry: String? = nil) { self.defaultCountry = defaultCountry }
}
public struct FormatFailure: Error, Sendable, Equatable { public var spanish: String; public var english: String }
extension DomainFormat {
    public func check(_ value: String, context: FormatContext = FormatContext()) -> Result<String, FormatFailure> { .success(value) }
}
public func normalizeDocument(_ value: String) -> String { value.uppercased().filter { $0.isLetter || $0.isNumber } }
