import Foundation
import DealersDomain

/// How the customer look-up compares text: lower case, accents and other marks removed (`Núñez`
/// → `nunez`), runs of anything but letters, digits and `@ . _ + -` made one space, trimmed.
/// The index's keys and a search's words go through the same rule, so a prefix of what a person
/// types matches whatever case and accents the data has.
public enum LookupKey {
    /// The normalised form of `text` (empty when nothing is left).
    public static func normalise(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return normaliseASCII(text) }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var result = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) || "@._+-".unicodeScalars.contains(scalar) {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// ``normalise(_:)`` of a text in ASCII, where folding is lower-casing and the kept
    /// characters are `a-z`, `0-9` and `@ . _ + -`: the same result without Foundation's folding,
    /// which is most of the index's cost on the common case.
    private static func normaliseASCII(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            let kept = (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39)
                || lower == 0x40 || lower == 0x2E || lower == 0x5F || lower == 0x2B || lower == 0x2D
            if kept {
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(lower)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The keys a user is found by: the document; the full name (first name, then surnames) and
    /// each tail of it that starts at a word (`jose nunez garcia`, `nunez garcia`, `garcia`);
    /// the e-mail; the phone as written, its digits (and, for a Spanish number written with its prefix, the
    /// nine national digits); every contract number. Duplicates removed.
    public static func keys(of user: User) -> [String] {
        var keys: [String] = [normalise(user.document)]
        let name = normalise(user.firstName + " " + user.lastName)
        var words = name.split(separator: " ")
        while !words.isEmpty {
            keys.append(words.joined(separator: " "))
            words.removeFirst()
        }
        if let email = user.email { keys.append(normalise(email)) }
        if let phone = user.phone {
            let digits = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
            keys.append(normalise(phone))
            keys.append(digits)
            if digits.count == 11, digits.hasPrefix("34") { keys.append(String(digits.dropFirst(2))) }
        }
        for contract in user.contracts { keys.append(normalise(contract.number)) }
        var seen = Set<String>()
        return keys.filter { !$0.isEmpty && !$0.contains("\t") && seen.insert($0).inserted }
    }
}
