import Foundation

/// The master's accounts page (`/accounts/`): every account with its role, dealer, seller code,
/// e-mail and state, a button to disable (or enable) and to remove each, and the forms to add an
/// account and to change one. Every form carries the session's CSRF token.
struct AccountsPage {
    let text: PortalText
    let visitor: Page.Visitor
    let accounts: [PortalAccount]
    /// The declared dealers (the forms' choices).
    let dealers: [String]
    /// The session's CSRF token (empty for HTTP Basic).
    let csrfToken: String
    /// A refusal or a confirmation to show above the table.
    var error: String?

    private var csrf: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(csrfToken))\">" }

    private func button(_ action: String, _ name: String, _ label: String) -> String {
        """
        <form method="post" action="/accounts/\(action)" class="inline">\(csrf)\
        <input type="hidden" name="name" value="\(HTML.escape(name))"><button type="submit">\(HTML.escape(label))</button></form>
        """
    }

    private func row(_ account: PortalAccount) -> String {
        let state = account.disabled ? text.disabledState : text.active
        let toggle = account.disabled ? button("enable", account.name, text.enable) : button("disable", account.name, text.disable)
        // A master never disables or removes their own account here (the route refuses it too).
        let actions = account.name == visitor.name ? "" : toggle + button("remove", account.name, text.remove)
        return """
        <tr\(account.disabled ? " class=\"disabled\"" : "")><td data-label="\(HTML.escape(text.accountName))"><strong>\(HTML.escape(account.name))</strong></td>\
        <td data-label="\(HTML.escape(text.roleTitle))">\(HTML.escape(text.role(account.role)))</td>\
        <td data-label="\(HTML.escape(text.dealerTitle))">\(HTML.escape(account.scopeDealer ?? ""))</td>\
        <td data-label="\(HTML.escape(text.sellerTitle))">\(HTML.escape(account.seller ?? ""))</td>\
        <td data-label="\(HTML.escape(text.email))">\(HTML.escape(account.email ?? ""))</td>\
        <td data-label="\(HTML.escape(text.state))">\(HTML.escape(state))</td>\
        <td>\(actions)</td></tr>

        """
    }

    private func select(id: String, name: String, _ choices: [(value: String, label: String)]) -> String {
        "<select id=\"\(id)\" name=\"\(name)\">" + choices.map {
            "<option value=\"\(HTML.escape($0.value))\">\(HTML.escape($0.label))</option>"
        }.joined() + "</select>"
    }

    private func fields(_ prefix: String, optional: Bool) -> String {
        let none = optional ? [("", text.noChange)] : []
        let roles = none + Role.allCases.map { ($0.rawValue, text.role($0)) }
        let dealerChoices = (optional ? none : [("", "—")]) + dealers.map { ($0, $0) }
        func id(_ field: String) -> String { prefix + field }
        return """
        <label for="\(id("role"))">\(HTML.escape(text.roleTitle))</label>\(select(id: id("role"), name: "role", roles))\
        <label for="\(id("dealer"))">\(HTML.escape(text.dealerTitle))</label>\(select(id: id("dealer"), name: "dealer", dealerChoices))\
        <label for="\(id("seller"))">\(HTML.escape(text.sellerTitle))</label><input type="text" id="\(id("seller"))" name="seller" maxlength="32">\
        <label for="\(id("email"))">\(HTML.escape(text.email))</label><input type="email" id="\(id("email"))" name="email"\(optional ? "" : " required")>
        """
    }

    var html: String {
        let message = error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        let head = [text.accountName, text.roleTitle, text.dealerTitle, text.sellerTitle, text.email, text.state, ""]
            .map { "<th>\(HTML.escape($0))</th>" }.joined()
        let body = """
        \(message)<table class="cards" id="accounts"><thead><tr>\(head)</tr></thead><tbody>
        \(accounts.map(row).joined())</tbody></table>
        <h2>\(HTML.escape(text.addAccount))</h2>\
        <form method="post" action="/accounts/add">\(csrf)\
        <label for="add-name">\(HTML.escape(text.accountName))</label><input type="text" id="add-name" name="name" required>\
        \(fields("add-", optional: false))\
        <label for="add-password">\(HTML.escape(text.password))</label><input type="password" id="add-password" name="password" required minlength="\(AccountBook.minimumPasswordLength)">\
        <div><button type="submit">\(HTML.escape(text.addAccount))</button></div></form>
        <h2>\(HTML.escape(text.changeAccount))</h2>\
        <form method="post" action="/accounts/change">\(csrf)\
        <label for="change-name">\(HTML.escape(text.accountName))</label>\(select(id: "change-name", name: "name", accounts.map { ($0.name, $0.name) }))\
        \(fields("change-", optional: true))\
        <div><button type="submit">\(HTML.escape(text.save))</button></div></form>
        """
        return Page(title: text.accounts, body: body, visitor: visitor, text: text).html
    }
}
