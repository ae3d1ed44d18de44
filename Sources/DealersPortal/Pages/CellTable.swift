/// A table whose rows are labelled cells (shown as cards on a phone), with a message above it
/// and optionally a one-button form per row (template `cellTable`).
struct CellTable {
    /// One cell: its column title (the phone's label) and its text.
    struct Cell {
        let label: String
        let value: String
    }

    /// A one-button form: `POST path` with `field=value` and the session's CSRF token.
    struct Action {
        let path: String
        let csrf: String
        let field: String
        let value: String
        let label: String
    }

    struct Row {
        let cells: [Cell]
        let action: Action?
    }

    /// A confirmation (`ok`) or a refusal (`error`) above the table.
    struct Note {
        let kind: String
        let text: String
    }

    let tableID: String
    let note: Note?
    let help: String?
    let columns: [String]
    let rows: [Row]
    /// Shown instead of the table when there are no rows.
    let empty: String
}

/// A page that says one thing, with a link onwards (template `message`).
struct MessagePage {
    struct Link {
        let href: String
        let label: String
    }

    let text: String
    let isError: Bool
    let link: Link?

    /// The whole page, in the layout.
    static func html(title: String, message: String, isError: Bool, link: Link? = nil, visitor: Page.Visitor?, text: PortalText) -> String {
        Page(title: title, template: "message", context: MessagePage(text: message, isError: isError, link: link), visitor: visitor, text: text).html
    }
}
