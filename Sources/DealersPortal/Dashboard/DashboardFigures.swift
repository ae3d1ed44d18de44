import DealersCore
import Foundation

/// What the dashboard shows (and `GET /api/dashboard` answers), for one scope: per collective,
/// users by status and the contracts that end within 30 days; the payments of the month; the
/// last files processed and their outcome.
///
/// The figures are read from the reports themselves, never computed a second time: per
/// collective from `collective-status.csv` (a seller, who gets no such report, from their cut
/// of `users.csv`, with the report's own "expiring" rule), the payments from `payments.csv`.
/// So they are the reports' numbers as of the reports' last writing (`reportsWritten`), and a request
/// costs reading those files (cached by ``DashboardCache`` until a file changes), not a scan of
/// the store. Workspaces that write only XLSX reports get no figures (docs/portal.md, "The dashboard").
struct DashboardFigures: Encodable, Sendable, Equatable {
    /// One collective's users by their latest contract's status, and its current contracts ending within 30 days.
    struct Collective: Encodable, Sendable, Equatable {
        var code: String
        var name: String
        var active = 0
        var scheduled = 0
        var expired = 0
        var cancelled = 0
        var expiring30 = 0
    }

    /// The payments dated in the month of `asOf` (`payments.csv`): applied (and still so),
    /// unmatched (kept for reconciliation, not applied) and reversed (applied, then reversed).
    struct Payments: Encodable, Sendable, Equatable {
        var month: String
        var applied = 0
        var unmatched = 0
        var reversed = 0
    }

    /// One of the last processings.
    struct LastFile: Encodable, Sendable, Equatable {
        var date: String?
        var name: String
        var input: String?
        var status: String?
        var startedAt: String?
        var read: Int?
        var applied: Int?
        var rejected: Int?
        /// The receipt (JSON), for the visitor's own folders.
        var href: String
    }

    /// Today in the workspace's time zone (`YYYY-MM-DD`): the month of `payments`.
    var asOf: String
    /// When the reports the figures come from were written (ISO 8601); `nil` before the first reports.
    var reportsWritten: String?
    var collectives: [Collective] = []
    /// `nil` when the role does not get the payments report (a technician) or it is not written yet.
    var payments: Payments?
    var lastFiles: [LastFile] = []

    /// How many processings `lastFiles` holds at most.
    static let lastFileCount = 8
}

extension DashboardFigures {
    /// The figures of a scope's reports folder (the last files are added by the caller).
    /// - Parameters:
    ///   - operator: whether the folder is the operator's (its reports have a dealer column).
    ///   - seller: whether the folder is a seller's cut (no `collective-status` report there).
    ///   - asOf: today, in the workspace's time zone.
    static func read(reports: ReadableFolder, operator: Bool, seller: Bool, settings: Settings, asOf: CivilDate) -> DashboardFigures {
        var figures = DashboardFigures(asOf: asOf.description)
        let vocabulary = ReportVocabulary(language: settings.language, paymentMethods: settings.paymentMethods)
        let source = seller ? "users.csv" : "collective-status.csv"
        guard let written = reports.entry(named: source) else { return figures }
        figures.reportsWritten = ISO8601DateFormatter().string(from: written.modified)
        if seller {
            figures.collectives = sellerCollectives(reports: reports, settings: settings, vocabulary: vocabulary, asOf: asOf)
        } else {
            figures.collectives = collectives(reports: reports, settings: settings, dealerColumn: `operator`)
        }
        figures.payments = payments(reports: reports, settings: settings, vocabulary: vocabulary, month: asOf)
        return figures
    }

    /// The rows of `collective-status.csv`: the operator's with a dealer column, a dealer's without.
    private static func collectives(reports: ReadableFolder, settings: Settings, dealerColumn: Bool) -> [Collective] {
        let rows = ReportCSV.rows("collective-status.csv", in: reports, dialect: settings.csvDialect) ?? []
        return rows.compactMap { cells in
            // Columns as the operator's report has them; a dealer's copy leaves the dealer column out.
            func count(_ column: Int) -> Int {
                let at = !dealerColumn && column > CollectiveStatusReport.dealerColumn ? column - 1 : column
                return cells.indices.contains(at) ? Int(cells[at]) ?? 0 : 0
            }
            guard let code = cells.first, !code.isEmpty else { return nil }
            return Collective(code: code, name: cells.count > 1 ? cells[1] : "", active: count(5), scheduled: count(6),
                              expired: count(7), cancelled: count(8), expiring30: count(9))
        }
    }
}

extension DashboardFigures {
    /// A seller's collectives, from their cut of `users.csv` (no dealer column): each user counts
    /// in their collective by the report's `Estado`, and in `expiring30` by the collective-status
    /// report's own rule (``CollectiveStatusReport/expiresSoon(_:end:asOf:)``).
    private static func sellerCollectives(reports: ReadableFolder, settings: Settings, vocabulary: ReportVocabulary,
                                          asOf: CivilDate) -> [Collective] {
        let rows = ReportCSV.rows("users.csv", in: reports, dialect: settings.csvDialect) ?? []
        let statuses = Dictionary(uniqueKeysWithValues: ContractStatus.allCases.map { (vocabulary.status($0), $0) })
        let dates = DatePattern("%d/%m/%Y")
        // The users report's columns, less the dealer column a seller's cut leaves out.
        let collective = UsersReport.collectiveColumn, end = UsersReport.endColumn - 1, status = UsersReport.statusColumn - 1
        var byCode: [String: Collective] = [:]
        for cells in rows where cells.count > status {
            let code = cells[collective]
            var c = byCode[code] ?? Collective(code: code, name: "")
            guard let state = statuses[cells[status]] else { continue }
            switch state {
            case .active: c.active += 1
            case .scheduled: c.scheduled += 1
            case .expired: c.expired += 1
            case .cancelled: c.cancelled += 1
            }
            if let date = dates?.parse(cells[end]), CollectiveStatusReport.expiresSoon(state, end: date, asOf: asOf) {
                c.expiring30 += 1
            }
            byCode[code] = c
        }
        return byCode.keys.sorted().compactMap { byCode[$0] }
    }

    /// The entries of `payments.csv` dated in `month`'s month, by the report's `Estado`.
    private static func payments(reports: ReadableFolder, settings: Settings, vocabulary: ReportVocabulary,
                                 month: CivilDate) -> Payments? {
        guard let rows = ReportCSV.rows("payments.csv", in: reports, dialect: settings.csvDialect) else { return nil }
        let dates = DatePattern("%d/%m/%Y")
        let applied = vocabulary.ledgerState(isReversal: false, isReversed: false)
        let reversed = vocabulary.ledgerState(isReversal: false, isReversed: true)
        var payments = Payments(month: String(month.description.prefix(7)))
        // The report's columns: `Estado` first, `Fecha` third (before the dealer column).
        for cells in rows where cells.count > 2 {
            guard let date = dates?.parse(cells[2]), date.year == month.year, date.month == month.month else { continue }
            switch cells[0] {
            case applied: payments.applied += 1
            case reversed: payments.reversed += 1
            case vocabulary.notApplied: payments.unmatched += 1
            default: break
            }
        }
        return payments
    }
}
