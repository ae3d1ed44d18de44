import Foundation

/// One portal account: a person (or a script) who signs in for a dealer or as the operator.
public struct PortalAccount: Codable, Sendable, Equatable {
    /// What an account may reach.
    public enum Role: String, Codable, Sendable {
        /// One dealer's folders only.
        case dealer
        /// The operator's folders (`inbox/`, `outbox/`).
        case `operator`
    }

    /// The sign-in name (unique, compared case-insensitively).
    public var name: String
    /// Dealer or operator.
    public var role: Role
    /// The dealer's code, for a dealer account.
    public var dealer: String?
    /// The bcrypt hash of the password (`$2b$…`); the password itself is never stored.
    public var passwordHash: String
    /// When the account was created (ISO 8601).
    public var createdAt: String

    /// Creates an account.
    public init(name: String, role: Role, dealer: String?, passwordHash: String, createdAt: String) {
        self.name = name
        self.role = role
        self.dealer = dealer
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    /// The dealer whose folders the account reaches (`nil`: the operator's).
    public var scopeDealer: String? { role == .operator ? nil : dealer }

    /// Whether a name is acceptable for an account: 1–64 characters among letters, digits and `._@-`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._@-".unicodeScalars.contains(scalar))
        }
    }
}
