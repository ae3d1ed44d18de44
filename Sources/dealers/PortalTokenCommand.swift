import ArgumentParser
import DealersCore
import DealersPortal
import Foundation

struct PortalToken: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, list and revoke API tokens: the way for scripts to use the portal (Authorization: Bearer).",
        discussion: """
        A token acts as its account (same role, dealer, seller) and stops working when the account \
        is disabled or removed, or when it is revoked. It is printed once, when it is made; the \
        portal keeps only its SHA-256 (portal/tokens.json). Making and revoking are written to \
        the audit log, and so is each token's first use after the portal starts. Examples:
          dealers portal token create ana --label "nightly download"
          curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/receipts/
          dealers portal token list
          dealers portal token revoke 3f9a12bc
        """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token for an account and print it (once: it cannot be shown again)."
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The account the token acts as.")
        var account: String

        @Option(help: ArgumentHelp("What the token is for (shown by list; at most 100 characters).", valueName: "text"))
        var label = ""

        func run() throws {
            try guarded {
                let workspace = try options.workspace()
                let made = try TokenBook(workspace: workspace).create(account: account, label: label)
                try PortalUser.audit(.tokenCreate, "token \(made.record.id) of \(made.record.account)", workspace)
                print(made.token)
                FileHandle.standardError.write(Data("dealers: token \(made.record.id) for \(made.record.account): keep it now, it is not shown again\n".utf8))
                return 0
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tokens: id, account, state (active, account-disabled, account-removed), created, label; tab-separated."
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("Only this account's tokens.", valueName: "name"))
        var account: String?

        func run() throws {
            try guarded {
                let book = TokenBook(workspace: try options.workspace())
                let tokens = try book.list(account: account)
                for token in tokens {
                    print([token.id, token.account, try book.state(of: token), token.createdAt, token.label.isEmpty ? "-" : token.label]
                        .joined(separator: "\t"))
                }
                if tokens.isEmpty { print("no tokens (make one with dealers portal token create ACCOUNT)") }
                return 0
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id: it stops working at once.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The token's id (8 hex digits, as list shows it).")
        var id: String

        func validate() throws {
            guard APIToken.isValidID(id) else { throw ValidationError("token id \"\(id)\": expected 8 hex digits (0-9 a-f), as list shows it") }
        }

        func run() throws {
            try guarded {
                let workspace = try options.workspace()
                let removed = try TokenBook(workspace: workspace).revoke(id: id)
                try PortalUser.audit(.tokenRevoke, "token \(removed.id) of \(removed.account)", workspace)
                print("\(removed.id)\trevoked")
                return 0
            }
        }
    }
}
