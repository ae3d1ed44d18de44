import Foundation
import DealersDomain
import DealersOutbox
import DealersSEPA
import DealersStore

/// `reports/collections.xlsx` and `.csv` (operator, and per dealer): every SEPA direct debit
/// (docs/sepa.md) with its state — PENDING, SETTLED (applied, or refused with the code) or
/// RETURNED with the bank's reason — its period, sequence type, mandate and file. Written only
/// in workspaces that declare a creditor (`sepa` in dealers.json).
package struct CollectionsReport {
    package let context: ReportContext

    private var es: Bool { context.es }

    package var columns: [OutputColumn] {
        (es ? ["Estado", "Id", "Fecha de cargo", "Documento", "Pagador", "Contrato", "Colectivo", "Distribuidor", "Importe",
               "Periodo", "Desde", "Hasta", "Secuencia", "Mandato", "Motivo", "Detalle", "Fecha devolución", "Fichero"]
            : ["Status", "Id", "Due date", "Document", "Payer", "Contract", "Collective", "Dealer", "Amount",
               "Period", "From", "To", "Sequence", "Mandate", "Reason", "Detail", "Returned on", "File"]).map { OutputColumn(header: $0) }
    }

    /// Whether the workspace collects at all.
    package var isWanted: Bool {
        let sepa = context.workspace.settings.sepa
        return !sepa.creditors.isEmpty || sepa.operatorCreditor != nil
    }

    package func write(store: any DocumentBackend) throws {
        guard isWanted else { return }
        let fanOut = try ReportFanOut(context: context, kind: .collections, sheet: es ? "Adeudos" : "Collections",
                                      title: es ? "Adeudos directos SEPA" : "SEPA direct debits",
                                      columns: columns, dealerColumn: 7)
        let vocabulary = context.vocabulary
        try store.forEachDocument(under: "collections") { key, bytes in
            let c = try StoreJSON.decode(SEPACollection.self, from: bytes, path: store.location(of: key))
            try fanOut.append([.text(status(c)), .text(c.id), .date(c.dueDate), .text(c.document), .text(c.payer),
                               .text(c.contract), .text(c.collective), text(c.dealer), .money(c.amount, currency: c.currency),
                               .text(vocabulary.period(c.period)), .date(c.periodFrom), .date(c.periodTo),
                               .text(c.sequence.rawValue), .text(c.mandateReference), text(c.returnCode ?? c.refusal),
                               text(c.returnReason), c.returnedOn.map(OutputValue.date) ?? .empty, .text(c.file)],
                              dealer: c.dealer)
        }
        try fanOut.close()
    }

    private func status(_ c: SEPACollection) -> String {
        switch c.status {
        case .pending: return es ? "PENDIENTE" : "PENDING"
        case .settled: return c.refusal == nil ? (es ? "COBRADO" : "SETTLED") : (es ? "NO APLICADO" : "NOT APPLIED")
        case .returned: return es ? "DEVUELTO" : "RETURNED"
        }
    }

    private func text(_ value: String?) -> OutputValue { value.map(OutputValue.text) ?? .empty }
}
