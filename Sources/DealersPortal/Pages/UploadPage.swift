/// The upload form, with the outcome of the previous upload when there is one (template `upload`).
struct UploadPage {
    let help: String
    let fileLabel: String
    let send: String
    /// The session's CSRF token.
    let csrfToken: String
    /// A refusal to show above the form.
    let error: String?
    private let visitor: Page.Visitor
    private let text: PortalText

    init(text: PortalText, visitor: Page.Visitor, csrfToken: String, error: String? = nil) {
        self.text = text
        self.visitor = visitor
        self.csrfToken = csrfToken
        self.error = error
        help = text.uploadHelp(visitor.access)
        fileLabel = text.file
        send = text.send
    }

    var html: String {
        Page(title: text.upload, template: "upload", context: self, visitor: visitor, text: text).html
    }
}

/// After an upload: waiting for the watcher (the page reloads itself), then the file's receipt
/// (template `uploadStatus`).
struct UploadStatusPage {
    let labels: ReceiptRow.Labels
    let stored: String
    let processed: String
    let waiting: String
    let another: String
    /// The receipt, once there is one.
    let row: ReceiptRow?
    private let visitor: Page.Visitor
    private let text: PortalText

    /// - Parameter receipt: the receipt, once there is one, with its error files.
    /// - Parameter query: the links' `?dealer=` (a master's file in a dealer's inbox).
    init(text: PortalText, format: Formatting, visitor: Page.Visitor, name: String, receipt: ShownReceipt?, query: String = "") {
        self.text = text
        self.visitor = visitor
        labels = ReceiptRow.Labels(text)
        stored = text.stored(name, receipt?.summary.layout ?? "?")
        processed = text.processed
        waiting = text.waiting
        another = text.uploadAnother
        row = receipt.map { ReceiptRow($0, query: query, text: text, format: format) }
    }

    var html: String {
        Page(title: text.upload, template: "uploadStatus", context: self, visitor: visitor, text: text,
             refreshSeconds: row == nil ? 2 : nil).html
    }
}
