/// For an operator: links to look at the operator's own folders or at one declared dealer's.
struct DealerSwitch {
    let text: PortalText
    /// The page's path (`/reports/`, `/receipts/`).
    let path: String
    /// The dealer being looked at (`nil`: the operator's own folders).
    let current: String?
    /// The declared dealers.
    let dealers: [String]

    /// A page title with the dealer being looked at, for an operator (`Informes · ACME`).
    func title(_ base: String) -> String {
        base + (dealers.isEmpty ? "" : current.map { " · \($0)" } ?? "")
    }

    var html: String {
        guard !dealers.isEmpty else { return "" }
        let choices = [(nil as String?, text.operatorScope)] + dealers.map { ($0 as String?, $0) }
        let links = choices.map { code, label in
            let href = path + (code.map { "?dealer=" + HTML.queryValue($0) } ?? "")
            return code == current
                ? "<strong>\(HTML.escape(label))</strong>"
                : "<a href=\"\(HTML.escape(href))\">\(HTML.escape(label))</a>"
        }
        return "<p class=\"switch\">\(HTML.escape(text.lookAt)): \(links.joined(separator: " · "))</p>"
    }
}
