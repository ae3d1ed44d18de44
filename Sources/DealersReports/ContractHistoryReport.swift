import Foundation
import DealersDomain
import DealersOutbox

/// `reports/contract-history.xlsx` and `.csv` (histórico de contratos): every contract-history
/// event from the beginning up to the as-of date, in chronological order (date, then document,
/// then the order of the user's own history).
///
/// The scan of the store yields events user by user, so they are collected in a
/// ``HistoryRowSorter`` (an external merge sort: sorted runs of 100,000 rows spilled to
/// temporary files, then a k-way merge) and written when the scan ends: memory stays bounded
/// whatever the size of the store. An event's dealer is the dealer of the event's collective.
package final class ContractHistoryReport: UserScanReport {
    private let context: ReportContext
    private let collectives: [String: Collective]
    private let sorter: HistoryRowSorter

    /// The position of the dealer column.
    package static let dealerColumn = 4

    /// The columns in the context's language.
    package static func columns(_ context: ReportContext) -> [OutputColumn] {
        let headers = context.es
            ? ["Fecha", "Documento", "Nombre", "Colectivo", "Distribuidor", "Evento", "Contrato", "Fin anterior",
               "Fin nuevo", "Fichero", "Línea", "Nota"]
            : ["Date", "Document", "Name", "Collective", "Dealer", "Event", "Contract", "Previous end",
               "New end", "File", "Line", "Note"]
        return headers.map { OutputColumn(header: $0) }
    }

    /// Prepares the report; the files are written by ``finish()``.
    package init(context: ReportContext, collectives: [String: Collective], runLength: Int = 100_000) {
        self.context = context
        self.collectives = collectives
        sorter = HistoryRowSorter(runLength: runLength)
    }

    package func add(_ user: User, dealer: String?) throws {
        let name = [user.firstName, user.lastName].filter { !$0.isEmpty }.joined(separator: " ")
        for (index, event) in user.history.enumerated() where event.date <= context.asOf {
            // An event recorded in advance (a scheduled ALTA, a BAJA dated later) belongs to the
            // collective of its date: the user may have moved since it was recorded
            // (docs/rules-over-time.md, "Moves, dealers and dates").
            let inAdvance = event.recordedOn.map { $0 < event.date } ?? false
            let collective = inAdvance ? user.collective(on: event.date) : event.collective
            let eventDealer = collectives[collective]?.dealer
            // A seller sees the whole history of their clients, but not what another dealer did.
            try sorter.add(HistoryRow(
                date: event.date, document: event.document, index: index, name: name, collective: collective,
                dealer: eventDealer, kind: event.kind, contract: event.contract,
                endBefore: event.endBefore, endAfter: event.endAfter, sourceFile: event.sourceFile,
                sourceLine: event.sourceLine, note: event.note, seller: eventDealer == dealer ? user.seller : nil))
        }
    }

    package func finish() throws {
        let fanOut = try ReportFanOut(context: context, kind: .contractHistory,
                                      sheet: context.text("Histórico", "Contract history"),
                                      title: context.text("Histórico de contratos", "Contract history"),
                                      columns: ContractHistoryReport.columns(context),
                                      dealerColumn: ContractHistoryReport.dealerColumn, concurrent: true)
        let vocabulary = context.vocabulary
        try sorter.drain { row in
            try fanOut.append(ContractHistoryReport.values(row, vocabulary: vocabulary), dealer: row.dealer, seller: row.seller)
        }
        try fanOut.close()
    }

    /// The cells of a row, in the order of ``columns(_:)``.
    package static func values(_ row: HistoryRow, vocabulary: ReportVocabulary) -> [OutputValue] {
        [
            .date(row.date), .text(row.document), .text(row.name), .text(row.collective), .optional(row.dealer),
            .text(vocabulary.event(row.kind)), .optional(row.contract), .optional(row.endBefore), .optional(row.endAfter),
            .text(row.sourceFile), .optional(row.sourceLine), .optional(vocabulary.note(row.note)),
        ]
    }
}
