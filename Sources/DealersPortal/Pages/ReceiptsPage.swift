import DealersCore

/// Every processing of the dealer's inputs (the dated receipts), newest first, with status,
/// counts and links to the receipt and its error files.
struct ReceiptsPage {
    let text: PortalText
    let format: Formatting
    let visitor: Page.Visitor
    /// The receipts, newest first, each with the error files that exist.
    let receipts: [ShownReceipt]
    /// Whose folder this is (for the links' `?dealer=`).
    let scope: PortalScope
    /// For an operator, the dealers it may switch to.
    let dealers: [String]

    private var folder: DealerSwitch { DealerSwitch(text: text, path: "/receipts/", current: scope.dealer, dealers: dealers) }
    private var title: String { folder.title(text.receipts) }
    private var switcher: String { folder.html }

    var html: String {
        guard !receipts.isEmpty else {
            return Page(title: title, body: switcher + "<p>\(HTML.escape(text.noReceipts))</p>", visitor: visitor, text: text).html
        }
        var rows = ""
        for receipt in receipts {
            rows += Self.row(receipt, query: scope.linkQuery, text: text, format: format, confirmToken: visitor.csrfToken)
        }
        let body = switcher + """
        <table class="cards"><thead><tr><th>\(HTML.escape(text.input))</th><th>\(HTML.escape(text.status))</th>\
        <th class="num">\(HTML.escape(text.rowsRead))</th><th class="num">\(HTML.escape(text.rowsApplied))</th>\
        <th class="num">\(HTML.escape(text.rowsRejected))</th><th class="num">\(HTML.escape(text.errors))</th>\
        <th>\(HTML.escape(text.files))</th></tr></thead><tbody>
        \(rows)</tbody></table>
        """
        return Page(title: title, body: body, visitor: visitor, text: text).html
    }

    /// One receipt as a table row (also used by the upload's status page). A held roster's row
    /// carries the form that confirms it when `confirmToken` (the session's CSRF token) is given.
    static func row(_ receipt: ShownReceipt, query: String, text: PortalText, format: Formatting, confirmToken: String? = nil) -> String {
        let summary = receipt.summary
        let status = summary.status ?? "?"
        var links = "<a href=\"\(HTML.escape(summary.file.urlPath("receipts", query: query)))\" download>\(HTML.escape(text.receiptJSON))</a>"
        for file in receipt.errorFiles {
            links += "<br><a href=\"\(HTML.escape(file.urlPath("errors", query: query)))\" download>\(HTML.escape(file.name))</a>"
        }
        if status == Receipt.Status.held.rawValue, let confirmToken, let date = summary.file.date {
            links += """
            <form method="post" action="/receipts/confirm\(HTML.escape(query))"><input type="hidden" name="csrf" value="\(HTML.escape(confirmToken))">\
            <input type="hidden" name="date" value="\(HTML.escape(date))"><input type="hidden" name="receipt" value="\(HTML.escape(summary.file.name))">\
            <small>\(HTML.escape(text.confirmHeldHelp))</small><br><button type="submit">\(HTML.escape(text.confirmHeld))</button></form>
            """
        }
        func number(_ value: Int?) -> String { value.map(String.init) ?? "" }
        var input = HTML.escape(summary.input ?? summary.file.name)
        // A dated receipt links to its processing's page (errors, rejected rows to correct).
        if let date = summary.file.date, summary.file.name.hasSuffix(".json") {
            let page = "/receipts/\(HTML.pathSegment(date))/\(HTML.pathSegment(String(summary.file.name.dropLast(5))))\(query)"
            input = "<a href=\"\(HTML.escape(page))\">\(input)</a>"
        }
        return """
        <tr><td data-label="\(HTML.escape(text.input))">\(input)<br>\
        <small>\(HTML.escape(format.timestamp(summary.startedAt)))</small></td>\
        <td data-label="\(HTML.escape(text.status))"><span class="status \(HTML.escape(status))">\(HTML.escape(status))</span>\
        \(summary.message.map { "<br><small>\(HTML.escape($0))</small>" } ?? "")</td>\
        <td class="num" data-label="\(HTML.escape(text.rowsRead))">\(number(summary.rows?.read))</td>\
        <td class="num" data-label="\(HTML.escape(text.rowsApplied))">\(number(summary.rows?.applied))</td>\
        <td class="num" data-label="\(HTML.escape(text.rowsRejected))">\(number(summary.rows?.rejected))</td>\
        <td class="num" data-label="\(HTML.escape(text.errors))">\(number(summary.errors))</td>\
        <td data-label="\(HTML.escape(text.files))">\(links)</td></tr>

        """
    }
}
