import Foundation
@testable import DealersCore

// The String checks of Spanish and Venezuelan documents as they were before issue 28 wrote each
// rule once over bytes: the reference the byte checks are compared with (FormatReferenceTests).

/// Normalises a document number: upper case, without spaces, dots, dashes, slashes.
///
/// `"12.345.678-z"` → `"12345678Z"`, `"j-12345678-9"` → `"J123456789"`.
func stringNormalizeDocument(_ value: String) -> String {
    // ASCII (the usual case): one pass over the bytes.
    if value.utf8.allSatisfy({ $0 < 0x80 }) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for byte in value.utf8 where !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x2E || byte == 0x2D || byte == 0x2F) {
            bytes.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
    var out = ""
    for c in value.uppercased() where !(c.isWhitespace || c == "." || c == "-" || c == "/") {
        out.append(c)
    }
    return out
}

/// Checks for Spanish identity and tax numbers (DNI, NIE, CIF, NIF).
enum StringSpanishDocument {
    /// Control letters of DNI and NIE, indexed by the number mod 23.
    static let controlLetters: [Character] = Array("TRWAGMYFPDXBNJZSQVHLCKE")
    /// NIE first letters and the digit each stands for.
    static let niePrefixes: [Character: Character] = ["X": "0", "Y": "1", "Z": "2"]
    /// First letters of a CIF (legal entities).
    static let cifEntityLetters: Set<Character> = Set("ABCDEFGHJKNPQRSUVW")
    /// Entity types whose CIF control character is always a digit.
    static let cifDigitControl: Set<Character> = Set("ABEH")
    /// Entity types whose CIF control character is always a letter.
    static let cifLetterControl: Set<Character> = Set("KPQSNW")
    /// CIF control letters, indexed by the control digit.
    static let cifControlLetters: [Character] = Array("JABCDEFGHI")

    /// The DNI control letter for a number.
    static func controlLetter(for number: Int) -> Character {
        controlLetters[number % 23]
    }

    /// DNI: 8 digits and a control letter. Fewer digits are padded with leading zeros
    /// (spreadsheets drop them), so `"1234567L"` checks as `"01234567L"`.
    static func checkDNI(_ raw: String) -> Result<String, FormatFailure> {
        let value = stringNormalizeDocument(raw)
        if StringFormatCharacters.allDigits(value), value.count == 8, let n = Int(value) {
            let expected = controlLetter(for: n)
            return .failure(.because("falta la letra de control; debería ser \(expected)",
                                     "the control letter is missing; it should be \(expected)"))
        }
        let body = value.dropLast()
        guard let last = value.last, StringFormatCharacters.allDigits(body), !body.isEmpty, body.count <= 8 else {
            return .failure(.because("un DNI tiene 8 dígitos y una letra de control",
                                     "a DNI has 8 digits and a control letter"))
        }
        guard StringFormatCharacters.isLetter(last) else {
            return .failure(.because("un DNI termina en una letra de control",
                                     "a DNI ends with a control letter"))
        }
        let digits = String(repeating: "0", count: 8 - body.count) + body
        guard let number = Int(digits) else {
            return .failure(.because("un DNI tiene 8 dígitos y una letra de control",
                                     "a DNI has 8 digits and a control letter"))
        }
        let expected = controlLetter(for: number)
        guard last == expected else {
            return .failure(.controlLetter(String(expected)))
        }
        return .success(digits + String(expected))
    }

    /// NIE: X, Y or Z, 7 digits and a control letter.
    static func checkNIE(_ raw: String) -> Result<String, FormatFailure> {
        let value = stringNormalizeDocument(raw)
        let shape = FormatFailure.because("un NIE tiene una letra X, Y o Z, 7 dígitos y una letra de control",
                                          "a NIE has a letter X, Y or Z, 7 digits and a control letter")
        guard let first = value.first, let prefixDigit = niePrefixes[first] else {
            return .failure(.because("un NIE empieza por X, Y o Z", "a NIE starts with X, Y or Z"))
        }
        let rest = value.dropFirst()
        let digits = rest.prefix(7)
        guard digits.count == 7, StringFormatCharacters.allDigits(digits), let number = Int(String(prefixDigit) + digits) else {
            return .failure(shape)
        }
        let expected = controlLetter(for: number)
        guard let last = rest.dropFirst(7).first, rest.count == 8 else {
            if rest.count == 7 {
                return .failure(.because("falta la letra de control; debería ser \(expected)",
                                         "the control letter is missing; it should be \(expected)"))
            }
            return .failure(shape)
        }
        guard last == expected else {
            if !StringFormatCharacters.isLetter(last) { return .failure(shape) }
            return .failure(.controlLetter(String(expected)))
        }
        return .success(value)
    }

