/// The master's view of the audit log (`/audit/`): newest first, optionally one account's events.
struct AuditPage {
    let text: PortalText
    let format: Formatting
    let visitor: Page.Visitor
    /// The events shown, newest first.
    let events: [AuditEvent]
    /// The account filtered on (empty: every account).
    let account: String

    /// At most this many events are shown (the newest).
    static let limit = 1000

    var html: String {
        let filter = """
        <form method="get" action="/audit/"><label for="account">\(HTML.escape(text.accountName))</label>\
        <input type="text" id="account" name="account" value="\(HTML.escape(account))">\
        <div><button type="submit">\(HTML.escape(text.filter))</button></div></form>
        """
        guard !events.isEmpty else {
            return Page(title: text.audit, body: filter + "<p>\(HTML.escape(text.noEvents))</p>", visitor: visitor, text: text).html
        }
        let head = [text.time, text.accountName, text.roleTitle, text.dealerTitle, text.action, text.object, text.source]
            .map { "<th>\(HTML.escape($0))</th>" }.joined()
        let rows = events.prefix(Self.limit).map { event in
            let cells = [(text.time, event.time), (text.accountName, event.account), (text.roleTitle, event.role ?? ""),
                         (text.dealerTitle, event.dealer ?? ""), (text.action, event.action.rawValue),
                         (text.object, event.object ?? ""), (text.source, event.source ?? "")]
            return "<tr>" + cells.map { "<td data-label=\"\(HTML.escape($0.0))\">\(HTML.escape($0.1))</td>" }.joined() + "</tr>\n"
        }.joined()
        let body = filter + "<table class=\"cards\" id=\"audit\"><thead><tr>\(head)</tr></thead><tbody>\n\(rows)</tbody></table>"
        return Page(title: text.audit, body: body, visitor: visitor, text: text).html
    }
}
