/// The master's view of the audit log (`/audit/`, template `audit`): newest first, optionally
/// one account's events, times in the workspace's time zone.
struct AuditPage {
    struct Labels {
        let account: String
        let filter: String
        let none: String
        let columns: [String]
    }

    let labels: Labels
    /// The account filtered on (empty: every account).
    let account: String
    let rows: [CellTable.Row]
    private let visitor: Page.Visitor
    private let text: PortalText

    /// At most this many events are shown (the newest).
    static let limit = 1000

    /// - Parameter events: the events shown, newest first.
    init(text: PortalText, format: Formatting, visitor: Page.Visitor, events: [AuditEvent], account: String) {
        self.text = text
        self.visitor = visitor
        self.account = account
        let columns = [text.time, text.accountName, text.roleTitle, text.dealerTitle, text.action, text.object, text.source]
        labels = Labels(account: text.accountName, filter: text.filter, none: text.noEvents, columns: columns)
        rows = events.prefix(Self.limit).map { event in
            let values = [format.timestamp(event.time), event.account, event.role ?? "", event.dealer ?? "",
                          event.action.rawValue, event.object ?? "", event.source ?? ""]
            return CellTable.Row(cells: zip(columns, values).map { CellTable.Cell(label: $0, value: $1) }, action: nil)
        }
    }

    var html: String {
        Page(title: text.audit, template: "audit", context: self, visitor: visitor, text: text).html
    }
}
