import Foundation

/// One line of the audit log: who did what, to what, from where, and when.
public struct AuditEvent: Codable, Sendable, Equatable {
    /// What happened.
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// A browser signed in.
        case signIn = "sign-in"
        /// A sign-in (browser or HTTP Basic) failed: unknown name, wrong password, disabled account, limit reached.
        case signInFailed = "sign-in-failed"
        /// A file was uploaded into an inbox.
        case upload
        /// A report, receipt or error file was downloaded.
        case download
        /// Corrected rows of a processing were sent back (the object is the inbox file they became).
        case correction
        /// A reversal was approved (the object is the operator file it became).
        case approval
        /// An account was added (or its password replaced).
        case accountAdd = "account-add"
        /// An account's role, dealer, seller code or e-mail changed.
        case accountChange = "account-change"
        /// An account was disabled.
        case accountDisable = "account-disable"
        /// An account was enabled again.
        case accountEnable = "account-enable"
        /// An account was removed.
        case accountRemove = "account-remove"
        /// An API token was made (the object: `token <id> of <account>`).
        case tokenCreate = "token-create"
        /// An API token was revoked (the object: `token <id> of <account>`).
        case tokenRevoke = "token-revoke"
        /// An API token was used for the first time since the server started (the account: the
        /// token's; the object: `token <id>`).
        case tokenUse = "token-use"
    }

    /// When (ISO 8601, UTC).
    public var time: String
    /// Who: the account's name (for a failed sign-in, the name tried; for the command line, `cli:<user>`).
    public var account: String
    /// The account's role (`nil` when the name is unknown).
    public var role: String?
    /// The account's dealer.
    public var dealer: String?
    /// What happened.
    public var action: Action
    /// What it happened to: a file (`reports/users.csv`, `inbox/ACME/x.csv`), an account name.
    public var object: String?
    /// The address the request came from (`nil` on the command line).
    public var source: String?

    /// An event.
    public init(time: String, account: String, role: String?, dealer: String?, action: Action, object: String?, source: String?) {
        self.time = time
        self.account = account
        self.role = role
        self.dealer = dealer
        self.action = action
        self.object = object
        self.source = source
    }
}
