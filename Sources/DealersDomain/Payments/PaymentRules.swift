import Foundation
import DealersModel

/// The rules of payments and reversals (§3.4). Pure: they read and save through a
/// ``PaymentState``; every refusal is a ``RuleViolation`` whose code is the reconciliation
/// reason, and nothing is saved for a refused payment.
public enum PaymentRules {
    /// Applies one payment or reversal; returns the violation that refused it, or `nil`.
    ///
    /// Another dealer's contracts, users and payments are, to this dealer, ones that do not
    /// exist. A new payment whose id another dealer's payment holds goes through every check a
    /// new id would and is refused only where it would be recorded, with the neutral
    /// `IDENTIFIER_UNAVAILABLE` (docs/reliability.md, "Isolation between dealers").
    public static func apply(_ cmd: PaymentCommand, to state: PaymentState, context: RuleContext) throws -> RuleViolation? {
        // A reversal gives money back: from a dealer's file it is never applied, whatever it
        // names (so it tells nothing of other dealers' payments); the master approves it.
        if cmd.action == .devolucion, context.dealer != nil {
            return RuleViolation(.reversalNeedsMaster, field: "type", value: cmd.id)
        }
        return try applyApproved(cmd, to: state, context: context)
    }

    /// Applies a reversal the bank made — a returned direct debit (docs/sepa.md) — which is
    /// nobody's request to approve: every rule of a reversal holds but the master's approval.
    public static func applyBankReturn(_ cmd: PaymentCommand, to state: PaymentState, context: RuleContext) throws -> RuleViolation? {
        precondition(cmd.action == .devolucion, "a bank return is a reversal")
        return try applyApproved(cmd, to: state, context: context)
    }

    /// Every rule of a payment or reversal once its source may send it.
    private static func applyApproved(_ cmd: PaymentCommand, to state: PaymentState, context: RuleContext) throws -> RuleViolation? {
        var taken: CrossDealerConflict?
        if let seen = try state.payment(cmd.id) {
            taken = conflict(seen, context: context)
            if taken == nil {
                return RuleViolation(.duplicatePayment, field: "paymentId", value: cmd.id,
                                     detail: LocalizedText("\(seen.sourceFile):\(seen.sourceLine)"))
            }
        }
        switch cmd.action {
        case .devolucion: return try reverse(cmd, taken: taken, state: state, context: context)
        default: return try pay(cmd, taken: taken, state: state, context: context)
        }
    }

    /// The conflict when a ledger entry is of a dealer this context may not touch.
    package static func conflict(_ entry: LedgerEntry, context: RuleContext) -> CrossDealerConflict? {
        context.mayTouch(entry.dealer) ? nil
            : CrossDealerConflict(kind: .payment, owner: entry.dealer, ownerCollective: entry.collective, document: entry.document)
    }

    /// The refusal of a payment id another dealer's payment holds, once every other check passed.
    package static func unavailable(_ cmd: PaymentCommand, _ taken: CrossDealerConflict) -> RuleViolation {
        RuleViolation(.identifierUnavailable, field: "paymentId", value: cmd.id, conflict: taken)
    }

