import Foundation

/// `reports/users.xlsx` and `reports/users.csv`: each user and their current (or latest)
/// contract as of the run's date.
struct UsersReport {
    let workspace: Workspace
    let asOf: CivilDate

    private var es: Bool { workspace.settings.language == .es }

    var columns: [OutputColumn] {
        let headers = es
            ? ["Documento", "Tipo", "Nombre", "Apellidos", "Email", "Teléfono", "Colectivo", "Distribuidor",
               "Relación", "Titular", "Contrato", "Inicio", "Fin", "Estado"]
            : ["Document", "Type", "First name", "Last name", "E-mail", "Phone", "Collective", "Dealer",
               "Relationship", "Holder", "Contract", "Start", "End", "Status"]
        return headers.map { OutputColumn(header: $0) }
    }

    func write(store: DocumentStore, collectives: [String: Collective]) throws {
        let subtitle = (es ? "Fecha de referencia: " : "As of: ") + asOf.description
        let fanOut = try ReportFanOut(workspace: workspace, name: "users", sheet: es ? "Usuarios" : "Users",
                                      title: es ? "Usuarios y contrato actual" : "Users and their current contract",
                                      subtitle: subtitle, columns: columns, dealerColumn: 7)
        for key in try store.keys(under: "users") {
            guard let user = try store.readJSON(User.self, key) else { continue }
            let dealer = collectives[user.collective]?.dealer
            let contract = user.latestContract
            let row: [OutputValue] = [
                .text(user.document), text(user.documentType), .text(user.firstName), .text(user.lastName),
                text(user.email), text(user.phone), .text(user.collective), text(dealer),
                .text(user.relationship.rawValue), text(user.holder), text(contract?.number),
                contract.map { .date($0.start) } ?? .empty, contract.map { .date($0.end) } ?? .empty,
                text(contract?.status(asOf: asOf).rawValue),
            ]
            try fanOut.append(row, dealer: dealer)
        }
        try fanOut.close()
    }

    private func text(_ value: String?) -> OutputValue {
        value.map(OutputValue.text) ?? .empty
    }
}
