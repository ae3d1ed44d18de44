import Foundation

/// One API token as `portal/tokens.json` keeps it: never the token itself, only its SHA-256.
///
/// A token is `dlr_<id>_<secret>`: `id` (8 hex digits) names it in listings, the audit log and
/// `portal token revoke`; `secret` is 256 random bits (base64url). It acts as its account: the
/// same role, dealer and seller, and only while the account is active and is the one the token
/// was made for (`accountCreatedAt`: an account removed and made again under the same name does
/// not inherit the old one's tokens).
public struct APIToken: Codable, Sendable, Equatable {
    /// The token's public id (8 hex digits).
    public var id: String
    /// The account it acts as.
    public var account: String
    /// When that account was created (its `createdAt`), binding the token to it.
    public var accountCreatedAt: String
    /// What the token is for, as its maker wrote it (may be empty).
    public var label: String
    /// The SHA-256 of the whole token, lowercase hex.
    public var sha256: String
    /// When it was made (ISO 8601, UTC).
    public var createdAt: String

    /// A token record.
    public init(id: String, account: String, accountCreatedAt: String, label: String, sha256: String, createdAt: String) {
        self.id = id
        self.account = account
        self.accountCreatedAt = accountCreatedAt
        self.label = label
        self.sha256 = sha256
        self.createdAt = createdAt
    }

    /// The prefix of every token.
    public static let prefix = "dlr_"

    /// The id inside a presented token (`dlr_<id>_<secret>`), or `nil` when it is not shaped as one.
    public static func id(in token: String) -> String? {
        guard token.hasPrefix(prefix) else { return nil }
        let parts = token.dropFirst(prefix.count).split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, isValidID(String(parts[0])), parts[1].utf8.count == 43 else { return nil }
        return String(parts[0])
    }

    /// Whether a text is a token id: 8 lowercase hex digits.
    public static func isValidID(_ text: String) -> Bool {
        text.utf8.count == 8 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
