/// The master's pending reversals (`/reversals/`): the rows of the operator's `pending-reversals`
/// report, each with an approve button (a form with the session's CSRF token).
struct ReversalsPage {
    let text: PortalText
    let visitor: Page.Visitor
    let rows: [PendingReversal]
    let csrfToken: String
    /// A message above the table (an approval stored, or refused).
    var message: (text: String, isError: Bool)?

    var html: String {
        let note = message.map { "<p class=\"\($0.isError ? "error" : "ok")\" role=\"alert\">\(HTML.escape($0.text))</p>" } ?? ""
        guard !rows.isEmpty else {
            return Page(title: text.reversals, body: note + "<p>\(HTML.escape(text.noReversals))</p>", visitor: visitor, text: text).html
        }
        let titles = [text.dealerTitle, text.file, text.line, text.uploadedBy, text.reversalID, text.originalPayment, text.amount, text.date, ""]
        let head = titles.map { "<th>\(HTML.escape($0))</th>" }.joined()
        let body = rows.map { row in
            let cells = [(text.dealerTitle, row.dealer), (text.file, row.file), (text.line, row.line), (text.uploadedBy, row.uploadedBy),
                         (text.reversalID, row.id), (text.originalPayment, row.originalId), (text.amount, "\(row.amount) \(row.currency)"),
                         (text.date, row.date)]
            let button = """
            <form method="post" action="/reversals/approve" class="inline"><input type="hidden" name="csrf" value="\(HTML.escape(csrfToken))">\
            <input type="hidden" name="id" value="\(HTML.escape(row.id))"><button type="submit">\(HTML.escape(text.approve))</button></form>
            """
            return "<tr>" + cells.map { "<td data-label=\"\(HTML.escape($0.0))\">\(HTML.escape($0.1))</td>" }.joined() + "<td>\(button)</td></tr>\n"
        }.joined()
        let table = "<p>\(HTML.escape(text.reversalsHelp))</p><table class=\"cards\" id=\"reversals\"><thead><tr>\(head)</tr></thead><tbody>\n\(body)</tbody></table>"
        return Page(title: text.reversals, body: note + table, visitor: visitor, text: text).html
    }
}