    /// A DNI or a NIE, told apart by the first character.
    static func checkDNIOrNIE(_ raw: String) -> Result<String, FormatFailure> {
        let value = stringNormalizeDocument(raw)
        guard let first = value.first else { return .failure(.empty) }
        if niePrefixes[first] != nil { return checkNIE(value) }
        if StringFormatCharacters.isDigit(first) { return checkDNI(value) }
        return .failure(.because("no es un DNI (8 dígitos y letra) ni un NIE (X, Y o Z, 7 dígitos y letra)",
                                 "neither a DNI (8 digits and a letter) nor a NIE (X, Y or Z, 7 digits and a letter)"))
    }

    /// The CIF control digit for the 7 central digits.
    static func cifControlDigit(_ digits: Substring) -> Int {
        var sum = 0
        for (index, c) in digits.enumerated() {
            let d = StringFormatCharacters.digitValue(c) ?? 0
            if index % 2 == 0 {
                let doubled = d * 2
                sum += doubled / 10 + doubled % 10
            } else {
                sum += d
            }
        }
        return (10 - sum % 10) % 10
    }

    /// CIF: entity letter, 7 digits, control digit or letter according to the entity type
    /// (A, B, E, H → digit; K, P, Q, S, N, W → letter; others either).
    static func checkCIF(_ raw: String) -> Result<String, FormatFailure> {
        let value = stringNormalizeDocument(raw)
        let letters = StringFormatCharacters.list(cifEntityLetters.sorted().map(String.init), conjunction: "o")
        let lettersEN = StringFormatCharacters.list(cifEntityLetters.sorted().map(String.init), conjunction: "or")
        guard let entity = value.first, cifEntityLetters.contains(entity) else {
            return .failure(.because("un CIF empieza por una letra de entidad (\(letters))",
                                     "a CIF starts with an entity letter (\(lettersEN))"))
        }
        let digits = value.dropFirst().prefix(7)
        guard digits.count == 7, StringFormatCharacters.allDigits(digits) else {
            return .failure(.because("un CIF tiene una letra, 7 dígitos y un carácter de control",
                                     "a CIF has a letter, 7 digits and a control character"))
        }
        let controlDigit = cifControlDigit(digits)
        let controlLetter = cifControlLetters[controlDigit]
        guard value.count == 9, let control = value.last else {
            if value.count == 8 {
                let expected = cifLetterControl.contains(entity) ? String(controlLetter) : String(controlDigit)
                return .failure(.because("falta el carácter de control; debería ser \(expected)",
                                         "the control character is missing; it should be \(expected)"))
            }
            return .failure(.because("un CIF tiene una letra, 7 dígitos y un carácter de control",
                                     "a CIF has a letter, 7 digits and a control character"))
        }
        if StringFormatCharacters.isDigit(control) {
            if cifLetterControl.contains(entity) {
                return .failure(.because("un CIF de tipo \(entity) lleva letra de control; debería ser \(controlLetter)",
                                         "a type \(entity) CIF has a control letter; it should be \(controlLetter)"))
            }
            guard StringFormatCharacters.digitValue(control) == controlDigit else {
                return .failure(.because("el dígito de control debería ser \(controlDigit)",
                                         "control digit should be \(controlDigit)"))
            }
        } else if StringFormatCharacters.isLetter(control) {
            if cifDigitControl.contains(entity) {
                return .failure(.because("un CIF de tipo \(entity) lleva dígito de control; debería ser \(controlDigit)",
                                         "a type \(entity) CIF has a control digit; it should be \(controlDigit)"))
            }
            guard control == controlLetter else {
                return .failure(.controlLetter(String(controlLetter)))
            }
        } else {
            return .failure(.because("un CIF termina en un dígito o una letra de control",
                                     "a CIF ends with a control digit or letter"))
        }
        return .success(value)
    }

