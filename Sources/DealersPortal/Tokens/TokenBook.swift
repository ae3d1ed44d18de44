import DealersCore
import DealersSupport
import Foundation

/// Makes, lists, revokes and checks API tokens (`dealers portal token …`, and the portal's
/// `Authorization: Bearer` requests).
///
/// A token is shown once, when it is made; only its SHA-256 is kept. A presented token is found by
/// the id it carries and its hash compared in constant time. It acts as its account, and stops
/// working when that account is disabled, removed (or made again: see ``APIToken``) or its dealer
/// is no longer declared.
public struct TokenBook: Sendable {
    /// The workspace whose tokens these are.
    public let workspace: Workspace
    /// The file they are kept in.
    public let file: TokenFile
    /// The accounts they act as.
    public let accounts: AccountBook

    /// The longest label.
    public static let maximumLabelLength = 100

    /// The tokens of a workspace.
    public init(workspace: Workspace) {
        self.workspace = workspace
        file = TokenFile(workspace: workspace)
        accounts = AccountBook(workspace: workspace)
    }

    /// A token just made: the record kept and the token itself, shown once.
    public struct Made: Sendable {
        /// What is kept.
        public let record: APIToken
        /// The token (`dlr_<id>_<secret>`): never stored, never shown again.
        public let token: String
    }

    /// Makes a token for an account.
    /// - Throws: ``DealersError`` `.noInput` when there is no such account; `.usage` for a label
    ///   over ``maximumLabelLength`` characters or with control characters; `.io` when the file
    ///   cannot be written.
    public func create(account name: String, label: String = "", now: Date = Date()) throws -> Made {
        guard label.count <= Self.maximumLabelLength, !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DealersError(.usage, "label \"\(label)\": expected at most \(Self.maximumLabelLength) characters, no control characters")
        }
        guard let account = try accounts.account(named: name) else {
            throw DealersError(.noInput, path: accounts.file.url.path, "no account named \"\(name)\"")
        }
        var tokens = try file.load()
        var id = Self.newID()
        while tokens.contains(where: { $0.id == id }) { id = Self.newID() }
        let token = APIToken.prefix + id + "_" + RandomToken.make()
        let record = APIToken(id: id, account: account.name, accountCreatedAt: account.createdAt, label: label,
                              sha256: Checksum.sha256(text: token), createdAt: AuditLog.stamp(now))
        tokens.append(record)
        try file.save(tokens)
        return Made(record: record, token: token)
    }

    /// Every token, oldest first; of one account (case-insensitive) when `account` is given.
    public func list(account: String? = nil) throws -> [APIToken] {
        try file.load().filter { token in account.map { $0.lowercased() == token.account.lowercased() } ?? true }
    }

    /// Removes a token: it stops working at once (tokens are re-read at every request).
    /// - Returns: the record removed.
    /// - Throws: ``DealersError`` `.noInput` when there is no token with that id.
    @discardableResult
    public func revoke(id: String) throws -> APIToken {
        var tokens = try file.load()
        guard let index = tokens.firstIndex(where: { $0.id == id }) else {
            throw DealersError(.noInput, path: file.url.path, "no token with the id \"\(id)\" (dealers portal token list shows them)")
        }
        let removed = tokens.remove(at: index)
        try file.save(tokens)
        return removed
    }

    /// The record a presented token is, when it is one of this workspace's (whatever its
    /// account's state: ``account(of:)`` decides that).
    public func record(for presented: String) throws -> APIToken? {
        guard let id = APIToken.id(in: presented), let record = try file.load().first(where: { $0.id == id }) else { return nil }
        return RandomToken.equal(Checksum.sha256(text: presented), record.sha256) ? record : nil
    }

    /// The account a token acts as: `nil` when it was removed (or made again since the token was)
    /// or is disabled.
    public func account(of record: APIToken) throws -> PortalAccount? {
        guard let account = try accounts.account(named: record.account),
              account.createdAt == record.accountCreatedAt, !account.disabled else { return nil }
        return account
    }

    /// What `token list` says of a token's account: `active`, `account-disabled` or `account-removed`.
    public func state(of record: APIToken) throws -> String {
        guard let account = try accounts.account(named: record.account), account.createdAt == record.accountCreatedAt else {
            return "account-removed"
        }
        return account.disabled ? "account-disabled" : "active"
    }

    private static func newID() -> String {
        String(format: "%08x", UInt32.random(in: 0...UInt32.max))
    }
}
