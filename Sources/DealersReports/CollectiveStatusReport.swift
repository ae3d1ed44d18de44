import Foundation
import DealersDomain
import DealersModel
import DealersOutbox

/// `reports/collective-status.xlsx` and `.csv`: per collective, its users' latest contracts by
/// status as of the date (active, scheduled, expired, cancelled), the current contracts that end
/// within 30 days, and the payments (`PAGO` events) of the last 30 days; the workbook has a
/// column chart of the four status counts.
///
/// Counters per collective are filled during the one scan of users; memory grows with the
/// number of collectives, not users. A user counts in their current collective; a payment in the
/// collective it was paid in.
package final class CollectiveStatusReport: UserScanReport {
    /// Counts of one collective.
    package struct Counts: Equatable {
        package var active = 0, scheduled = 0, expired = 0, cancelled = 0
        package var expiringSoon = 0, recentPayments = 0
    }

    /// The window of "expiring soon" and "recent payments", in days.
    package static let windowDays = ReportCalendar.windowDays
    /// The position of the dealer column.
    package static let dealerColumn = 3

    private let context: ReportContext
    private let collectives: [String: Collective]
    package private(set) var counts: [String: Counts] = [:]

    /// The columns in the context's language.
    package static func columns(_ context: ReportContext) -> [OutputColumn] {
        let headers = context.es
            ? ["Colectivo", "Nombre", "País", "Distribuidor", "Activo", "Activos", "Programados", "Vencidos",
               "Cancelados", "Vencen en 30 días", "Pagos últimos 30 días"]
            : ["Collective", "Name", "Country", "Dealer", "Active", "Active contracts", "Scheduled", "Expired",
               "Cancelled", "Expiring within 30 days", "Payments in the last 30 days"]
        return headers.map { OutputColumn(header: $0) }
    }

    /// Prepares the report; the files are written by ``finish()``.
    package init(context: ReportContext, collectives: [String: Collective]) {
        self.context = context
        self.collectives = collectives
    }

    /// Whether a contract in `status` that ends on `end` counts as "expiring within 30 days" on
    /// `asOf` (the report's column; the portal's dashboard applies it to a seller's users).
    package static func expiresSoon(_ status: ContractStatus, end: CivilDate, asOf: CivilDate) -> Bool {
        status.isCurrent && asOf <= end && end <= asOf.adding(days: windowDays)
    }

    package func add(_ user: User, dealer: String?) throws {
        let asOf = context.asOf
        var c = counts[user.collective] ?? Counts()
        if let contract = user.latestContract {
            let status = contract.status(asOf: asOf)
            switch status {
            case .active: c.active += 1
            case .scheduled: c.scheduled += 1
            case .expired: c.expired += 1
            case .cancelled: c.cancelled += 1
            }
            if Self.expiresSoon(status, end: contract.end, asOf: asOf) { c.expiringSoon += 1 }
        }
        counts[user.collective] = c
        // A payment counts in the collective it was paid in, which a move since does not change.
        let windowStart = asOf.adding(days: -CollectiveStatusReport.windowDays)
        for event in user.history where event.kind == .pago && windowStart < event.date && event.date <= asOf {
            counts[event.collective, default: Counts()].recentPayments += 1
        }
    }

    package func finish() throws {
        let fanOut = try ReportFanOut(context: context, kind: .collectiveStatus,
                                      sheet: context.text("Estado por colectivo", "Status by collective"),
                                      title: context.text("Estado de contratos por colectivo",
                                                          "Contract status by collective"),
                                      columns: CollectiveStatusReport.columns(context),
                                      dealerColumn: CollectiveStatusReport.dealerColumn)
        let vocabulary = context.vocabulary
        // Every collective, also those without users; users of a collective that is not in the store
        // (a hand edit) get a row with only their code.
        for code in Set(collectives.keys).union(counts.keys).sorted() {
            let collective = collectives[code]
            let c = counts[code] ?? Counts()
            let row: [OutputValue] = [
                .text(code), .optional(collective?.name), .optional(collective?.country), .optional(collective?.dealer),
                collective.map { .text(vocabulary.yesNo($0.active)) } ?? .empty,
                .integer(c.active), .integer(c.scheduled), .integer(c.expired), .integer(c.cancelled),
                .integer(c.expiringSoon), .integer(c.recentPayments),
            ]
            try fanOut.append(row, dealer: collective?.dealer)
        }
        try fanOut.addColumnChart(title: context.text("Contratos por estado", "Contracts by status"),
                                  categoriesColumn: 0, valueColumns: [5, 6, 7, 8],
                                  columnCount: CollectiveStatusReport.columns(context).count)
        try fanOut.close()
    }
}
