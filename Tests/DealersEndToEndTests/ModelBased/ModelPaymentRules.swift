import DealersTestSupport
/// A payments-file row as the model reads it: a payment, or a reversal naming the original.
struct PaymentOrder: Sendable {
    var id: String
    var date: Day
    var contract: String?
    var document: String?
    var cents: Int
    /// 1 or 12 when the row gives a period; else it is derived from the amount.
    var months: Int?
    /// For a reversal: the payment it undoes.
    var original: String?

    var isReversal: Bool { original != nil }
}

/// The payment rules of docs/payments.md and docs/rules-over-time.md: the first failing check is
/// the row's code, and a refused row changes nothing.
extension ModelWorld {
    mutating func apply(_ order: PaymentOrder, _ context: RowContext) -> ModelCode? {
        // A dealer's reversal waits for the master, whatever it names (issue 29).
        if order.isReversal, context.inbox != nil { return .reversalNeedsMaster }
        var taken = false
        if let seen = ledger[order.id] {
            if context.inbox == nil || seen.dealer == context.inbox { return .duplicatePayment }
            taken = true   // another dealer's id: every other check first, then a neutral refusal
        }
        return order.isReversal ? reverse(order, taken: taken, context) : pay(order, taken: taken, context)
    }

    /// The user a payment names: by contract number (any of theirs) and/or by document.
    func payee(_ order: PaymentOrder, _ context: RowContext) -> Result<ModelUser, ModelCode> {
        if let number = order.contract {
            guard let user = users.values.first(where: { $0.contracts.contains { $0.number == number } }),
                  sees(user, from: context.inbox) else { return .failure(.unknownReference) }
            if let document = order.document, document != user.document { return .failure(.unknownReference) }
            // A contract that is not the user's latest was superseded.
            return user.latest?.number == number ? .success(user) : .failure(.unknownReference)
        }
        guard let document = order.document, let user = visibleUser(document, context) else {
            return .failure(.unknownReference)
        }
        return .success(user)
    }

    mutating func pay(_ order: PaymentOrder, taken: Bool, _ context: RowContext) -> ModelCode? {
        let user: ModelUser
        switch payee(order, context) {
        case .success(let found): user = found
        case .failure(let code): return code
        }
        guard var contract = user.latest, let collective = collectives[user.collective] else { return .unknownReference }
        if contract.cancelledOn != nil { return .contractCancelled }
        let months: Int
        switch order.months {
        case 1? where order.cents == collective.monthlyCents, 12? where order.cents == collective.annualCents:
            months = order.months ?? 1
        case nil where order.cents == collective.monthlyCents: months = 1
        case nil where order.cents == collective.annualCents: months = 12
        default: return .amountMismatch
        }
        if taken { return .identifierUnavailable }
        let before = contract
        contract.renew(by: months, on: order.date)
        var changed = user
        changed.contracts[changed.contracts.count - 1] = contract
        changed.events.append(ModelEvent(kind: .payment, date: order.date, collective: user.collective, contract: contract.number))
        users[user.document] = changed
        ledger[order.id] = ModelPayment(id: order.id, isReversal: false, document: user.document, contract: contract.number,
                                        dealer: collective.dealer, cents: order.cents, months: months,
                                        startBefore: before.start, endBefore: before.end,
                                        startAfter: contract.start, endAfter: contract.end)
        return nil
    }

    mutating func reverse(_ order: PaymentOrder, taken: Bool, _ context: RowContext) -> ModelCode? {
        guard let id = order.original, var original = ledger[id], !original.isReversal,
              context.inbox == nil || original.dealer == context.inbox else { return .unknownPayment }
        if original.reversedBy != nil { return .alreadyReversed }
        guard order.cents == original.cents else { return .amountMismatch }
        // Paid while the user was this dealer's, moved since by the operator: no longer its.
        guard var user = users[original.document], sees(user, from: context.inbox),
              let index = user.contracts.firstIndex(where: { $0.number == original.contract }) else { return .unknownPayment }
        if taken { return .identifierUnavailable }
        var contract = user.contracts[index]
        // Only the latest contract without a BAJA gives the service back; otherwise the money is
        // recorded and the dates stay.
        if index == user.contracts.count - 1, contract.cancelledOn == nil {
            if contract.start == original.startAfter && contract.end == original.endAfter {
                contract.start = original.startBefore
                contract.end = original.endBefore
            } else {
                contract.end = max(contract.end.adding(months: -original.months), contract.start)
            }
        }
        user.contracts[index] = contract
        user.events.append(ModelEvent(kind: .reversal, date: order.date, collective: user.collective, contract: contract.number))
        users[user.document] = user
        original.reversedBy = order.id
        ledger[id] = original
        ledger[order.id] = ModelPayment(id: order.id, isReversal: true, document: user.document, contract: contract.number,
                                        dealer: original.dealer, cents: order.cents, months: original.months,
                                        startBefore: contract.start, endBefore: contract.end,
                                        startAfter: contract.start, endAfter: contract.end)
        return nil
    }
}
