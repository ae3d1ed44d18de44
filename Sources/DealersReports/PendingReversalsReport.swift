import Foundation
import DealersDomain
import DealersDomainStore
import DealersOutbox
import DealersStore

/// `outbox/reports/pending-reversals.xlsx` and `.csv`, for the operator only: every DEVOLUCIÓN
/// row of a dealer's file that was answered `REVERSAL_NEEDS_MASTER` and whose reversal id is not
/// in the ledger yet — what a master may approve (the portal's `/reversals/`). Once the approved
/// reversal is applied (its id is in the ledger) the row leaves the report.
package struct PendingReversalsReport {
    package let context: ReportContext

    private var es: Bool { context.es }

    /// The columns; the portal's approval reads them by position (``Column``).
    package var columns: [OutputColumn] {
        (es ? ["Distribuidor", "Fichero", "Línea", "Enviado por", "Id devolución", "Pago original", "Importe", "Moneda", "Fecha"]
            : ["Dealer", "File", "Line", "Uploaded by", "Reversal id", "Original payment id", "Amount", "Currency", "Date"])
            .map { OutputColumn(header: $0) }
    }

    /// Writes the report from the store's `reconciliation/` documents.
    /// - Throws: ``DealersError`` when a file cannot be written or a document cannot be read.
    package func write(store: any DocumentBackend) throws {
        let fanOut = try ReportFanOut(context: context, kind: .pendingReversals, sheet: es ? "Devoluciones" : "Reversals",
                                      title: es ? "Devoluciones pendientes de aprobación" : "Reversals waiting for approval",
                                      columns: columns, dealerColumn: 0)
        var rows: [(file: String, uploadedBy: String?, item: ReconciliationItem)] = []
        try store.forEachDocument(under: "reconciliation") { key, bytes in
            let file = try StoreJSON.decode(ReconciliationFile.self, from: bytes, path: store.location(of: key))
            for item in file.items where item.reason == .reversalNeedsMaster { rows.append((file.input, file.uploadedBy, item)) }
        }
        var seen = Set<String>()
        for (file, uploadedBy, item) in rows.sorted(by: { ($0.item.dealer ?? "", $0.file, $0.item.line) < ($1.item.dealer ?? "", $1.file, $1.item.line) }) {
            guard seen.insert(item.id).inserted, try !store.contains(StoreLayout.payment(item.id)) else { continue }
            try fanOut.append([
                text(item.dealer), .text(file), .integer(item.line), text(uploadedBy), .text(item.id), text(item.originalId),
                item.amount.map { .money($0, currency: item.currency ?? "") } ?? .empty, text(item.currency), item.date.map(OutputValue.date) ?? .empty,
            ], dealer: nil)
        }
        try fanOut.close()
    }

    private func text(_ value: String?) -> OutputValue { value.map(OutputValue.text) ?? .empty }
}
