import ArgumentParser
import DealersCore
import DealersPortal
import Foundation

struct PortalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Manage the portal's accounts (portal/users.json in the workspace).",
        subcommands: [PortalUser.self]
    )
}

struct PortalUser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, remove and list portal accounts.",
        subcommands: [Add.self, Remove.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account for a dealer (--dealer CODE) or the operator (--operator).",
            discussion: """
            The password is read from standard input (one line, at least 10 characters) and stored \
            only as a bcrypt hash; it never appears in arguments or logs. Example:
              printf '%s\\n' "$PASSWORD" | dealers portal user add ana --dealer ACME --password-stdin
            """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The sign-in name (letters, digits, . _ @ -).")
        var name: String

        @Option(help: ArgumentHelp("The dealer (declared in dealers.json) whose folders the account reaches.", valueName: "code"))
        var dealer: String?

        @Flag(name: .customLong("operator"), help: "An operator account (the operator's inbox and outbox).")
        var isOperator = false

        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (required).")
        var passwordStdin = false

        @Flag(help: "Replace the password and role of an existing account.")
        var replace = false

        @Option(help: ArgumentHelp("The bcrypt cost (default 12; below 10 only for tests).", valueName: "n"))
        var cost: UInt8 = PasswordHasher.defaultCost

        func validate() throws {
            guard (dealer != nil) != isOperator else { throw ValidationError("give exactly one of --dealer CODE and --operator") }
            guard passwordStdin else { throw ValidationError("--password-stdin is required: the password is read from standard input, never from arguments") }
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
                try book.add(name: name, dealer: dealer, password: password, replace: replace)
                print("\(name)\t\(dealer ?? "operator")\t\(replace ? "saved" : "added")")
                return 0
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account; its open sessions end at their next request.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The sign-in name.")
        var name: String

        func run() throws {
            try guarded {
                try AccountBook(workspace: try options.workspace()).remove(name: name)
                print("\(name)\tremoved")
                return 0
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts: name, dealer (or operator), creation time.")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            try guarded {
                let accounts = try AccountBook(workspace: try options.workspace()).list()
                for account in accounts {
                    print("\(account.name)\t\(account.scopeDealer ?? "operator")\t\(account.createdAt)")
                }
                if accounts.isEmpty { print("no accounts (add one with dealers portal user add)") }
                return 0
            }
        }
    }
}
