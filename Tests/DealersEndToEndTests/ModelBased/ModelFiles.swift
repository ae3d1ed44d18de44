import DealersTestSupport
/// What the model expects a file's receipt to say (§7): its status, rows applied and rejected,
/// and how many errors of each code.
struct ModelReceipt: Equatable, Sendable, CustomStringConvertible {
    var status = "APPLIED"
    var applied = 0
    var rejected = 0
    var errorCodes: [String: Int] = [:]

    var description: String {
        "\(status) applied=\(applied) rejected=\(rejected) \(errorCodes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })"
    }

    mutating func settle(_ refusal: ModelCode?) { settle(refusal.map { [$0] } ?? []) }

    mutating func settle(_ errors: [ModelCode]) {
        if errors.isEmpty { applied += 1 } else { rejected += 1 }
        for code in errors { errorCodes[code.rawValue, default: 0] += 1 }
    }
}

/// A step applied to the model: a file's rows read as the layouts say, checked, and applied in
/// order, a dependant whose holder is not known yet retried once the whole file is read (§5.5);
/// the same content from the same inbox again is a DUPLICATE (§5.6).
extension ModelWorld {
    /// Applies a step; returns the receipt a file should get (`nil` for a nightly).
    mutating func apply(_ step: HistoryStep) -> ModelReceipt? {
        guard step.kind != .nightly else {
            nightly(step.asOf)
            return nil
        }
        let key = "\(step.inbox ?? "-")\n\(step.text)"
        guard !appliedFiles.contains(key) else { return ModelReceipt(status: "DUPLICATE") }
        let context = RowContext(asOf: step.asOf, inbox: step.inbox)
        var receipt = ModelReceipt()
        if step.kind == .users {
            var waiting: [UserOrder] = []
            for row in step.rows {
                switch Self.read(UsersRow(cells: row)) {
                case .failure(let errors): receipt.settle(errors.codes)
                case .success(let order):
                    let refusal = apply(order, context)
                    if refusal == .holderNotFound { waiting.append(order) } else { receipt.settle(refusal) }
                }
            }
            for order in waiting { receipt.settle(apply(order, context)) }
        } else {
            var ids: Set<String> = []
            for row in step.rows.map(PaymentsRow.init(cells:)) {
                var errors = Self.read(row)
                if !row.id.isEmpty, !ids.insert(row.id).inserted { errors.append(.duplicateInFile) }
                switch errors.isEmpty ? Self.order(row) : .failure(ModelErrors(codes: errors)) {
                case .failure(let failed): receipt.settle(failed.codes)
                case .success(let order): receipt.settle(apply(order, context))
                }
            }
        }
        receipt.status = receipt.applied == 0 ? "REJECTED" : receipt.rejected == 0 ? "APPLIED" : "PARTIAL"
        if receipt.applied > 0 { appliedFiles.insert(key) }
        return receipt
    }

    /// Every error of a users row's cells, or the order it gives.
    static func read(_ row: UsersRow) -> Result<UserOrder, ModelErrors> {
        var errors: [ModelCode] = []
        let action: UserOrder.Action
        switch row.action {
        case "ALTA": action = .alta
        case "BAJA": action = .baja
        case "EXTENSION", "EXTENSIÓN": action = .extend
        default: action = .modify
        }
        if !DNI.isValid(row.document) { errors.append(.invalidFormat) }
        if !row.holder.isEmpty, !DNI.isValid(row.holder) { errors.append(.invalidFormat) }
        if action == .alta, row.collective.isEmpty { errors.append(.missingValue) }
        if action == .alta, row.firstName.isEmpty { errors.append(.missingValue) }
        if action == .extend, row.period.isEmpty { errors.append(.missingValue) }
        guard errors.isEmpty else { return .failure(ModelErrors(codes: errors)) }
        func text(_ cell: String) -> String? { cell.isEmpty ? nil : cell }
        return .success(UserOrder(action: action, document: row.document, collective: text(row.collective),
                                  firstName: text(row.firstName), lastName: text(row.lastName),
                                  relationship: text(row.relationship), holder: text(row.holder),
                                  start: Day(spanish: row.start), end: Day(spanish: row.end),
                                  bajaDate: Day(spanish: row.baja), months: months(row.period)))
    }

    /// The errors of a payments row's cells (the layout's checks).
    static func read(_ row: PaymentsRow) -> [ModelCode] {
        var errors: [ModelCode] = []
        if !row.document.isEmpty, !DNI.isValid(row.document) { errors.append(.invalidFormat) }
        return errors
    }

    /// The order a checked payments row gives, or why it has none.
    static func order(_ row: PaymentsRow) -> Result<PaymentOrder, ModelErrors> {
        guard let date = Day(spanish: row.date), let cents = Amount.cents(row.amount) else {
            return .failure(ModelErrors(codes: [.missingValue]))
        }
        let reversal = row.type == "DEVOLUCIÓN" || row.type == "DEVOLUCION"
        if reversal, row.original.isEmpty { return .failure(ModelErrors(codes: [.missingValue])) }
        if !reversal, row.contract.isEmpty, row.document.isEmpty { return .failure(ModelErrors(codes: [.missingValue])) }
        return .success(PaymentOrder(id: row.id, date: date, contract: row.contract.isEmpty ? nil : row.contract,
                                     document: row.document.isEmpty ? nil : row.document, cents: cents,
                                     months: months(row.period), original: reversal ? row.original : nil))
    }

    static func months(_ period: String) -> Int? {
        switch period {
        case "1M": return 1
        case "1A": return 12
        default: return nil
        }
    }
}

/// The errors of a row that does not pass the layout's checks.
struct ModelErrors: Error {
    var codes: [ModelCode]
}

/// Spanish DNI: eight digits and the letter of their remainder by 23.
enum DNI {
    static let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")

    static func make(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits + String(letters[number % 23])
    }

    static func isValid(_ text: String) -> Bool {
        guard text.count == 9, let number = Int(text.prefix(8)), text.prefix(8).allSatisfy(\.isNumber) else { return false }
        return text.last == letters[number % 23]
    }
}