    /// The user and contract a payment names (by contract number, else by document), checked
    /// against each other and against the inbox's dealer.
    package static func target(_ cmd: PaymentCommand, state: PaymentState, context: RuleContext)
        throws -> Result<(user: User, index: Int, collective: Collective), RuleViolation> {
        var user: User?
        var field = "document"
        if let number = cmd.contract {
            field = "contract"
            user = try state.user(holdingContract: number)
            let unknown = RuleViolation(.unknownReference, field: field, value: number)
            guard let found = user else { return .failure(unknown) }
            if let conflict = try context.conflict(.contract, user: found, state: state) { return .failure(unknown.with(conflict)) }
            if let document = cmd.document, document != user?.document {
                return .failure(RuleViolation(.unknownReference, field: "document", value: document,
                                              detail: LocalizedText(es: " (el contrato \(number) es de otro usuario)",
                                                                    en: " (contract \(number) belongs to another user)")))
            }
        } else if let document = cmd.document {
            user = try state.user(document)
            let unknown = RuleViolation(.unknownReference, field: field, value: document)
            guard let found = user else { return .failure(unknown) }
            if let conflict = try context.conflict(.user, user: found, state: state) { return .failure(unknown.with(conflict)) }
        } else {
            return .failure(RuleViolation(.missingValue, field: "contract", value: ""))
        }
        guard let user, let index = user.contracts.indices.last else {
            return .failure(RuleViolation(.noCurrentContract, field: field, value: cmd.contract ?? cmd.document ?? ""))
        }
        if let number = cmd.contract, user.contracts[index].number != number {
            return .failure(RuleViolation(.unknownReference, field: field, value: number,
                                          detail: LocalizedText(es: " (sustituido por \(user.contracts[index].number))",
                                                                en: " (superseded by \(user.contracts[index].number))")))
        }
        guard let collective = try state.collective(user.collective) else {
            return .failure(RuleViolation(.unknownCollective, field: "collective", value: user.collective))
        }
        return .success((user, index, collective))
    }

    package static func pay(_ cmd: PaymentCommand, taken: CrossDealerConflict?, state: PaymentState, context: RuleContext) throws -> RuleViolation? {
        let found: (user: User, index: Int, collective: Collective)
        switch try target(cmd, state: state, context: context) {
        case .success(let t): found = t
        case .failure(let v): return v
        }
        var user = found.user
        let plan = found.collective.plan
        let contract = user.contracts[found.index]
        if let cancelled = contract.cancelledOn {
            return RuleViolation(.contractCancelled, field: cmd.contract == nil ? "document" : "contract",
                                 value: contract.number, detail: LocalizedText("\(contract.number) \(cancelled)"))
        }
        guard cmd.currency == plan.currency else {
            return RuleViolation(.currencyMismatch, field: "currency", value: cmd.currency, detail: LocalizedText(plan.currency))
        }
        let period: ContractLength
        if let given = cmd.period {
            guard given.isMonthOrYear else { return RuleViolation(.invalidPeriod, field: "period", value: given.description) }
            guard PeriodDerivation.price(of: given, plan: plan) == cmd.amount else {
                return RuleViolation(.amountMismatch, field: "amount", value: "\(cmd.amount)",
                                     detail: PeriodDerivation.describe(plan))
            }
            period = given
        } else {
            guard let derived = PeriodDerivation.period(for: cmd.amount, plan: plan) else {
                return RuleViolation(.amountMismatch, field: "amount", value: "\(cmd.amount)",
                                     detail: PeriodDerivation.describe(plan))
            }
            period = derived
        }
        if let taken { return unavailable(cmd, taken) }
        // An EXPIRED contract (as of the payment date) restarts on that date, as an EXTENSIÓN does.
        let renewal = ContractRenewal(of: contract, by: period, on: cmd.date)
        let restarts = renewal.restarts, newStart = renewal.start, newEnd = renewal.end
        user.contracts[found.index].start = newStart
        user.contracts[found.index].end = newEnd
        user.updatedOn = context.asOf
        user.history.append(event(.pago, user: user, contract: contract.number, before: contract.end, after: newEnd,
                                  cmd: cmd, context: context, note: renewal.note(from: contract)))
        let entry = LedgerEntry(id: cmd.id, kind: .pago, date: cmd.date, document: user.document, contract: contract.number,
                                collective: found.collective.code, dealer: found.collective.dealer, amount: cmd.amount,
                                currency: cmd.currency, method: cmd.method, period: period, derived: cmd.period == nil,
                                startBefore: contract.start, startAfter: newStart, endBefore: contract.end, endAfter: newEnd,
                                restarted: restarts, reversedBy: nil, reverses: nil, reference: cmd.reference,
                                sourceFile: context.sourceFile, sourceLine: context.line, recordedOn: context.asOf)
        try state.save(user)
        try state.save(entry)
        return nil
    }

