import DealersCore

/// One processing as the receipts and upload-status pages show it (the `receiptRow` partial):
/// input and time, status in the page's language, counts, links to the receipt and its error
/// files, and for a held roster the form that confirms it.
struct ReceiptRow {
    /// The column titles and the held form's texts.
    struct Labels {
        let input, status, read, applied, rejected, errors, files, receiptJSON, confirmHelp, confirm, none: String

        init(_ text: PortalText) {
            input = text.input
            status = text.status
            read = text.rowsRead
            applied = text.rowsApplied
            rejected = text.rowsRejected
            errors = text.errors
            files = text.files
            receiptJSON = text.receiptJSON
            confirmHelp = text.confirmHeldHelp
            confirm = text.confirmHeld
            none = text.noReceipts
        }
    }

    /// A link to one error file.
    struct FileLink {
        let href: String
        let name: String
    }

    /// The form that confirms a held roster.
    struct HeldForm {
        let query: String
        let csrf: String
        let date: String
        let receipt: String
    }

    let input: String
    let when: String
    let status: String
    /// The stable code (`PARTIAL`), for the colour.
    let statusClass: String
    let message: String?
    let read, applied, rejected, errors: String
    let receiptHref: String
    /// The processing's page (a dated receipt's: errors, rejected rows to correct).
    let pageHref: String?
    let errorFiles: [FileLink]
    let held: HeldForm?

    /// A held roster's row carries the form that confirms it when `confirmToken` (the session's CSRF token) is given.
    init(_ receipt: ShownReceipt, query: String, text: PortalText, format: Formatting, confirmToken: String? = nil) {
        let summary = receipt.summary
        let code = summary.status ?? "?"
        func number(_ value: Int?) -> String { value.map(format.integer) ?? "" }
        input = summary.input ?? summary.file.name
        when = format.timestamp(summary.startedAt)
        status = text.receiptStatus(summary.status)
        statusClass = code
        message = summary.message
        read = number(summary.rows?.read)
        applied = number(summary.rows?.applied)
        rejected = number(summary.rows?.rejected)
        errors = number(summary.errors)
        receiptHref = summary.file.urlPath("receipts", query: query)
        pageHref = summary.file.date.flatMap { date in
            summary.file.name.hasSuffix(".json") ? DatedName(date: date, name: String(summary.file.name.dropLast(5))).urlPath("receipts", query: query) : nil
        }
        errorFiles = receipt.errorFiles.map { FileLink(href: $0.urlPath("errors", query: query), name: $0.name) }
        if code == Receipt.Status.held.rawValue, let confirmToken, let date = summary.file.date {
            held = HeldForm(query: query, csrf: confirmToken, date: date, receipt: summary.file.name)
        } else {
            held = nil
        }
    }
}