    /// K, L and M NIFs (Spaniards under 14, Spaniards abroad, foreigners without NIE):
    /// letter, 7 digits and a DNI control letter computed from the 7 digits.
    static func checkKLM(_ value: String) -> Result<String, FormatFailure> {
        let digits = value.dropFirst().prefix(7)
        guard value.count == 9, digits.count == 7, StringFormatCharacters.allDigits(digits), let number = Int(digits),
              let last = value.last, StringFormatCharacters.isLetter(last) else {
            return .failure(.because("un NIF K, L o M tiene la letra, 7 dígitos y una letra de control",
                                     "a K, L or M NIF has the letter, 7 digits and a control letter"))
        }
        let expected = controlLetter(for: number)
        guard last == expected else {
            return .failure(.controlLetter(String(expected)))
        }
        return .success(value)
    }

    /// NIF: DNI, NIE, CIF, or K/L/M NIF (a K value is accepted by either of its two rules).
    static func checkNIF(_ raw: String) -> Result<String, FormatFailure> {
        let value = stringNormalizeDocument(raw)
        guard let first = value.first else { return .failure(.empty) }
        if StringFormatCharacters.isDigit(first) { return checkDNI(value) }
        if niePrefixes[first] != nil { return checkNIE(value) }
        if first == "L" || first == "M" { return checkKLM(value) }
        if first == "K" {
            let klm = checkKLM(value)
            if case .success = klm { return klm }
            if case .success(let cif) = checkCIF(value) { return .success(cif) }
            return klm
        }
        if cifEntityLetters.contains(first) { return checkCIF(value) }
        return .failure(.because("no es un NIF: se esperaba DNI, NIE o CIF",
                                 "not a NIF: expected a DNI, NIE or CIF"))
    }
}

/// Venezuelan RIF (Registro Único de Información Fiscal): V, E, J, P or G, 8 digits and a check digit.
enum StringVenezuelanRIF {
    /// The value each RIF letter stands for in the check-digit sum (weighted by 4).
    static let letterValues: [Character: Int] = ["V": 1, "E": 2, "J": 3, "P": 4, "G": 5]
    /// Weights of the 8 digits.
    static let weights = [3, 2, 7, 6, 5, 4, 3, 2]

    /// The check digit for a letter and 8 digits: 11 − (sum mod 11), where 10 and 11 become 0.
    static func checkDigit(letter: Character, digits: Substring) -> Int? {
        guard let letterValue = letterValues[letter], digits.count == 8 else { return nil }
        var sum = letterValue * 4
        for (c, weight) in zip(digits, weights) {
            guard let d = StringFormatCharacters.digitValue(c) else { return nil }
            sum += d * weight
        }
        let check = 11 - sum % 11
        return check >= 10 ? 0 : check
    }

    /// Checks a RIF written with or without separators ("J-12345678-9", "j123456789").
    /// Returns it as letter, 8 digits and check digit without separators.
    static func check(_ raw: String) -> Result<String, FormatFailure> {
        let value = stringNormalizeDocument(raw)
        guard let letter = value.first, letterValues[letter] != nil else {
            return .failure(.because("un RIF empieza por V, E, J, P o G", "a RIF starts with V, E, J, P or G"))
        }
        let digits = value.dropFirst()
        guard StringFormatCharacters.allDigits(digits), digits.count == 8 || digits.count == 9 else {
            return .failure(.because("un RIF tiene una letra, 8 dígitos y un dígito verificador",
                                     "a RIF has a letter, 8 digits and a check digit"))
        }
        guard let expected = checkDigit(letter: letter, digits: digits.prefix(8)) else {
            return .failure(.because("un RIF tiene una letra, 8 dígitos y un dígito verificador",
                                     "a RIF has a letter, 8 digits and a check digit"))
        }
        guard digits.count == 9, let given = digits.last.flatMap(StringFormatCharacters.digitValue) else {
            return .failure(.because("falta el dígito verificador; debería ser \(expected)",
                                     "the check digit is missing; it should be \(expected)"))
        }
        guard given == expected else {
            return .failure(.because("el dígito verificador debería ser \(expected)",
                                     "check digit should be \(expected)"))
        }
        return .success(value)
    }
}
