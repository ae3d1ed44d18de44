import DealersCore
import DealersSupport
import Foundation

/// Adds, changes, disables, removes and lists portal accounts (`dealers portal user …` and the
/// master's accounts page), and finds the account a name and password sign in as.
///
/// Every change is checked whole before anything is written: a bad role, dealer, seller code or
/// e-mail (or one another account already uses) throws ``DealersError`` `.usage` (exit 64) and
/// leaves `users.json` as it was.
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
        try file.load().first { Self.same($0.name, name) }
    }

    /// What an account is to be (``add(_:password:replace:now:)``).
    public struct Details: Sendable, Equatable {
        /// The sign-in name.
        public var name: String
        /// The role.
        public var role: Role
        /// The dealer (every role but the master).
        public var dealer: String?
        /// The seller code (a seller only).
        public var seller: String?
        /// The e-mail address.
        public var email: String

        /// Details of a new account.
        public init(name: String, role: Role, dealer: String? = nil, seller: String? = nil, email: String) {
            self.name = name
            self.role = role
            self.dealer = dealer
            self.seller = seller
            self.email = email
        }
    }

    /// Adds an account, or replaces the password, role and e-mail of an existing one when `replace`.
    /// - Throws: ``DealersError`` `.usage` for a bad name, role, dealer, seller code, e-mail (or
    ///   one already used), a short password or an existing name; `.io` when the file cannot be written.
    @discardableResult
    public func add(_ details: Details, password: String, replace: Bool = false, now: Date = Date()) throws -> PortalAccount {
        guard PortalAccount.isValidName(details.name) else {
            throw DealersError(.usage, "account name \"\(details.name)\": expected 1–64 characters among letters, digits and . _ @ -")
        }
        guard password.count >= Self.minimumPasswordLength else {
            throw DealersError(.usage, "the password must have at least \(Self.minimumPasswordLength) characters")
        }
        var accounts = try file.load()
        if let index = accounts.firstIndex(where: { Self.same($0.name, details.name) }) {
            guard replace else {
                throw DealersError(.usage, path: file.url.path, "an account named \"\(accounts[index].name)\" exists (use --replace to change its password)")
            }
            accounts.remove(at: index)
        }
        let account = PortalAccount(name: details.name, role: details.role, dealer: details.dealer, seller: details.seller,
                                    email: details.email, passwordHash: "", createdAt: ISO8601DateFormatter().string(from: now))
        var checked = try check(account, among: accounts)
        checked.passwordHash = hasher.hash(password)
        accounts.append(checked)
        try file.save(accounts)
        return checked
    }

    /// What to change on an account; `nil` leaves a field as it is.
    public struct Change: Sendable, Equatable {
        /// A new role.
        public var role: Role?
        /// A new dealer.
        public var dealer: String?
        /// A new seller code.
        public var seller: String?
        /// A new e-mail address.
        public var email: String?

        /// A change.
        public init(role: Role? = nil, dealer: String? = nil, seller: String? = nil, email: String? = nil) {
            self.role = role
            self.dealer = dealer
            self.seller = seller
            self.email = email
        }
    }

    /// Changes an account's role, dealer, seller code or e-mail. A new role drops what it does not
    /// use (a master's dealer, a non-seller's seller code) unless the change gives it again.
    /// - Throws: ``DealersError`` `.noInput` when there is no such account; `.usage` as ``add(_:password:replace:now:)``.
    @discardableResult
    public func change(name: String, _ change: Change) throws -> PortalAccount {
        try update(name: name) { account in
            if let role = change.role {
                account.role = role
                if !role.needsDealer { account.dealer = nil }
                if !role.needsSeller { account.seller = nil }
            }
            if let dealer = change.dealer { account.dealer = dealer }
            if let seller = change.seller { account.seller = seller }
            if let email = change.email { account.email = email }
        }
    }

    /// Disables (or enables again) an account. A disabled account cannot sign in — the same answer
    /// as a wrong password — and its open sessions end at their next request.
    /// - Throws: ``DealersError`` `.noInput` when there is no such account.
    @discardableResult
    public func setDisabled(name: String, _ disabled: Bool) throws -> PortalAccount {
        try update(name: name) { $0.disabled = disabled }
    }

    /// Removes an account; its sessions end at their next request.
    /// - Throws: ``DealersError`` `.noInput` when there is no such account.
    public func remove(name: String) throws {
        var accounts = try file.load()
        guard let index = accounts.firstIndex(where: { Self.same($0.name, name) }) else { throw noAccount(name) }
        accounts.remove(at: index)
        try file.save(accounts)
    }

    /// The account that `name` and `password` sign in as, or `nil` (unknown name, wrong password,
    /// disabled account: each costs one bcrypt check and answers alike).
    public func authenticate(name: String, password: String) throws -> PortalAccount? {
        let account = try self.account(named: name)
        return Self.signedIn(account, passwordMatches: hasher.verify(password, hash: account?.passwordHash))
    }

    /// The account a sign-in reaches once its password was checked: `nil` for an unknown name, a
    /// wrong password or a disabled account (the portal checks the password on its own threads).
    static func signedIn(_ account: PortalAccount?, passwordMatches: Bool) -> PortalAccount? {
        passwordMatches && account?.disabled == false ? account : nil
    }

    private func update(name: String, _ body: (inout PortalAccount) -> Void) throws -> PortalAccount {
        var accounts = try file.load()
        guard let index = accounts.firstIndex(where: { Self.same($0.name, name) }) else { throw noAccount(name) }
        var account = accounts.remove(at: index)
        body(&account)
        account = try check(account, among: accounts)
        accounts.append(account)
        try file.save(accounts)
        return account
    }

    /// The account with its e-mail normalised, or the first thing wrong with it.
    private func check(_ account: PortalAccount, among others: [PortalAccount]) throws -> PortalAccount {
        var account = account
        if account.role.needsDealer {
            guard let dealer = account.dealer else {
                throw DealersError(.usage, "a \(account.role.rawValue) account belongs to one dealer: give --dealer CODE")
            }
            guard workspace.settings.dealers.contains(dealer) else {
                throw DealersError(.usage, path: workspace.root.appendingPathComponent("dealers.json").path,
                                   "dealer \"\(dealer)\" is not declared in \"dealers\" (declared: \(workspace.settings.dealers.joined(separator: ", ")))")
            }
        } else if account.dealer != nil {
            throw DealersError(.usage, "a master account reaches every dealer: --dealer is for the admin, technician and seller roles")
        }
        if account.role.needsSeller {
            guard let seller = account.seller else { throw DealersError(.usage, "a seller account needs --seller CODE") }
            guard PortalAccount.isValidSeller(seller) else {
                throw DealersError(.usage, "seller code \"\(seller)\": expected \(SellerCode.expected)")
            }
        } else if account.seller != nil {
            throw DealersError(.usage, "--seller is for the seller role only (this account is \(account.role.rawValue))")
        }
        if let raw = account.email {
            switch EmailAddress.check(raw.utf8) {
            case .failure(let failure): throw DealersError(.usage, "e-mail \"\(raw)\": \(failure.english)")
            case .success(let email): account.email = email
            }
            if let other = others.first(where: { $0.email.map { Self.same($0, raw) } == true }) {
                throw DealersError(.usage, path: file.url.path, "the e-mail \"\(raw)\" is already used by the account \"\(other.name)\"")
            }
        }
        return account
    }

    private func noAccount(_ name: String) -> DealersError {
        DealersError(.noInput, path: file.url.path, "no account named \"\(name)\"")
    }

    private static func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }
}
