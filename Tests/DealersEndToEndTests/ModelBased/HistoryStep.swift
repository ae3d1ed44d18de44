import DealersTestSupport
/// One step of a history: a users file or a payments file dropped into an inbox and a `run`, or
/// a `nightly`, as of a day. Rows are kept as the cells a person would type, so that a step is
/// exactly the file one can drop, and shrinking can drop rows.
struct HistoryStep: Sendable {
    enum Kind: String, Sendable { case users, payments, nightly }

    var kind: Kind
    var asOf: Day
    /// The dealer whose inbox gets the file; `nil`: the operator's (`inbox/`).
    var inbox: String?
    /// The file's name (`usuarios-007.csv`); empty for a nightly.
    var name: String = ""
    /// The data rows, each as its cells in the columns of the kind's header.
    var rows: [[String]] = []

    static let usersHeader = ["Acción", "Colectivo", "Tipo documento", "Nº Documento", "Nombre", "Apellidos", "Email",
                              "Teléfono", "Fecha nacimiento", "Relación", "Documento titular", "Fecha inicio",
                              "Fecha fin", "Fecha baja", "Periodo"]
    static let paymentsHeader = ["Id pago", "Fecha", "Contrato", "Nº Documento", "Importe", "Moneda", "Método", "Periodo",
                                 "Tipo", "Pago original"]

    /// Where the file goes in the workspace.
    var path: String { (inbox.map { "inbox/\($0)/" } ?? "inbox/") + name }

    /// Where its latest receipt is published.
    var receiptPath: String { (inbox.map { "outbox/\($0)/" } ?? "outbox/") + "receipts/\(name).json" }

    /// The file's content: header and rows, `;`-separated, CRLF.
    var text: String {
        let header = kind == .users ? Self.usersHeader : Self.paymentsHeader
        return ([header] + rows).map { $0.joined(separator: ";") + "\r\n" }.joined()
    }

    /// The command line of the step.
    var command: String { "dealers \(kind == .nightly ? "nightly" : "run") --as-of \(asOf.iso)" }

    /// The step as one can replay it by hand: the file (path and content), then the command.
    var script: String {
        guard kind != .nightly else { return command }
        return "\(path):\n" + text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
            .map { "    " + $0 }.joined(separator: "\n") + "\n" + command
    }
}

/// A users-file row by column, and back (docs/layouts.md, `layouts/users.json`).
struct UsersRow: Sendable {
    var action = "", collective = "", document = "", firstName = "", lastName = "", relationship = ""
    var holder = "", start = "", end = "", baja = "", period = ""

    var cells: [String] {
        [action, collective, document.isEmpty ? "" : "DNI", document, firstName, lastName, "", "", "", relationship,
         holder, start, end, baja, period]
    }

    init(action: String, document: String) {
        self.action = action
        self.document = document
    }

    init(cells: [String]) {
        func cell(_ i: Int) -> String { i < cells.count ? cells[i] : "" }
        action = cell(0); collective = cell(1); document = cell(3); firstName = cell(4); lastName = cell(5)
        relationship = cell(9); holder = cell(10); start = cell(11); end = cell(12); baja = cell(13); period = cell(14)
    }
}

/// A payments-file row by column, and back (`layouts/payments.json`).
struct PaymentsRow: Sendable {
    var id = "", date = "", contract = "", document = "", amount = "", period = "", type = "", original = ""

    var cells: [String] { [id, date, contract, document, amount, "EUR", "tarjeta", period, type, original] }

    init(id: String, date: Day, amount: String) {
        self.id = id
        self.date = date.spanish
        self.amount = amount
    }

    init(cells: [String]) {
        func cell(_ i: Int) -> String { i < cells.count ? cells[i] : "" }
        id = cell(0); date = cell(1); contract = cell(2); document = cell(3); amount = cell(4); period = cell(7)
        type = cell(8); original = cell(9)
    }
}

/// Amounts as the files write them: `9,90`, `1.250,00`.
enum Amount {
    static func text(_ cents: Int) -> String {
        let units = cents / 100, rest = cents % 100
        var digits = String(units), grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return digits + grouped + "," + (rest < 10 ? "0\(rest)" : "\(rest)")
    }

    static func cents(_ text: String) -> Int? {
        let parts = text.replacingOccurrences(of: ".", with: "").split(separator: ",", omittingEmptySubsequences: false)
        guard let units = parts.first.flatMap({ Int($0) }) else { return nil }
        guard parts.count == 2 else { return parts.count == 1 ? units * 100 : nil }
        guard parts[1].count == 2, let rest = Int(parts[1]) else { return nil }
        return units * 100 + rest
    }
}
