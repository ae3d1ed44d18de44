import DealersCore

/// One processing: status, counts per action, duration, the errors grouped by row and the
/// rejected rows in a grid to correct (a plain `<form>`: one input per cell, keyboard only, no
/// script; every value from a file is escaped).
struct ReceiptPage {
    let text: PortalText
    let format: Formatting
    let visitor: Page.Visitor
    /// The processing's JSON answer (the same as the API's).
    let detail: APIReceiptDetail
    /// The page's link query (`?dealer=` for a master looking at a dealer).
    let query: String
    /// A message above the grid (a refused correction), and whether it is an error.
    var message: String?

    private func pageLink(_ offset: Int) -> String {
        "/receipts/\(HTML.pathSegment(detail.date))/\(HTML.pathSegment(detail.name))"
            + (query.isEmpty ? "?" : query + "&") + "offset=\(offset)&limit=\(detail.page.limit)"
    }

    var html: String {
        var body = summary
        if let message { body += "<p class=\"error\" role=\"alert\">\(HTML.escape(message))</p>" }
        body += "<h2>\(HTML.escape(text.errors))</h2>" + errorsTable
        if !detail.rejectedRows.isEmpty { body += "<h2>\(HTML.escape(text.rejectedRowsTitle))</h2>" + grid }
        body += pager
        return Page(title: detail.input ?? detail.name, body: body, visitor: visitor, text: text).html
    }

    private var summary: String {
        var items = [(text.status, "<span class=\"status \(HTML.escape(detail.status ?? ""))\">\(HTML.escape(text.statusWord(detail.status)))</span>"),
                     (text.startedAt, HTML.escape(format.timestamp(detail.startedAt)))]
        if let seconds = detail.durationSeconds { items.append((text.duration, HTML.escape(text.seconds(seconds)))) }
        for (label, key) in [(text.rowsRead, "read"), (text.rowsApplied, "applied"), (text.rowsRejected, "rejected")] {
            items.append((label, detail.rows[key].map(String.init) ?? ""))
        }
        if !detail.actions.isEmpty {
            let actions = detail.actions.sorted { $0.key < $1.key }.map { "\(HTML.escape($0.key)): \($0.value)" }.joined(separator: ", ")
            items.append((text.actions, actions))
        }
        if let original = CorrectionName.original(of: detail.name) {
            let link = "/receipts/\(HTML.pathSegment(original.date))/\(HTML.pathSegment(original.archived))\(query)"
            items.append(("", "<a href=\"\(HTML.escape(link))\">\(HTML.escape(text.corrects(original.archived)))</a>"))
        }
        return "<dl class=\"receipt\">" + items.map { "<dt>\(HTML.escape($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }

    /// The errors, one `<tbody>` per row (line), the line shown once.
    private var errorsTable: String {
        guard !detail.errors.isEmpty else { return "<p>\(HTML.escape(text.noErrors))</p>" }
        var groups: [(line: Int, errors: [ListedError])] = []
        for error in detail.errors {
            if groups.last?.line == error.line { groups[groups.count - 1].errors.append(error) } else { groups.append((error.line, [error])) }
        }
        let head = [text.line, text.column, text.field, text.value, text.code, text.message]
            .map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        var rows = ""
        for group in groups {
            rows += "<tbody>"
            for (index, error) in group.errors.enumerated() {
                let line = index == 0 ? "<th scope=\"rowgroup\" rowspan=\"\(group.errors.count)\" data-label=\"\(HTML.escape(text.line))\">\(error.line)</th>" : ""
                rows += "<tr>\(line)" + [(text.column, error.column.map(String.init) ?? ""), (text.field, error.field),
                                           (text.value, error.value), (text.code, error.code), (text.message, error.message)]
                    .map { "<td data-label=\"\(HTML.escape($0.0))\">\(HTML.escape($0.1))</td>" }.joined() + "</tr>"
            }
            rows += "</tbody>\n"
        }
        return "<table class=\"cards errors\"><thead><tr>\(head)</tr></thead>\(rows)</table>"
    }

    /// The rejected rows as a form: `c.<line>.<column index>` per cell, with the value it had as
    /// `o.<line>.<column index>`; only the cells changed are sent as corrections.
    private var grid: String {
        let action = "/receipts/\(HTML.pathSegment(detail.date))/\(HTML.pathSegment(detail.name))/corrections\(query)"
        let head = "<th scope=\"col\">\(HTML.escape(text.line))</th>" + detail.columns.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        var rows = ""
        for row in detail.rejectedRows {
            rows += "<tr><th scope=\"row\">\(row.line)</th>"
            for (index, column) in detail.columns.enumerated() {
                let value = HTML.escape(row.cells[column] ?? "")
                let label = HTML.escape("\(text.line) \(row.line), \(column)")
                rows += "<td><input type=\"text\" name=\"c.\(row.line).\(index)\" value=\"\(value)\" aria-label=\"\(label)\" maxlength=\"\(Correction.maxCellCharacters)\">"
                    + "<input type=\"hidden\" name=\"o.\(row.line).\(index)\" value=\"\(value)\"></td>"
            }
            rows += "</tr>\n"
        }
        return """
        <p>\(HTML.escape(text.correctHelp))</p>\
        <form method="post" action="\(HTML.escape(action))" class="grid"><input type="hidden" name="csrf" value="\(HTML.escape(visitor.csrfToken ?? ""))">\
        <div class="scroll"><table class="grid"><thead><tr>\(head)</tr></thead><tbody>
        \(rows)</tbody></table></div><button type="submit">\(HTML.escape(text.sendCorrections))</button></form>
        """
    }

    private var pager: String {
        let page = detail.page
        let total = max(page.errors, page.rejectedRows)
        guard total > page.limit else { return "" }
        var links: [String] = []
        if page.offset > 0 { links.append("<a href=\"\(HTML.escape(pageLink(max(0, page.offset - page.limit))))\">\(HTML.escape(text.previous))</a>") }
        links.append(HTML.escape(text.shown(page.offset + 1, min(total, page.offset + page.limit), of: total)))
        if page.offset + page.limit < total { links.append("<a href=\"\(HTML.escape(pageLink(page.offset + page.limit)))\">\(HTML.escape(text.next))</a>") }
        return "<nav class=\"pager\">" + links.joined(separator: " · ") + "</nav>"
    }
}
