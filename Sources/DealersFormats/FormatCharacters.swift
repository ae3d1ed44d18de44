/// Small character helpers shared by the checks; all work on ASCII only.
package enum FormatCharacters {
    /// Whether the character is an ASCII digit 0–9.
    package static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 48 && a <= 57
    }

    /// Whether the character is an ASCII letter A–Z or a–z.
    package static func isLetter(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (a >= 65 && a <= 90) || (a >= 97 && a <= 122)
    }

    /// Whether the character is an ASCII letter or digit.
    package static func isAlphanumeric(_ c: Character) -> Bool {
        isDigit(c) || isLetter(c)
    }

    /// The value of an ASCII digit, nil for anything else.
    package static func digitValue(_ c: Character) -> Int? {
        guard isDigit(c), let a = c.asciiValue else { return nil }
        return Int(a) - 48
    }

    /// Whether every character is an ASCII digit (true for the empty string).
    package static func allDigits<S: StringProtocol>(_ s: S) -> Bool {
        s.allSatisfy(isDigit)
    }

    /// Whether every character is an ASCII letter (true for the empty string).
    package static func allLetters<S: StringProtocol>(_ s: S) -> Bool {
        s.allSatisfy(isLetter)
    }

    /// "a" or "an" before a spelled-out code such as "ES" ("an ES IBAN", "a GB IBAN").
    package static func article(for code: String) -> String {
        guard let first = code.first else { return "a" }
        return "AEFHILMNORSX".contains(first) ? "an" : "a"
    }

    /// A list such as "6, 7, 8 o 9" / "6, 7, 8 or 9".
    package static func list(_ items: [String], conjunction: String) -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
