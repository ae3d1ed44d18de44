import DealersCore
import DealersSupport
import Foundation

/// Adds, removes and lists portal accounts (`dealers portal user …`), and finds the account a
/// name and password sign in as.
public struct AccountBook: Sendable {
    /// The workspace whose accounts these are.
    public let workspace: Workspace
    /// The file they are kept in.
    public let file: AccountFile
    /// How new passwords are hashed.
    public let hasher: PasswordHasher

    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    /// The accounts of a workspace.
    public init(workspace: Workspace, hasher: PasswordHasher = PasswordHasher()) {
        self.workspace = workspace
        file = AccountFile(workspace: workspace)
        self.hasher = hasher
    }

    /// Every account, sorted by name.
    public func list() throws -> [PortalAccount] {
        try file.load()
    }

    /// The account with a name (case-insensitive).
    public func account(named name: String) throws -> PortalAccount? {
        try file.load().first { $0.name.lowercased() == name.lowercased() }
    }

    /// Adds an account, or replaces the password and role of an existing one when `replace`.
    /// - Parameters:
    ///   - name: the sign-in name.
    ///   - dealer: the dealer's code; `nil` for an operator account.
    ///   - password: the password (at least ``minimumPasswordLength`` characters).
    ///   - replace: whether an existing account of that name may be replaced.
    /// - Throws: ``DealersError`` `.usage` for a bad name, an undeclared dealer, a short password
    ///   or an existing name; `.io` when the file cannot be written.
    public func add(name: String, dealer: String?, password: String, replace: Bool = false, now: Date = Date()) throws {
        guard PortalAccount.isValidName(name) else {
            throw DealersError(.usage, "account name \"\(name)\": expected 1–64 characters among letters, digits and . _ @ -")
        }
        if let dealer, !workspace.settings.dealers.contains(dealer) {
            throw DealersError(.usage, path: workspace.root.appendingPathComponent("dealers.json").path,
                               "dealer \"\(dealer)\" is not declared in \"dealers\" (declared: \(workspace.settings.dealers.joined(separator: ", ")))")
        }
        guard password.count >= Self.minimumPasswordLength else {
            throw DealersError(.usage, "the password must have at least \(Self.minimumPasswordLength) characters")
        }
        var accounts = try file.load()
        if let index = accounts.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            guard replace else {
                throw DealersError(.usage, path: file.url.path, "an account named \"\(accounts[index].name)\" exists (use --replace to change its password)")
            }
            accounts.remove(at: index)
        }
        let stamp = ISO8601DateFormatter().string(from: now)
        accounts.append(PortalAccount(name: name, role: dealer == nil ? .operator : .dealer, dealer: dealer,
                                      passwordHash: hasher.hash(password), createdAt: stamp))
        try file.save(accounts)
    }

    /// Removes an account; its sessions end at their next request.
    /// - Throws: ``DealersError`` `.noInput` when there is no such account.
    public func remove(name: String) throws {
        var accounts = try file.load()
        guard let index = accounts.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw DealersError(.noInput, path: file.url.path, "no account named \"\(name)\"")
        }
        accounts.remove(at: index)
        try file.save(accounts)
    }

    /// The account that `name` and `password` sign in as, or `nil` (unknown name or wrong password:
    /// both cost one bcrypt check).
    public func authenticate(name: String, password: String) throws -> PortalAccount? {
        let account = try self.account(named: name)
        return hasher.verify(password, hash: account?.passwordHash) ? account : nil
    }
}
