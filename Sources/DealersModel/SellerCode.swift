import Foundation

/// The rule of a seller code as a folder name: a seller account's code and the seller cuts the
/// reports write (`outbox/<DEALER>/sellers/<CODE>/`) both follow it, so a code can never name a
/// folder outside its own.
public enum SellerCode {
    /// The longest seller code (the users layout's `Vendedor` column allows as much).
    public static let maximumLength = 32

    /// Whether a code is acceptable: 1–32 characters among ASCII letters, digits and `._-`, and
    /// not `.` or `..` (which would name the dealer's own folder or the outbox above it).
    public static func isValid(_ code: String) -> Bool {
        !code.isEmpty && code.utf8.count <= maximumLength && code != "." && code != ".."
            && code.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
            }
    }

    /// What a valid code is, for messages.
    public static let expected = "1–\(maximumLength) characters among A-Z a-z 0-9 . _ - (not . or ..)"
}
