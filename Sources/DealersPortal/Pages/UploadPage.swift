/// The upload form, with the outcome of the previous upload when there is one.
struct UploadPage {
    let text: PortalText
    let visitor: Page.Visitor
    /// The session's CSRF token.
    let csrfToken: String
    /// A refusal to show above the form.
    var error: String?

    var html: String {
        let message = error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        let body = """
        \(message)<p>\(HTML.escape(text.uploadHelp(visitor.access)))</p>\
        <form method="post" action="/upload" enctype="multipart/form-data">\
        <input type="hidden" name="csrf" value="\(HTML.escape(csrfToken))">\
        <label for="file">\(HTML.escape(text.file))</label><input type="file" id="file" name="file" required>\
        <div><button type="submit">\(HTML.escape(text.send))</button></div></form>
        """
        return Page(title: text.upload, body: body, visitor: visitor, text: text).html
    }
}

/// After an upload: waiting for the watcher (the page reloads itself), then the file's receipt.
struct UploadStatusPage {
    let text: PortalText
    let format: Formatting
    let visitor: Page.Visitor
    let name: String
    /// The receipt, once there is one, with its error files.
    let receipt: ShownReceipt?
    /// The links' `?dealer=` (a master's file in a dealer's inbox).
    var query = ""

    var html: String {
        var body = "<p class=\"ok\">\(HTML.escape(text.stored(name, receipt?.summary.layout ?? "?")))</p>"
        if let receipt {
            body += """
            <p>\(HTML.escape(text.processed))</p><table class="cards"><tbody>
            \(ReceiptsPage.row(receipt, query: query, text: text, format: format))</tbody></table>
            """
        } else {
            body += "<p id=\"waiting\">\(HTML.escape(text.waiting))</p>"
        }
        body += "<p><a href=\"/upload\">\(HTML.escape(text.uploadAnother))</a></p>"
        return Page(title: text.upload, body: body, visitor: visitor, text: text, refreshSeconds: receipt == nil ? 2 : nil).html
    }
}
