import Foundation
import DealersDomain
import DealersOutbox
import DealersStore

/// `reports/payments.xlsx` and `.csv`: every ledger entry (applied, reversed, reversal) and
/// every payment or movement that was not applied, with its reason code, for reconciliation.
package struct PaymentsReport {
    package let context: ReportContext

    private var es: Bool { context.es }

    package var columns: [OutputColumn] {
        (es ? ["Estado", "Id", "Fecha", "Documento", "Contrato", "Colectivo", "Distribuidor", "Importe", "Método",
               "Periodo", "Fin antes", "Fin después", "Motivo", "Detalle", "Fichero", "Línea"]
            : ["Status", "Id", "Date", "Document", "Contract", "Collective", "Dealer", "Amount", "Method",
               "Period", "End before", "End after", "Reason", "Detail", "File", "Line"]).map { OutputColumn(header: $0) }
    }

    /// Writes the report; `sellers` says whose client each entry's user is (the seller cuts; an
    /// item that was not applied names no user and goes to no seller).
    package func write(store: any DocumentBackend, sellers: SellerClients = SellerClients()) throws {
        let fanOut = try ReportFanOut(context: context, kind: .payments, sheet: es ? "Cobros" : "Payments",
                                      title: es ? "Cobros, devoluciones y conciliación" : "Payments, reversals and reconciliation",
                                      columns: columns, dealerColumn: 6)
        let vocabulary = context.vocabulary
        try store.forEachDocument(under: "payments") { key, bytes in
            let e = try StoreJSON.decode(LedgerEntry.self, from: bytes, path: store.location(of: key))
            let status = vocabulary.ledgerState(isReversal: e.kind == .devolucion, isReversed: e.reversedBy != nil)
            try fanOut.append([.text(status), .text(e.id), .date(e.date), .text(e.document), .text(e.contract),
                               .text(e.collective), text(e.dealer), .money(e.amount, currency: e.currency), text(e.method.map(vocabulary.method)),
                               .text(vocabulary.period(e.period)), .date(e.endBefore), .date(e.endAfter),
                               text(e.reversedBy ?? e.reverses), text(e.reference), .text(e.sourceFile), .integer(e.sourceLine)],
                              dealer: e.dealer, seller: sellers.seller(of: e.document, dealer: e.dealer))
        }
        try store.forEachDocument(under: "reconciliation") { key, bytes in
            let file = try StoreJSON.decode(ReconciliationFile.self, from: bytes, path: store.location(of: key))
            for item in file.items {
                let row: [OutputValue] = [
                    .text(vocabulary.notApplied), .text(item.id), item.date.map(OutputValue.date) ?? .empty,
                    text(item.reference), .empty, .empty, text(item.dealer),
                    item.amount.map { .money($0, currency: item.currency ?? "") } ?? .empty, .empty, .empty, .empty, .empty,
                    .text(item.reason.rawValue), .text(item.detail), .text(file.input), .integer(item.line),
                ]
                try fanOut.append(row, dealer: item.dealer)
            }
        }
        try fanOut.close()
    }

    private func text(_ value: String?) -> OutputValue { value.map(OutputValue.text) ?? .empty }
}
