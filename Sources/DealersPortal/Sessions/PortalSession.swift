import Foundation

/// A signed-in browser: who it is and until when.
public struct PortalSession: Sendable, Equatable {
    /// The account's name.
    public var account: String
    /// The account's password hash when the session began: a changed password or a removed
    /// account ends the session.
    public var passwordHash: String
    /// The token every form of this session must send back.
    public var csrfToken: String
    /// When the session began (the absolute lifetime counts from here).
    public var createdAt: Date
    /// The last request (the idle timeout counts from here).
    public var lastSeen: Date
}