    package static func reverse(_ cmd: PaymentCommand, taken: CrossDealerConflict?, state: PaymentState, context: RuleContext) throws -> RuleViolation? {
        guard let originalId = cmd.originalId else {
            return RuleViolation(.missingValue, field: "originalPaymentId", value: "")
        }
        let unknown = RuleViolation(.unknownPayment, field: "originalPaymentId", value: originalId)
        guard var original = try state.payment(originalId) else { return unknown }
        if let conflict = conflict(original, context: context) { return unknown.with(conflict) }
        guard original.kind == .pago else {
            return RuleViolation(.unknownPayment, field: "originalPaymentId", value: originalId,
                                 detail: LocalizedText(es: " (es una devolución)", en: " (it is a reversal)"))
        }
        if let by = original.reversedBy {
            return RuleViolation(.alreadyReversed, field: "originalPaymentId", value: originalId, detail: LocalizedText(by))
        }
        guard cmd.currency == original.currency else {
            return RuleViolation(.currencyMismatch, field: "currency", value: cmd.currency, detail: LocalizedText(original.currency))
        }
        guard cmd.amount == original.amount else {
            return RuleViolation(.amountMismatch, field: "amount", value: "\(cmd.amount)",
                                 detail: LocalizedText("\(original.amount) \(original.currency) (\(originalId))"))
        }
        guard var user = try state.user(original.document) else {
            return RuleViolation(.unknownReference, field: "originalPaymentId", value: original.document)
        }
        // Paid while the user was this dealer's, moved since by the operator: no longer this dealer's.
        if let conflict = try context.conflict(.payment, user: user, state: state) { return unknown.with(conflict) }
        guard let index = user.contracts.firstIndex(where: { $0.number == original.contract }) else {
            return RuleViolation(.unknownReference, field: "originalPaymentId", value: original.contract)
        }
        let contract = user.contracts[index]
        // Only the latest, not cancelled contract gives service back; otherwise the money is
        // returned and recorded, and the dates stay (a baja already ended the service).
        var start = contract.start, end = contract.end
        if index == user.contracts.indices.last, contract.cancelledOn == nil {
            (start, end) = ReversalArithmetic.undo(original, from: contract)
        }
        if let taken { return unavailable(cmd, taken) }
        user.contracts[index].start = start
        user.contracts[index].end = end
        user.updatedOn = context.asOf
        user.history.append(event(.devolucion, user: user, contract: contract.number, before: contract.end, after: end,
                                  cmd: cmd, context: context, note: "devolución de \(originalId)"))
        let entry = LedgerEntry(id: cmd.id, kind: .devolucion, date: cmd.date, document: user.document,
                                contract: contract.number, collective: original.collective, dealer: original.dealer,
                                amount: cmd.amount, currency: cmd.currency, method: cmd.method ?? original.method,
                                period: original.period, derived: false, startBefore: contract.start, startAfter: start,
                                endBefore: contract.end, endAfter: end, restarted: false, reversedBy: nil,
                                reverses: originalId, reference: cmd.reference, sourceFile: context.sourceFile,
                                sourceLine: context.line, recordedOn: context.asOf)
        original.reversedBy = cmd.id
        try state.save(user)
        try state.save(original)
        try state.save(entry)
        return nil
    }

    package static func event(_ kind: EventKind, user: User, contract: String, before: CivilDate, after: CivilDate,
                      cmd: PaymentCommand, context: RuleContext, note: String?) -> ContractEvent {
        var e = ContractEvent(date: cmd.date, document: user.document, collective: user.collective, kind: kind,
                              contract: contract, endBefore: before, endAfter: after,
                              sourceFile: context.sourceFile, sourceLine: context.line, note: note)
        e.payment = cmd.id
        return e
    }
}
