import DealersModel

/// Normalises a document number: upper case, without spaces, dots, dashes, slashes.
///
/// `"12.345.678-z"` → `"12345678Z"`, `"j-12345678-9"` → `"J123456789"`.
public func normalizeDocument(_ value: String) -> String {
    FormatText.reading(value.utf8, SpanishDocument.form) { $0.string }
}

/// Checks for Spanish identity and tax numbers (DNI, NIE, CIF, NIF), each written once over the
/// units of a document read in ``form``; `String` callers pass `.utf8`.
package enum SpanishDocument {
    /// Control letters of DNI and NIE, indexed by the number mod 23.
    package static let controlLetters: [UInt8] = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)
    /// First letters of a CIF (legal entities).
    package static let cifEntityLetters = ASCIISet("ABCDEFGHJKNPQRSUVW")
    /// Entity types whose CIF control character is always a digit.
    package static let cifDigitControl = ASCIISet("ABEH")
    /// Entity types whose CIF control character is always a letter.
    package static let cifLetterControl = ASCIISet("KPQSNW")
    /// CIF control letters, indexed by the control digit.
    package static let cifControlLetters: [UInt8] = Array("JABCDEFGHI".utf8)
    /// How a document is read: upper case, without white space, dots, dashes and slashes. In
    /// ASCII text only space, tab, CR and LF count as white space (as they always have).
    package static let form = FormatText.Form(upperCased: true, dropsWhitespace: true, asciiWhitespace: " \t\n\r",
                                              dropping: [".", "-", "/"])
    private static let cifStartFailure = FormatFailure.cifStart("ABCDEFGHJKNPQRSUVW".map(String.init))

    /// DNI: 8 digits and a control letter. Fewer digits are padded with leading zeros
    /// (spreadsheets drop them), so `"1234567L"` checks as `"01234567L"`.
    package static func checkDNI(_ raw: some Collection<UInt8>) -> Result<String, FormatFailure> {
        FormatText.reading(raw, form, dni)
    }

    /// NIE: X, Y or Z, 7 digits and a control letter.
    package static func checkNIE(_ raw: some Collection<UInt8>) -> Result<String, FormatFailure> {
        FormatText.reading(raw, form, nie)
    }

    /// A DNI or a NIE, told apart by the first character.
    package static func checkDNIOrNIE(_ raw: some Collection<UInt8>) -> Result<String, FormatFailure> {
        FormatText.reading(raw, form) { value in
            guard value.count > 0 else { return .failure(.empty) }
            if niePrefix(value[0]) != nil { return nie(value) }
            if ASCIIBytes.isDigit(value[0]) { return dni(value) }
            return .failure(.neitherDNINorNIE)
        }
    }

    /// CIF: entity letter, 7 digits, control digit or letter according to the entity type
    /// (A, B, E, H → digit; K, P, Q, S, N, W → letter; others either).
    package static func checkCIF(_ raw: some Collection<UInt8>) -> Result<String, FormatFailure> {
        FormatText.reading(raw, form, cif)
    }

    /// NIF: DNI, NIE, CIF, or K/L/M NIF (a K value is accepted by either of its two rules).
    package static func checkNIF(_ raw: some Collection<UInt8>) -> Result<String, FormatFailure> {
        FormatText.reading(raw, form) { value in
            guard value.count > 0 else { return .failure(.empty) }
            let first = value[0]
            if ASCIIBytes.isDigit(first) { return dni(value) }
            if niePrefix(first) != nil { return nie(value) }
            if FormatText.same(first, UInt8(ascii: "L")) || FormatText.same(first, UInt8(ascii: "M")) { return klm(value) }
            if FormatText.same(first, UInt8(ascii: "K")) {
                let asKLM = klm(value)
                if case .success = asKLM { return asKLM }
                if case .success(let asCIF) = cif(value) { return .success(asCIF) }
                return asKLM
            }
            if cifEntityLetters.contains(FormatText.asASCII(first)) { return cif(value) }
            return .failure(.notNIF)
        }
    }

    /// The DNI control letter for a number.
    package static func controlLetter(for number: Int) -> UInt8 {
        controlLetters[number % 23]
    }

    private static func dni(_ value: FormatText) -> Result<String, FormatFailure> {
        let count = value.count
        if count == 8, let number = value.number(0..<8) {
            return .failure(.missingControlLetter(text(controlLetter(for: number))))
        }
        guard count >= 2, count <= 9, let number = value.number(0..<(count - 1)) else { return .failure(.dniShape) }
        let last = value[count - 1]
        guard ASCIIBytes.isLetter(last) else { return .failure(.dniEnd) }
        let expected = controlLetter(for: number)
        guard last == expected else { return .failure(.controlLetter(text(expected))) }
        return .success(count == 9 ? value.string : String(repeating: "0", count: 9 - count) + value.string)
    }

    private static func nie(_ value: FormatText) -> Result<String, FormatFailure> {
        let count = value.count
        guard count > 0, let prefix = niePrefix(value[0]) else { return .failure(.nieStart) }
        guard count >= 8, let digits = value.number(1..<8) else { return .failure(.nieShape) }
        let expected = controlLetter(for: prefix * 10_000_000 + digits)
        guard count == 9 else { return .failure(count == 8 ? .missingControlLetter(text(expected)) : .nieShape) }
        guard FormatText.same(value[8], expected) else {
            return .failure(ASCIIBytes.isLetter(value[8]) ? .controlLetter(text(expected)) : .nieShape)
        }
        return .success(value.string)
    }

    /// The digit a NIE's first letter stands for: X 0, Y 1, Z 2.
    private static func niePrefix(_ unit: UInt8) -> Int? {
        switch FormatText.asASCII(unit) {
        case UInt8(ascii: "X"): return 0
        case UInt8(ascii: "Y"): return 1
        case UInt8(ascii: "Z"): return 2
        default: return nil
        }
    }

    /// The CIF control digit for the 7 central digits (units 1 to 7, digits).
    package static func cifControlDigit(_ value: FormatText) -> Int {
        var sum = 0
        for index in 1..<8 {
            let digit = Int(value[index] &- 0x30)
            if index % 2 == 1 {
                sum += digit * 2 / 10 + digit * 2 % 10
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }

    private static func cif(_ value: FormatText) -> Result<String, FormatFailure> {
        let count = value.count
        let entity = count > 0 ? FormatText.asASCII(value[0]) : FormatText.other
        guard cifEntityLetters.contains(entity) else { return .failure(cifStartFailure) }
        guard count >= 8, value.number(1..<8) != nil else { return .failure(.cifShape) }
        let controlDigit = cifControlDigit(value)
        let controlLetter = cifControlLetters[controlDigit]
        guard count == 9 else {
            guard count == 8 else { return .failure(.cifShape) }
            return .failure(.cifMissingControl(cifLetterControl.contains(entity) ? text(controlLetter) : String(controlDigit)))
        }
        let control = value[8]
        if ASCIIBytes.isDigit(control) {
            if cifLetterControl.contains(entity) { return .failure(.cifTakesLetter(value.string(0..<1), text(controlLetter))) }
            guard Int(control &- 0x30) == controlDigit else { return .failure(.controlDigit(controlDigit)) }
        } else if ASCIIBytes.isLetter(control) {
            if cifDigitControl.contains(entity) { return .failure(.cifTakesDigit(value.string(0..<1), controlDigit)) }
            guard control == controlLetter else { return .failure(.controlLetter(text(controlLetter))) }
        } else {
            return .failure(.cifEnd)
        }
        return .success(value.string)
    }

    /// K, L and M NIFs (Spaniards under 14, Spaniards abroad, foreigners without NIE):
    /// letter, 7 digits and a DNI control letter computed from the 7 digits.
    private static func klm(_ value: FormatText) -> Result<String, FormatFailure> {
        guard value.count == 9, let number = value.number(1..<8), ASCIIBytes.isLetter(value[8]) else {
            return .failure(.klmShape)
        }
        let expected = controlLetter(for: number)
        guard value[8] == expected else { return .failure(.controlLetter(text(expected))) }
        return .success(value.string)
    }

    /// An ASCII letter or digit as text, for a message.
    private static func text(_ ascii: UInt8) -> String {
        String(UnicodeScalar(ascii))
    }
}
