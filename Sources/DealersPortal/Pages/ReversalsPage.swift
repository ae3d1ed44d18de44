/// The master's pending reversals (`/reversals/`, template `cellTable`): the rows of the
/// operator's `pending-reversals` report, each with an approve button (a form with the session's CSRF token).
struct ReversalsPage {
    private let table: CellTable
    private let visitor: Page.Visitor
    private let text: PortalText

    /// - Parameter message: a message above the table (an approval stored, or refused).
    init(text: PortalText, visitor: Page.Visitor, rows: [PendingReversal], csrfToken: String, message: (text: String, isError: Bool)? = nil) {
        self.text = text
        self.visitor = visitor
        let columns = [text.dealerTitle, text.file, text.line, text.uploadedBy, text.reversalID, text.originalPayment, text.amount, text.date]
        table = CellTable(tableID: "reversals", note: message.map { CellTable.Note(kind: $0.isError ? "error" : "ok", text: $0.text) },
                          help: rows.isEmpty ? nil : text.reversalsHelp, columns: columns + [""], rows: rows.map { row in
            let values = [row.dealer, row.file, row.line, row.uploadedBy, row.id, row.originalId, "\(row.amount) \(row.currency)", row.date]
            return CellTable.Row(cells: zip(columns, values).map { CellTable.Cell(label: $0, value: $1) },
                                 action: CellTable.Action(path: "/reversals/approve", csrf: csrfToken, field: "id", value: row.id, label: text.approve))
        }, empty: text.noReversals)
    }

    var html: String {
        Page(title: text.reversals, template: "cellTable", context: table, visitor: visitor, text: text).html
    }
}
