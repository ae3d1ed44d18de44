import DealersCore

/// One processing (template `receipt`): status, counts per action, duration, the errors grouped
/// by row and the rejected rows in a grid to correct (a plain `<form>`: one input per cell,
/// keyboard only, no script). `c.<line>.<column index>` holds a cell, `o.<line>.<column index>`
/// the value it had, so that only the cells changed are sent as corrections.
struct ReceiptPage {
    struct Labels {
        let status, corrects, errors, noErrors, line, column, field, value, code, message: String
        let rejectedRows, correctHelp, send, previous, next: String
    }

    /// A line of the receipt's summary.
    struct Fact {
        let label: String
        let value: String
    }

    /// The processing this one corrects.
    struct Corrects {
        let href: String
        let name: String
    }

    /// The errors of one row.
    struct Group {
        struct Error {
            let column: String
            let field: String
            let value: String
            let code: String
            let text: String
        }

        let line: Int
        let span: Int
        let errors: [Error]
    }

    /// The rejected rows as a form.
    struct Grid {
        struct Row {
            struct Cell {
                let index: Int
                let value: String
                let label: String
            }

            let line: Int
            let cells: [Cell]
        }

        let action: String
        let csrfToken: String
        let columns: [String]
        let rows: [Row]
        let maxLength: Int
    }

    /// Links to the other pages of errors and rejected rows.
    struct Pager {
        let previous: String?
        let shown: String
        let next: String?
    }

    let labels: Labels
    let statusCode: String
    let statusWord: String
    let facts: [Fact]
    let corrects: Corrects?
    let message: String?
    let groups: [Group]
    let grid: Grid?
    let pager: Pager?
    private let title: String
    private let visitor: Page.Visitor
    private let text: PortalText

    /// - Parameters:
    ///   - detail: the processing's JSON answer (the API's).
    ///   - query: the links' `?dealer=` for a master looking at a dealer.
    ///   - message: a refused correction's reason, shown above the grid.
    init(text: PortalText, format: Formatting, visitor: Page.Visitor, detail: APIReceiptDetail, query: String, message: String?) {
        self.text = text
        self.visitor = visitor
        self.message = message
        title = detail.input ?? detail.name
        labels = Labels(status: text.status, corrects: text.correctsTitle, errors: text.errors, noErrors: text.noErrors, line: text.line,
                        column: text.column, field: text.field, value: text.value, code: text.code, message: text.message,
                        rejectedRows: text.rejectedRowsTitle, correctHelp: text.correctHelp, send: text.sendCorrections,
                        previous: text.previous, next: text.next)
        statusCode = detail.status ?? ""
        statusWord = text.receiptStatus(detail.status)
        var facts = [Fact(label: text.startedAt, value: format.timestamp(detail.startedAt))]
        if let seconds = detail.durationSeconds { facts.append(Fact(label: text.duration, value: text.seconds(seconds))) }
        for (label, key) in [(text.rowsRead, "read"), (text.rowsApplied, "applied"), (text.rowsRejected, "rejected")] {
            facts.append(Fact(label: label, value: detail.rows[key].map(format.integer) ?? ""))
        }
        if !detail.actions.isEmpty {
            facts.append(Fact(label: text.actions, value: detail.actions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")))
        }
        self.facts = facts
        let page = "/receipts/\(HTML.pathSegment(detail.date))/\(HTML.pathSegment(detail.name))"
        corrects = CorrectionName.original(of: detail.name).map {
            Corrects(href: "/receipts/\(HTML.pathSegment($0.date))/\(HTML.pathSegment($0.archived))\(query)", name: $0.archived)
        }
        var groups: [Group] = []
        for error in detail.errors {
            let shown = Group.Error(column: error.column.map(String.init) ?? "", field: error.field, value: error.value, code: error.code, text: error.message)
            if let last = groups.last, last.line == error.line {
                groups[groups.count - 1] = Group(line: last.line, span: last.span + 1, errors: last.errors + [shown])
            } else {
                groups.append(Group(line: error.line, span: 1, errors: [shown]))
            }
        }
        self.groups = groups
        grid = detail.rejectedRows.isEmpty ? nil : Grid(
            action: page + "/corrections" + query, csrfToken: visitor.csrfToken ?? "", columns: detail.columns,
            rows: detail.rejectedRows.map { row in
                Grid.Row(line: row.line, cells: detail.columns.enumerated().map { index, column in
                    Grid.Row.Cell(index: index, value: row.cells[column] ?? "", label: "\(text.line) \(row.line), \(column)")
                })
            }, maxLength: Correction.maxCellCharacters)
        let total = max(detail.page.errors, detail.page.rejectedRows), offset = detail.page.offset, limit = detail.page.limit
        func pageAt(_ offset: Int) -> String { page + (query.isEmpty ? "?" : query + "&") + "offset=\(offset)&limit=\(limit)" }
        pager = total > limit || offset > 0 ? Pager(previous: offset > 0 ? pageAt(max(0, offset - limit)) : nil,
                                                      shown: text.shown(format.integer(min(total, offset + 1)), format.integer(min(total, offset + limit)), of: format.integer(total)),
                                                      next: offset + limit < total ? pageAt(offset + limit) : nil) : nil
    }

    var html: String {
        Page(title: title, template: "receipt", context: self, visitor: visitor, text: text).html
    }
}
