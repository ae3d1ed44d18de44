import Foundation
import DealersModel
import DealersReading
import DealersSupport

/// Turns the records of an AEB Norma 43 (Cuaderno 43) file, read with a fixed-width layout whose
/// record types are 11 (account header), 22 (movement), 23 (concepts), 24 (currency
/// equivalence), 33 (account totals) and 88 (end of file), into movements.
///
/// Records are fed one at a time; a movement is handed on when the record after its last 23
/// arrives. Each account's 33 totals (number and sum of debits and of credits) are checked
/// against its movements, and the 88 record count against the records read: a mismatch throws a
/// ``StatementRejection``. A statement without 33 or 88 is rejected too, unless `lenient`, in
/// which case ``warnings`` says what was missing.
package struct Norma43Statement {
    /// Field name → cell position for each record type, from the layout.
    package let fields: [String: [String: Int]]
    package let lenient: Bool
    package let emit: (BankMovement) throws -> Void

    private var account: (id: String, currency: String, line: Int)?
    private var pending: (movement: BankMovement, key: String)?
    private var totals = Totals()
    private var records = 0
    private var sawEnd = false
    private var occurrences: [String: Int] = [:]
    /// What a lenient statement lacked.
    package private(set) var warnings: [StatementRejection] = []

    package struct Totals: Equatable {
        package var debitCount = 0, debitCents: Int64 = 0, creditCount = 0, creditCents: Int64 = 0
        package var description: String {
            "\(debitCount) cargos \(Norma43Statement.format(debitCents, ",")), \(creditCount) abonos \(Norma43Statement.format(creditCents, ","))"
        }
        package var english: String {
            "\(debitCount) debits \(Norma43Statement.format(debitCents)), \(creditCount) credits \(Norma43Statement.format(creditCents))"
        }
    }

    package init(fields: [String: [String: Int]], lenient: Bool, emit: @escaping (BankMovement) throws -> Void) {
        self.fields = fields
        self.lenient = lenient
        self.emit = emit
    }

    /// Feeds one record.
    package mutating func feed(_ record: SourceRecord) throws {
        let type = record.recordType ?? ""
        func value(_ name: String) -> String {
            guard let i = fields[type]?[name], record.cells.indices.contains(i) else { return "" }
            return record.cells[i].text.trimmingCharacters(in: .whitespaces)
        }
        if sawEnd { throw reject(.statementIncomplete, record.line, "registro \(type) después del 88", "record \(type) after the 88") }
        if type != "88" { records += 1 }
        switch type {
        case "11":
            try closeAccount(at: record.line, found33: false)
            let id = value("bank") + value("branch") + value("account")
            account = (id, Norma43Statement.currency(value("currency")), record.line)
            totals = Totals()
        case "22":
            try flush()
            guard let account else { throw reject(.statementIncomplete, record.line, "movimiento 22 sin registro 11 de cuenta", "movement 22 without an account record 11") }
            guard let cents = Int64(value("amount")), let date = Norma43Statement.date(value("operationDate")) else {
                throw reject(.malformedFile, record.line, "importe o fecha no válidos en el registro 22", "invalid amount or date in record 22")
            }
            let isCredit = value("debitCredit") == "2"
            if isCredit { totals.creditCount += 1; totals.creditCents += cents } else { totals.debitCount += 1; totals.debitCents += cents }
            let text = [value("documentNumber"), value("reference1"), value("reference2")]
                .filter { !$0.isEmpty && !$0.allSatisfy { $0 == "0" } }.joined(separator: " ")
            let key = [account.id, value("operationDate"), value("valueDate"), value("debitCredit"), String(cents),
                       value("commonConcept"), value("ownConcept"), text].joined(separator: "|")
            let movement = BankMovement(id: "", account: account.id, date: date, amount: Decimal(cents) / 100,
                                        currency: account.currency, isCredit: isCredit, text: text, line: record.line)
            pending = (movement, key)
        case "23":
            guard pending != nil else { throw reject(.statementIncomplete, record.line, "registro 23 sin movimiento 22", "record 23 without a movement 22") }
            let more = [value("concept1"), value("concept2")].filter { !$0.isEmpty }.joined(separator: " ")
            pending?.movement.text += " " + more
            pending?.key += "|" + more
        case "24":
            break
        case "33":
            try flush()
            let expected = Totals(debitCount: Int(value("debitCount")) ?? -1, debitCents: Int64(value("debitTotal")) ?? -1,
                                  creditCount: Int(value("creditCount")) ?? -1, creditCents: Int64(value("creditTotal")) ?? -1)
            guard account != nil else { throw reject(.statementIncomplete, record.line, "registro 33 sin registro 11", "record 33 without a record 11") }
            if expected != totals {
                throw StatementRejection(code: .statementTotalsMismatch, line: record.line, detail: LocalizedText(
                    es: "cuenta \(account?.id ?? ""): el registro 33 dice \(expected.description); los movimientos suman \(totals.description)",
                    en: "account \(account?.id ?? ""): record 33 says \(expected.english); the movements add up to \(totals.english)"))
            }
            account = nil
        case "88":
            try closeAccount(at: record.line, found33: false)
            let declared = Int(value("recordCount")) ?? -1
            if declared != records {
                throw StatementRejection(code: .statementTotalsMismatch, line: record.line, detail: LocalizedText(
                    es: "el registro 88 declara \(declared) registros y hay \(records)",
                    en: "record 88 declares \(declared) records and there are \(records)"))
            }
            sawEnd = true
        default:
            throw reject(.malformedFile, record.line, "tipo de registro «\(type)» desconocido", "unknown record type \"\(type)\"")
        }
    }

    /// Called at the end of the file: hands on the last movement and checks 33 and 88 were seen.
    package mutating func finish(lastLine: Int) throws {
        try closeAccount(at: lastLine, found33: false)
        if !sawEnd {
            try missing(StatementRejection(code: .statementIncomplete, line: lastLine, detail: LocalizedText(
                es: "falta el registro 88 de fin de fichero", en: "the end-of-file record 88 is missing")))
        }
    }

    private mutating func closeAccount(at line: Int, found33: Bool) throws {
        try flush()
        guard let open = account else { return }
        account = nil
        try missing(StatementRejection(code: .statementIncomplete, line: line, detail: LocalizedText(
            es: "falta el registro 33 de totales de la cuenta \(open.id) (abierta en la línea \(open.line))",
            en: "the totals record 33 of account \(open.id) (opened on line \(open.line)) is missing")))
    }

    private mutating func missing(_ rejection: StatementRejection) throws {
        guard lenient else { throw rejection }
        warnings.append(rejection)
    }

    /// Hands on the pending movement with its stable id.
    private mutating func flush() throws {
        guard var (movement, key) = pending else { return }
        pending = nil
        // Identical movements in one statement (same day, amount and texts) are told apart by
        // their order, which two overlapping statements share.
        let n = occurrences[key, default: 0]
        occurrences[key] = n + 1
        key += "|#\(n)"
        movement.id = "N43-" + Checksum.sha256(text: key).prefix(20).uppercased()
        try emit(movement)
    }

    private func reject(_ code: ErrorCode, _ line: Int, _ es: String, _ en: String) -> StatementRejection {
        StatementRejection(code: code, line: line, detail: LocalizedText(es: es, en: en))
    }

    /// `YYMMDD` → a date (years 00–79 are 2000–2079, 80–99 are 1980–1999).
    package static func date(_ text: String) -> CivilDate? {
        guard text.count == 6, let n = Int(text) else { return nil }
        let yy = n / 10000
        return CivilDate(year: yy < 80 ? 2000 + yy : 1900 + yy, month: n / 100 % 100, day: n % 100)
    }

    /// ISO 4217 numeric → alphabetic for the currencies Spanish banks report.
    package static func currency(_ numeric: String) -> String {
        let table = ["978": "EUR", "840": "USD", "826": "GBP", "756": "CHF", "392": "JPY", "752": "SEK",
                     "578": "NOK", "208": "DKK", "985": "PLN", "124": "CAD", "484": "MXN", "937": "VES", "928": "VES"]
        return table[numeric] ?? numeric
    }

    /// Cents as an amount with two decimals (`4936` → `49,36` or `49.36`).
    package static func format(_ cents: Int64, _ separator: Character = ".") -> String {
        let magnitude = cents.magnitude
        let fraction = String(magnitude % 100)
        return (cents < 0 ? "-" : "") + String(magnitude / 100) + String(separator) + (fraction.count == 1 ? "0" + fraction : fraction)
    }
}
