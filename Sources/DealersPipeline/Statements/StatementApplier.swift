import Foundation
import DealersDomain
import DealersDomainStore
import DealersLayouts
import DealersModel
import DealersOutbox
import DealersReading
import DealersSupport
import DealersWorkspace

/// Applies a bank statement (Norma 43 or camt.053/054): each credit movement whose texts name a
/// contract or a user becomes a payment with the movement's stable id; every other movement
/// (unmatched credits, refused payments, debits) goes to reconciliation and to the error file.
/// A statement whose totals do not match, or that lacks required records, applies nothing.
package struct StatementApplier {
    package let layout: Layout
    package let state: StoreDomainState
    /// The run, the dealer and the file.
    package let scope: FileScope

    /// The catalogue code statement payments are recorded with.
    package var method: String? {
        PaymentMethod.find("TRANSFER", in: scope.settings.paymentMethods)?.code
    }

    package func run(file: URL, outputs: ErrorOutputs) throws -> RowApplier.Outcome {
        var outcome = RowApplier.Outcome()
        // A statement's warnings come at its end: its errors are put in line order (statements are small).
        outputs.holdForOrdering()
        do {
            switch layout.format {
            case .camt:
                try CamtReader(url: file).entries { entry in
                    try handle(try movement(entry), outcome: &outcome, outputs: outputs)
                }
            case .fixedWidth(let format):
                var names: [String: [String: Int]] = [:]
                for (type, fields) in format.records {
                    names[type] = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
                }
                var lastLine = 0
                var statement = Norma43Statement(fields: names, lenient: layout.lenientStatement) { m in
                    try handle(m, outcome: &outcome, outputs: outputs)
                }
                try RecordSources.make(file, layout: layout).read { record in
                    lastLine = record.line
                    if record.cells.isEmpty, case .unknownRecordType(let code)? = record.problem {
                        throw StatementRejection(code: .malformedFile, line: record.line, detail: LocalizedText(
                            es: "tipo de registro «\(code)» desconocido", en: "unknown record type \"\(code)\""))
                    }
                    try statement.feed(record)
                }
                try statement.finish(lastLine: lastLine)
                for warning in statement.warnings {
                    try outputs.fileError(RowError(line: warning.line, value: scope.sourceFile, code: warning.code, detail: warning.detail))
                }
            default:
                throw StatementRejection(code: .unknownLayout, line: 0, detail: LocalizedText(
                    es: "un extracto se lee como fixed-width (Norma 43) o camt", en: "a statement is read as fixed-width (Norma 43) or camt"))
            }
        } catch let rejection as StatementRejection {
            try outputs.fileError(RowError(line: rejection.line, value: scope.sourceFile, code: rejection.code, detail: rejection.detail))
            return rejected(outcome, message: Messages.message(rejection.code, field: "", value: scope.sourceFile,
                                                               detail: rejection.detail.in(scope.settings.language), language: scope.settings.language))
        } catch let error as DealersError where error.kind == .data {
            try outputs.fileError(RowError(line: 0, value: scope.sourceFile, code: .malformedFile, detail: LocalizedText(error.message)))
            return rejected(outcome, message: error.message)
        }
        if outcome.rows.read == 0 {
            try outputs.fileError(RowError(line: 0, value: scope.sourceFile, code: .emptyFile))
            outcome.fileMessage = "no movements"
        }
        return outcome
    }

    private func rejected(_ outcome: RowApplier.Outcome, message: String) -> RowApplier.Outcome {
        var r = outcome
        r.fileMessage = message
        r.rows.rejected = r.rows.read
        r.rows.applied = 0
        r.actions = [:]
        r.reconciliation = []
        r.conflicts = []
        return r
    }

    /// A camt entry as a movement; its id is the bank's reference, else the end-to-end id, else
    /// a hash of what identifies it.
    private func movement(_ e: CamtEntry) throws -> BankMovement {
        guard let amount = e.amount, let date = e.date else {
            throw StatementRejection(code: .malformedFile, line: e.line, detail: LocalizedText(
                es: "apunte sin importe o sin fecha", en: "entry without an amount or a date"))
        }
        let key = [e.account, date.description, "\(amount)", e.currency, e.isCredit ? "C" : "D", e.text].joined(separator: "|")
        let ref = e.accountServicerReference ?? e.endToEndId
        let id = "CAMT-" + (ref.map { "\(e.account)-\($0)" }.map { Checksum.sha256(text: $0).prefix(20).uppercased() }
            ?? Checksum.sha256(text: key).prefix(20).uppercased())
        let text = [e.accountServicerReference, e.endToEndId, e.text].compactMap { $0 }.joined(separator: " ")
        return BankMovement(id: id, account: e.account, date: date, amount: amount, currency: e.currency,
                            isCredit: e.isCredit, text: text, line: e.line, endToEndId: e.endToEndId, isReturn: e.isReturn,
                            returnReason: e.returnReason)
    }

    private func handle(_ m: BankMovement, outcome: inout RowApplier.Outcome, outputs: ErrorOutputs) throws {
        outcome.rows.read += 1
        if !m.isCredit, let result = try CollectionReturn(state: state, scope: scope).apply(m) {
            switch result {
            case .success:
                outcome.rows.applied += 1
                outcome.actions[Action.devolucion.rawValue, default: 0] += 1
            case .failure(let v):
                try notApplied(m, code: v.code, field: v.field, value: v.value, detail: v.detail, reference: m.endToEndId,
                               outcome: &outcome, outputs: outputs)
            }
            return
        }
        guard m.isCredit else {
            try notApplied(m, code: .debitMovement, field: "amount", value: "\(m.amount) \(m.currency)", detail: LocalizedText(""),
                           reference: nil, outcome: &outcome, outputs: outputs)
            return
        }
        var cmd = PaymentCommand(action: .pago, id: m.id, date: m.date, amount: m.amount, currency: m.currency,
                                 method: method, reference: "\(m.account) \(m.text)")
        let context = scope.rules(line: m.line)
        var foreign: [(reference: String, conflict: CrossDealerConflict)] = []
        let match = try StatementMatcher.match(m.text, state: state, context: context, foreign: &foreign)
        switch match {
        case .contract(let number): cmd.contract = number
        case .document(let document): cmd.document = document
        case .none:
            try notApplied(m, code: .unknownReference, field: "reference", value: String(m.text.prefix(60)),
                           detail: LocalizedText(""), reference: nil, foreign: foreign, outcome: &outcome, outputs: outputs)
            return
        case .ambiguous(let users):
            try notApplied(m, code: .unknownReference, field: "reference", value: String(m.text.prefix(60)),
                           detail: LocalizedText(es: " (nombra a varios usuarios: \(users.joined(separator: ", ")))",
                                                 en: " (names several users: \(users.joined(separator: ", ")))"),
                           reference: nil, foreign: foreign, outcome: &outcome, outputs: outputs)
            return
        }
        if let violation = try PaymentRules.apply(cmd, to: state, context: context) {
            if let conflict = violation.conflict {
                outcome.conflicts.append(ConflictFile.Item(line: m.line, field: violation.field, value: violation.value,
                                                           answered: violation.code, conflict: conflict, rowCollective: nil))
            }
            try notApplied(m, code: violation.code, field: violation.field, value: violation.value, detail: violation.detail,
                           reference: cmd.contract ?? cmd.document, foreign: foreign, outcome: &outcome, outputs: outputs)
        } else {
            outcome.rows.applied += 1
            outcome.actions[Action.pago.rawValue, default: 0] += 1
        }
    }

    /// Reports a movement that was not applied; `foreign`: another dealer's contracts or users
    /// it named (the dealer saw them as unknown), for the operator's conflicts report.
    private func notApplied(_ m: BankMovement, code: ErrorCode, field: String, value: String, detail: LocalizedText,
                            reference: String?, foreign: [(reference: String, conflict: CrossDealerConflict)] = [],
                            outcome: inout RowApplier.Outcome, outputs: ErrorOutputs) throws {
        outcome.rows.rejected += 1
        for f in foreign {
            outcome.conflicts.append(ConflictFile.Item(line: m.line, field: "reference", value: f.reference,
                                                       answered: code, conflict: f.conflict, rowCollective: nil))
        }
        let language = scope.settings.language
        try outputs.fileError(RowError(line: m.line, field: field, value: value, code: code, detail: detail))
        outcome.reconciliation.append(ReconciliationItem(
            id: m.id, reason: code,
            detail: Messages.message(code, field: field, value: value, detail: detail.in(language), language: language),
            date: m.date, amount: m.isCredit ? m.amount : -m.amount, currency: m.currency, reference: reference,
            text: "\(m.account) \(m.text)", dealer: scope.dealer, line: m.line))
    }
}
