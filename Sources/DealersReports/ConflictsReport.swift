import Foundation
import DealersDomainStore
import DealersOutbox
import DealersStore

/// `outbox/reports/conflicts.xlsx` and `.csv`, for the operator only: every row of a dealer's
/// file that referred to another dealer's data (a user, holder, collective, contract or
/// payment), with who sent it, where, what the dealer was answered, and whose the data is. Never
/// written into a dealer's outbox (docs/reliability.md, "Isolation between dealers").
package struct ConflictsReport {
    package let context: ReportContext

    private var es: Bool { context.es }

    package var columns: [OutputColumn] {
        (es ? ["Fecha de referencia", "Distribuidor", "Fichero", "Línea", "Campo", "Valor", "Respuesta", "Referencia a",
               "Propietario", "Colectivo del propietario", "Documento", "Colectivo de la fila"]
            : ["As of", "Dealer", "File", "Line", "Field", "Value", "Answer", "Refers to",
               "Owner", "Owner's collective", "Document", "Row's collective"]).map { OutputColumn(header: $0) }
    }

    /// Writes the report from the store's `conflicts/` documents, file by file, line by line.
    /// - Throws: ``DealersError`` when a file cannot be written or a document cannot be read.
    package func write(store: any DocumentBackend) throws {
        let fanOut = try ReportFanOut(context: context, kind: .conflicts, sheet: es ? "Conflictos" : "Conflicts",
                                      title: es ? "Referencias a datos de otro distribuidor" : "References to another dealer's data",
                                      columns: columns, dealerColumn: 1)
        let vocabulary = context.vocabulary
        try store.forEachDocument(under: "conflicts") { key, bytes in
            let file = try StoreJSON.decode(ConflictFile.self, from: bytes, path: store.location(of: key))
            for item in file.items.sorted(by: { $0.line < $1.line }) {
                let c = item.conflict
                try fanOut.append([
                    .date(file.asOf), .text(file.dealer), .text(file.input), .integer(item.line), .text(item.field),
                    .text(item.value), .text(item.answered.rawValue), .text(vocabulary.reference(c.kind)), .text(c.owner ?? vocabulary.operatorName),
                    text(c.ownerCollective), text(c.document), text(item.rowCollective),
                ], dealer: nil)
            }
        }
        try fanOut.close()
    }

    private func text(_ value: String?) -> OutputValue { value.map(OutputValue.text) ?? .empty }
}
