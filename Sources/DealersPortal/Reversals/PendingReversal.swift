import DealersCore
import Foundation

/// One row of the operator's `pending-reversals` report (`outbox/reports/pending-reversals.csv`,
/// written by the reports): a reversal a dealer sent that waits for a master's approval.
struct PendingReversal: Sendable, Equatable {
    var dealer: String
    var file: String
    var line: String
    var uploadedBy: String
    var id: String
    var originalId: String
    var amount: String
    var currency: String
    var date: String

    /// The report's CSV file name.
    static let reportFile = "pending-reversals.csv"

    /// The rows of the report in the operator's `reports/` (none when it is not there). Cells are
    /// read by position, in the order ``DealersReports``' `PendingReversalsReport` writes them.
    static func all(in reports: ReadableFolder, dialect: CSVDialect) -> [PendingReversal] {
        (ReportCSV.rows(reportFile, in: reports, dialect: dialect) ?? []).compactMap { cells in
            guard cells.count >= 9, !cells[4].isEmpty else { return nil }
            return PendingReversal(dealer: cells[0], file: cells[1], line: cells[2], uploadedBy: cells[3], id: cells[4],
                                   originalId: cells[5], amount: cells[6], currency: cells[7], date: cells[8])
        }
    }

    /// The operator's file that applies this reversal once approved: a payments file
    /// (`pagos-aprobados-<id>.csv`, the payments layout's own columns) with this one row.
    /// - Parameter dialect: the outbox's CSV dialect the report was written in (its decimal separator).
    func approvalFile(dialect: CSVDialect) -> (name: String, data: Data) {
        let safeID = String(id.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
        // The payments layout reads `,` as the decimal separator and `.` as grouping.
        let amount = dialect.decimalSeparator == "." ? amount.replacingOccurrences(of: ".", with: ",") : amount
        let cells = [id, date, "", "", amount, currency, "", "", "DEVOLUCION", originalId]
        let text = "Id pago;Fecha;Contrato;Nº Documento;Importe;Moneda;Método;Periodo;Tipo;Pago original\r\n"
            + DelimitedRecord.line(cells, delimiter: UInt8(ascii: ";"), lineEnd: "\r\n")
        return ("pagos-aprobados-\(safeID).csv", Data(text.utf8))
    }
}
