import Foundation
import DealersDomain
import DealersModel
import DealersOutbox

/// `reports/users.xlsx` and `reports/users.csv`: each user and their current (or latest)
/// contract as of the run's date.
package final class UsersReport: UserScanReport {
    private let context: ReportContext
    private let fanOut: ReportFanOut
    private let vocabulary: ReportVocabulary

    /// The position of the dealer column.
    package static let dealerColumn = 7
    /// The positions of the collective, end and status columns (in the operator's rows).
    package static let collectiveColumn = 6, endColumn = 13, statusColumn = 14

    /// The columns in the context's language.
    package static func columns(_ context: ReportContext) -> [OutputColumn] {
        let headers = context.es
            ? ["Documento", "Tipo", "Nombre", "Apellidos", "Email", "Teléfono", "Colectivo", "Distribuidor",
               "Relación", "Titular", "Vendedor", "Contrato", "Inicio", "Fin", "Estado"]
            : ["Document", "Type", "First name", "Last name", "E-mail", "Phone", "Collective", "Dealer",
               "Relationship", "Holder", "Seller", "Contract", "Start", "End", "Status"]
        return headers.map { OutputColumn(header: $0) }
    }

    /// Opens the report's files (published by ``finish()``).
    package init(context: ReportContext) throws {
        self.context = context
        vocabulary = context.vocabulary
        fanOut = try ReportFanOut(context: context, kind: .users, sheet: context.text("Usuarios", "Users"),
                                  title: context.text("Usuarios y contrato actual", "Users and their current contract"),
                                  columns: UsersReport.columns(context), dealerColumn: UsersReport.dealerColumn,
                                  concurrent: true)
    }

    package func add(_ user: User, dealer: String?) throws {
        let contract = user.latestContract
        let row: [OutputValue] = [
            .text(user.document), .optional(user.documentType), .text(user.firstName), .text(user.lastName),
            .optional(user.email), .optional(user.phone), .text(user.collective), .optional(dealer),
            .text(user.relationship.rawValue), .optional(user.holder), .optional(user.seller), .optional(contract?.number),
            .optional(contract?.start), .optional(contract?.end),
            .optional(contract.map { vocabulary.status($0.status(asOf: context.asOf)) }),
        ]
        try fanOut.append(row, dealer: dealer, seller: user.seller)
    }

    package func finish() throws { try fanOut.close() }
}

extension OutputValue {
    /// Text, or an empty cell for `nil`.
    package static func optional(_ text: String?) -> OutputValue { text.map(OutputValue.text) ?? .empty }
    /// A date cell, or an empty cell for `nil`.
    package static func optional(_ date: CivilDate?) -> OutputValue { date.map(OutputValue.date) ?? .empty }
    /// An integer cell, or an empty cell for `nil`.
    package static func optional(_ number: Int?) -> OutputValue { number.map(OutputValue.integer) ?? .empty }
}
