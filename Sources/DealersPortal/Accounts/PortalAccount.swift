import Foundation
import DealersCore

/// One portal account: a person (or a script) who signs in with a ``Role``, for one dealer (and
/// one seller code) or as the service operator's staff.
public struct PortalAccount: Codable, Sendable, Equatable {
    /// The sign-in name (unique, compared case-insensitively).
    public var name: String
    /// What the account may see and do (``Access``).
    public var role: Role
    /// The dealer's code, for every role but the master.
    public var dealer: String?
    /// The seller code, for a seller.
    public var seller: String?
    /// The e-mail address (unique among accounts without regard to case). Accounts of a version 1
    /// file have none until `portal user change NAME --email` gives them one.
    public var email: String?
    /// A disabled account cannot sign in and its sessions end at their next request.
    public var disabled: Bool
    /// The bcrypt hash of the password (`$2b$…`); the password itself is never stored.
    public var passwordHash: String
    /// When the account was created (ISO 8601).
    public var createdAt: String

    /// Creates an account.
    public init(name: String, role: Role, dealer: String?, seller: String? = nil, email: String?, disabled: Bool = false,
                passwordHash: String, createdAt: String) {
        self.name = name
        self.role = role
        self.dealer = dealer
        self.seller = seller
        self.email = email
        self.disabled = disabled
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey {
        case name, role, dealer, seller, email, disabled, passwordHash, createdAt
    }

    /// Reads version 2 and version 1 entries (`dealer` → admin, `operator` → master; no e-mail,
    /// no seller, not disabled).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        role = try c.decode(Role.self, forKey: .role)
        dealer = try c.decodeIfPresent(String.self, forKey: .dealer)
        seller = try c.decodeIfPresent(String.self, forKey: .seller)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        disabled = try c.decodeIfPresent(Bool.self, forKey: .disabled) ?? false
        passwordHash = try c.decode(String.self, forKey: .passwordHash)
        createdAt = try c.decode(String.self, forKey: .createdAt)
    }

    /// The dealer whose folders the account reaches (`nil`: the operator's).
    public var scopeDealer: String? { role == .master ? nil : dealer }

    /// What the account may see and do.
    public var access: Access { Access(account: self) }

    /// Whether a name is acceptable for an account: 1–64 characters among letters, digits and `._@-`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._@-".unicodeScalars.contains(scalar))
        }
    }

    /// Whether a seller code is acceptable (``SellerCode/isValid(_:)``).
    public static func isValidSeller(_ code: String) -> Bool { SellerCode.isValid(code) }
}
