/// For an operator: links to look at the operator's own folders or at one declared dealer's
/// (the `dealerSwitch` partial: `{{#switcher}}{{>dealerSwitch}}{{/switcher}}`).
struct DealerSwitch {
    /// One choice: a link, or the current one in bold.
    struct Choice {
        let href: String
        let label: String
        let current: Bool
    }

    /// "Ver" / "Show".
    let lookAt: String
    /// The operator's own folders, then each declared dealer's; empty for a dealer's account.
    let choices: [Choice]
    private let current: String?
    private let shown: Bool

    /// - Parameters:
    ///   - path: the page's path (`/reports/`, `/receipts/`).
    ///   - current: the dealer being looked at (`nil`: the operator's own folders).
    ///   - dealers: the declared dealers (empty: no switch).
    init(text: PortalText, path: String, current: String?, dealers: [String]) {
        lookAt = text.lookAt
        self.current = current
        shown = !dealers.isEmpty
        guard !dealers.isEmpty else { choices = []; return }
        let all = [(nil as String?, text.operatorScope)] + dealers.map { ($0 as String?, $0) }
        choices = all.map { code, label in
            Choice(href: path + (code.map { "?dealer=" + HTML.queryValue($0) } ?? ""), label: label, current: code == current)
        }
    }

    /// A page title with the dealer being looked at, for an operator (`Informes · ACME`).
    func title(_ base: String) -> String {
        base + (shown ? current.map { " · \($0)" } ?? "" : "")
    }

    /// The switch as markup, for pages built in Swift.
    var html: String { PortalTemplates.render("dealerSwitch", self) }
}
