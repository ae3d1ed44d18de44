import ArgumentParser
import DealersCore
import DealersPortal
import Foundation

struct PortalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Manage the portal's accounts (portal/users.json) and API tokens (portal/tokens.json), and read its audit log (portal/audit/).",
        subcommands: [PortalUser.self, PortalToken.self, PortalAuditCommand.self]
    )
}

struct PortalUser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, change, disable, enable, remove and list portal accounts.",
        discussion: """
        Roles: master (the service operator's staff: every dealer, accounts, audit), admin (one \
        dealer: everything of it), technician (one dealer: users and collectives files, no \
        payments), seller (one dealer and one seller code: their own clients). Every change is \
        written to the audit log. Bad input exits 64 and writes nothing.
        """,
        subcommands: [Add.self, Change.self, Disable.self, Enable.self, Remove.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account with a role, a dealer (all roles but master), a seller code (seller) and an e-mail.",
            discussion: """
            The password is read from standard input (one line, at least 10 characters) and stored \
            only as a bcrypt hash; it never appears in arguments or logs. The e-mail is required, \
            checked, and unique among accounts without regard to case. Examples:
              printf '%s\\n' "$PASSWORD" | dealers portal user add ana --role admin --dealer ACME --email ana@acme.es --password-stdin
              printf '%s\\n' "$PASSWORD" | dealers portal user add olga --role master --email olga@operator.es --password-stdin
              printf '%s\\n' "$PASSWORD" | dealers portal user add vera --role seller --dealer ACME --seller V01 --email vera@acme.es --password-stdin
            """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The sign-in name (letters, digits, . _ @ -).")
        var name: String

        @Option(help: ArgumentHelp("master, admin, technician (tecnico) or seller (vendedor).", valueName: "role"))
        var role: String?

        @Option(help: ArgumentHelp("The dealer (declared in dealers.json) whose folders the account reaches; not for master.", valueName: "code"))
        var dealer: String?

        @Option(help: ArgumentHelp("The seller code (seller role only): 1–32 of A-Z a-z 0-9 . _ -.", valueName: "code"))
        var seller: String?

        @Option(help: ArgumentHelp("The account's e-mail address (required, unique).", valueName: "address"))
        var email: String?

        @Flag(name: .customLong("operator"), help: "The same as --role master (kept from version 1).")
        var isOperator = false

        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (required).")
        var passwordStdin = false

        @Flag(help: "Replace the password, role and e-mail of an existing account.")
        var replace = false

        @Option(help: ArgumentHelp("The bcrypt cost (default 12; below 10 only for tests).", valueName: "n"))
        var cost: UInt8 = PasswordHasher.defaultCost

        /// The role asked for: `--role`, or `--operator`; an admin when only `--dealer` is given (version 1's `--dealer CODE`).
        func chosenRole() throws -> Role {
            if isOperator {
                guard role.map({ Role(word: $0) == .master }) ?? true else { throw ValidationError("--operator means --role master: give one of them") }
                return .master
            }
            guard let role else {
                guard dealer != nil else { throw ValidationError("give --role \(Role.words) (and --dealer CODE for a dealer's role)") }
                return .admin
            }
            guard let parsed = Role(word: role) else { throw ValidationError("unknown role \"\(role)\" (expected \(Role.words))") }
            return parsed
        }

        func validate() throws {
            let role = try chosenRole()
            try PortalUser.check(role: role, dealer: dealer, seller: seller)
            guard passwordStdin else { throw ValidationError("--password-stdin is required: the password is read from standard input, never from arguments") }
            guard email != nil else { throw ValidationError("--email ADDRESS is required") }
            guard (4...31).contains(cost) else { throw ValidationError("--cost must be 4…31, found \(cost)") }
        }

        func run() throws {
            try guarded {
                let workspace = try options.workspace()
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw DealersError(.usage, "no password on standard input")
                }
                let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
                if cost < PasswordHasher.minimumSafeCost {
                    FileHandle.standardError.write(Data("dealers: warning: bcrypt cost \(cost) is for tests only\n".utf8))
                }
                let book = AccountBook(workspace: workspace, hasher: PasswordHasher(cost: cost))
                let details = AccountBook.Details(name: name, role: try chosenRole(), dealer: dealer, seller: seller, email: email ?? "")
                let account = try book.add(details, password: password, replace: replace)
                try PortalUser.audit(.accountAdd, name, workspace)
                print("\(account.name)\t\(account.role.rawValue)\t\(account.scopeDealer ?? "-")\t\(replace ? "saved" : "added")")
                return 0
            }
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an account's role, dealer, seller code or e-mail (what is not given stays).",
            discussion: """
            A new role drops what it does not use (a master's dealer, a seller code). Example:
              dealers portal user change ana --role technician
              dealers portal user change vera --seller V02 --email vera.v02@acme.es
            """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The sign-in name.")
        var name: String

        @Option(help: ArgumentHelp("master, admin, technician (tecnico) or seller (vendedor).", valueName: "role"))
        var role: String?

        @Option(help: ArgumentHelp("The dealer (not for master).", valueName: "code"))
        var dealer: String?

        @Option(help: ArgumentHelp("The seller code (seller role only).", valueName: "code"))
        var seller: String?

        @Option(help: ArgumentHelp("The e-mail address (unique).", valueName: "address"))
        var email: String?

        func validate() throws {
            guard role != nil || dealer != nil || seller != nil || email != nil else {
                throw ValidationError("nothing to change: give --role, --dealer, --seller or --email")
            }
            if let role, Role(word: role) == nil { throw ValidationError("unknown role \"\(role)\" (expected \(Role.words))") }
            if let seller, !PortalAccount.isValidSeller(seller) {
                throw ValidationError("seller code \"\(seller)\": expected \(SellerCode.expected)")
            }
        }

        func run() throws {
            try guarded {
                let workspace = try options.workspace()
                let change = AccountBook.Change(role: role.flatMap(Role.init(word:)), dealer: dealer, seller: seller, email: email)
                let account = try AccountBook(workspace: workspace).change(name: name, change)
                try PortalUser.audit(.accountChange, name, workspace)
                print(PortalUser.line(account))
                return 0
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it cannot sign in and its open sessions end at once.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The sign-in name.")
        var name: String

        func run() throws {
            try PortalUser.apply(.accountDisable, to: name, options, "disabled") { try $0.setDisabled(name: name, true) }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The sign-in name.")
        var name: String

        func run() throws {
            try PortalUser.apply(.accountEnable, to: name, options, "enabled") { try $0.setDisabled(name: name, false) }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account; its open sessions end at their next request.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The sign-in name.")
        var name: String

        func run() throws {
            try PortalUser.apply(.accountRemove, to: name, options, "removed") { try $0.remove(name: name) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the accounts: name, role, dealer, seller, e-mail, state (active/disabled), creation time; tab-separated, - for none."
        )

        @OptionGroup var options: GlobalOptions

        func run() throws {
            try guarded {
                let accounts = try AccountBook(workspace: try options.workspace()).list()
                for account in accounts { print(PortalUser.line(account)) }
                if accounts.isEmpty { print("no accounts (add one with dealers portal user add)") }
                return 0
            }
        }
    }

    /// One account as `list` prints it.
    static func line(_ account: PortalAccount) -> String {
        [account.name, account.role.rawValue, account.scopeDealer ?? "-", account.seller ?? "-", account.email ?? "-",
         account.disabled ? "disabled" : "active", account.createdAt].joined(separator: "\t")
    }

    /// The combination checks the command line can make before reading anything (the dealer being
    /// declared and the e-mail being free are checked by the account book).
    static func check(role: Role, dealer: String?, seller: String?) throws {
        if role.needsDealer, dealer == nil { throw ValidationError("a \(role.rawValue) account belongs to one dealer: give --dealer CODE") }
        if !role.needsDealer, dealer != nil { throw ValidationError("a master account reaches every dealer: --dealer is for the admin, technician and seller roles") }
        if role.needsSeller, seller == nil { throw ValidationError("a seller account needs --seller CODE") }
        if !role.needsSeller, seller != nil { throw ValidationError("--seller is for the seller role only") }
        if let seller, !PortalAccount.isValidSeller(seller) {
            throw ValidationError("seller code \"\(seller)\": expected \(SellerCode.expected)")
        }
    }

    /// Makes one change to an account, records it in the audit log and prints `NAME<TAB>done`.
    static func apply(_ action: AuditEvent.Action, to name: String, _ options: GlobalOptions, _ done: String,
                      _ change: (AccountBook) throws -> Void) throws {
        try guarded {
            let workspace = try options.workspace()
            try change(AccountBook(workspace: workspace))
            try audit(action, name, workspace)
            print("\(name)\t\(done)")
            return 0
        }
    }

    /// Records an account change made on the command line (`cli:<user>`, as a master).
    static func audit(_ action: AuditEvent.Action, _ name: String, _ workspace: Workspace) throws {
        let user = ProcessInfo.processInfo.environment["USER"] ?? "?"
        try AuditLog(workspace: workspace).append(AuditEvent(time: AuditLog.stamp(Date()), account: "cli:\(user)", role: Role.master.rawValue,
                                                             dealer: nil, action: action, object: name, source: nil))
    }
}

struct PortalAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the portal's audit log (portal/audit/*.jsonl), oldest first, one JSON event per line.",
        discussion: """
        Events: sign-in, sign-in-failed, upload, download, account-add, account-change, \
        account-disable, account-enable, account-remove; each with time, account, role, dealer, \
        action, object and source address. Example: dealers portal audit --since 2026-12-01
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("Only events from this day on (YYYY-MM-DD, UTC).", valueName: "date"))
    var since: String?

    func validate() throws {
        if let since, CivilDate(iso: since) == nil { throw ValidationError("--since \"\(since)\": expected a date YYYY-MM-DD") }
    }

    func run() throws {
        try guarded {
            let events = try AuditLog(workspace: try options.workspace()).events(since: since.flatMap { CivilDate(iso: $0) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for event in events { print(String(decoding: try encoder.encode(event), as: UTF8.self)) }
            return 0
        }
    }
}
