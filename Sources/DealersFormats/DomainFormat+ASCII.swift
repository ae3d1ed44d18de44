import DealersModel

extension DomainFormat {
    /// The normalised value of trimmed ASCII text when ``check(_:context:)`` accepts it, `nil`
    /// otherwise (the caller then runs ``check(_:context:)`` for the message). Documents,
    /// e-mails and phones are checked on the bytes; the other formats through their String check.
    package func checkASCII(_ text: UnsafeBufferPointer<UInt8>, context: FormatContext) -> String? {
        switch self {
        case .esDNI: return SpanishDocument.checkASCII(text, dni: true, nie: false)
        case .esNIE: return SpanishDocument.checkASCII(text, dni: false, nie: true)
        case .esDocument: return SpanishDocument.checkASCII(text, dni: true, nie: true)
        case .email: return EmailAddress.checkASCII(text)
        case .phone: return PhoneNumber.checkASCII(text, defaultCountry: context.defaultCountry)
        default: return try? check(ASCIIBytes.string(text), context: context).get()
        }
    }
}
