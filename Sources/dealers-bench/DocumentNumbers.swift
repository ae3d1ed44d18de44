/// Valid Spanish identity documents for generated rows: DNI (8 digits + check letter) and NIE
/// (X/Y/Z + 7 digits + check letter), each distinct for a distinct index.
enum DocumentNumbers {
    /// The check letters, indexed by the number modulo 23.
    static let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")

    /// The DNI of a number in `0..<100_000_000`.
    static func dni(_ number: Int) -> String {
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        return padded + String(letters[number % 23])
    }

    /// The NIE with prefix X (0), Y (1) or Z (2) and a 7-digit number.
    static func nie(prefix: Int, number: Int) -> String {
        let digits = String(number % 10_000_000)
        let padded = String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        let letter = letters[(prefix * 10_000_000 + number % 10_000_000) % 23]
        return String(Array("XYZ")[prefix % 3]) + padded + String(letter)
    }

    /// A wrong check letter for the same number (a typical typing mistake).
    static func wrongLetter(_ document: String) -> String {
        guard let last = document.last, let i = letters.firstIndex(of: last) else { return document + "A" }
        return String(document.dropLast()) + String(letters[(i + 1) % 23])
    }

    /// The document of the `index`-th generated person: 97 % DNIs, 3 % NIEs, never repeated
    /// for indexes below 6,000,000.
    static func forPerson(_ index: Int) -> (type: String, document: String) {
        if index % 33 == 7 {
            return ("NIE", nie(prefix: index % 3, number: 1_000_000 + index))
        }
        return ("DNI", dni(10_000_000 + index * 13))
    }
}
