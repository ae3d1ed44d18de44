/// The landing page of every role (template `dashboard`): the figures of the visitor's scope
/// (``DashboardFigures``) as tables, an SVG chart and the last files.
struct DashboardPage {
    /// The texts the template shows.
    struct Labels {
        let collectives, collective, active, scheduled, expired, cancelled, expiring30: String
        let payments, applied, unmatched, reversed: String
        let lastFiles, input, status, read, rowsApplied, rejected, noFiles, noFigures, asOf: String
    }

    /// One processing as the template shows it.
    struct File {
        let input: String
        let status: String
        let statusClass: String
        let when: String
        let read: String
        let applied: String
        let rejected: String
        let href: String
    }

    let labels: Labels
    let switcher: DealerSwitch
    let collectives: [DashboardFigures.Collective]
    let payments: DashboardFigures.Payments?
    let chart: DashboardChart?
    let files: [File]
    let hasFigures: Bool
    private let visitor: Page.Visitor
    private let text: PortalText
    private let pageTitle: String

    /// - Parameter dealers: for an operator, the dealers it may switch to.
    init(text: PortalText, format: Formatting, visitor: Page.Visitor, figures: DashboardFigures, scope: PortalScope, dealers: [String]) {
        self.text = text
        self.visitor = visitor
        switcher = DealerSwitch(text: text, path: "/dashboard", current: scope.dealer, dealers: dealers)
        pageTitle = switcher.title(text.dashboard)
        labels = Labels(collectives: text.collectives, collective: text.collectiveTitle, active: text.activeUsers,
                        scheduled: text.scheduledUsers, expired: text.expiredUsers, cancelled: text.cancelledUsers,
                        expiring30: text.expiring30, payments: text.paymentsOfMonth(figures.payments.map { format.month($0.month) } ?? ""),
                        applied: text.paymentsApplied, unmatched: text.paymentsUnmatched, reversed: text.paymentsReversed,
                        lastFiles: text.lastFiles, input: text.input, status: text.status, read: text.rowsRead,
                        rowsApplied: text.rowsApplied, rejected: text.rowsRejected, noFiles: text.noReceipts,
                        noFigures: text.noFigures, asOf: text.figuresAsOf(format.timestamp(figures.reportsWritten)))
        collectives = figures.collectives
        payments = figures.payments
        hasFigures = figures.reportsWritten != nil
        chart = DashboardChart(title: text.usersByStatus, collectives: figures.collectives, text: text)
        files = figures.lastFiles.map { file in
            func number(_ value: Int?) -> String { value.map(format.integer) ?? "" }
            return File(input: file.input ?? file.name, status: text.receiptStatus(file.status), statusClass: file.status ?? "",
                        when: format.timestamp(file.startedAt), read: number(file.read), applied: number(file.applied),
                        rejected: number(file.rejected), href: file.href)
        }
    }

    var html: String {
        Page(title: pageTitle, template: "dashboard", context: self, visitor: visitor, text: text).html
    }
}
