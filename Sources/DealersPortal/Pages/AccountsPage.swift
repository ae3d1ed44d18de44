/// The master's accounts page (`/accounts/`, template `accounts`): every account with its role,
/// dealer, seller code, e-mail and state, a button to disable (or enable) and to remove each,
/// and the forms to add an account and to change one. Every form carries the session's CSRF token.
struct AccountsPage {
    struct Labels {
        let name, role, dealer, seller, email, state, password, add, change, save: String
        let columns: [String]
    }

    /// One button of a row (`POST /accounts/<path>` with the account's name).
    struct Action {
        let path: String
        let label: String
    }

    struct Row {
        let name, role, dealer, seller, email, state: String
        let disabled: Bool
        let actions: [Action]
    }

    /// One choice of a `<select>`.
    struct Choice {
        let value: String
        let label: String
    }

    /// The role, dealer, seller and e-mail fields of one form (`add-`, `change-`).
    struct Fields {
        let prefix: String
        /// Every field may stay empty (the change form: empty is "unchanged").
        let optional: Bool
        let roles: [Choice]
        let dealers: [Choice]
    }

    let labels: Labels
    let rows: [Row]
    let names: [String]
    let addFields: Fields
    let changeFields: Fields
    /// The session's CSRF token (empty for HTTP Basic).
    let csrfToken: String
    let minimumPassword = AccountBook.minimumPasswordLength
    /// A refusal or a confirmation to show above the table.
    let error: String?
    private let visitor: Page.Visitor
    private let text: PortalText

    /// - Parameter dealers: the declared dealers (the forms' choices).
    init(text: PortalText, visitor: Page.Visitor, accounts: [PortalAccount], dealers: [String], csrfToken: String, error: String? = nil) {
        self.text = text
        self.visitor = visitor
        self.csrfToken = csrfToken
        self.error = error
        labels = Labels(name: text.accountName, role: text.roleTitle, dealer: text.dealerTitle, seller: text.sellerTitle, email: text.email,
                        state: text.state, password: text.password, add: text.addAccount, change: text.changeAccount, save: text.save,
                        columns: [text.accountName, text.roleTitle, text.dealerTitle, text.sellerTitle, text.email, text.state, ""])
        rows = accounts.map { account in
            let toggle = account.disabled ? Action(path: "enable", label: text.enable) : Action(path: "disable", label: text.disable)
            // A master never disables or removes their own account here (the route refuses it too).
            let actions = account.name == visitor.name ? [] : [toggle, Action(path: "remove", label: text.remove)]
            return Row(name: account.name, role: text.role(account.role), dealer: account.scopeDealer ?? "", seller: account.seller ?? "",
                       email: account.email ?? "", state: account.disabled ? text.disabledState : text.active,
                       disabled: account.disabled, actions: actions)
        }
        names = accounts.map(\.name)
        let roles = Role.allCases.map { Choice(value: $0.rawValue, label: text.role($0)) }
        let declared = dealers.map { Choice(value: $0, label: $0) }
        let unchanged = Choice(value: "", label: text.noChange)
        addFields = Fields(prefix: "add-", optional: false, roles: roles, dealers: [Choice(value: "", label: "—")] + declared)
        changeFields = Fields(prefix: "change-", optional: true, roles: [unchanged] + roles, dealers: [unchanged] + declared)
    }

    var html: String {
        Page(title: text.accounts, template: "accounts", context: self, visitor: visitor, text: text).html
    }
}
