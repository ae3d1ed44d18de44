import Foundation

/// Masks personal data in text bound for logs: document numbers (DNI, NIE), e-mail addresses
/// and phone numbers. Log lines go to journals and log shippers that people outside the back
/// office read; the outbox files, which are for the back office, are not masked.
///
/// - `12345678Z` → `1234****Z`, `X1234567L` → `X123****L`
/// - `jose.nunez@example.es` → `j***@example.es`
/// - `+34612345678` → `+34******78`, `612345678` → `*******78`
///
/// Words are found between spaces and punctuation other than `@ . + _ -`; anything else (file
/// names, contract numbers like `C00000001`, dates, counts, checksums) is left as it is.
public enum PersonalData {
    /// The text with every document number, e-mail and phone masked.
    public static func mask(_ text: String) -> String {
        var result = ""
        var word = ""
        func flush() {
            result += maskWord(word)
            word = ""
        }
        for c in text {
            if c.isLetter || c.isNumber || "@.+_-".contains(c) {
                word.append(c)
            } else {
                flush()
                result.append(c)
            }
        }
        flush()
        return result
    }

    package static func maskWord(_ word: String) -> String {
        guard word.count >= 7 else { return word }
        if let at = word.firstIndex(of: "@"), at != word.startIndex, word[word.index(after: at)...].contains(".") {
            return String(word[word.startIndex]) + "***" + word[at...]
        }
        let core = word.trimmingCharacters(in: CharacterSet(charactersIn: ".-_"))
        let chars = Array(core.uppercased())
        let digits = chars.filter(\.isNumber).count
        let isDNI = chars.count == 9 && chars[0..<8].allSatisfy(\.isNumber) && chars[8].isLetter
        let isNIE = chars.count == 9 && "XYZ".contains(chars[0]) && chars[1..<8].allSatisfy(\.isNumber) && chars[8].isLetter
        if isDNI || isNIE {
            let original = Array(core)
            return word.replacingOccurrences(of: core, with: String(original[0..<4]) + "****" + String(original[8]))
        }
        if chars.first == "+", digits >= 8, digits == chars.count - 1 {
            return "+" + String(chars[1..<3]) + String(repeating: "*", count: chars.count - 5) + String(chars[(chars.count - 2)...])
        }
        if digits == chars.count, (9...15).contains(digits) {
            return String(repeating: "*", count: digits - 2) + String(chars[(digits - 2)...])
        }
        return word
    }
}
