import DealersTestSupport
/// The rows of a payments file: payments by document or contract number (monthly or annual
/// price, the period given or derived), reversals, ids seen before, payments to cancelled
/// contracts and to users the inbox does not see.
extension HistoryGenerator {
    /// What a payments row is about; each kind is chosen by weight.
    enum PaymentsRowKind {
        case byDocument, byContract, oldContract, wrongAmount, reversal, unknownOriginal, seenId, repeatedInFile
        case otherDealersUser, unknownDocument
    }

    mutating func paymentsRows(inbox: String?) -> [[String]] {
        var rows: [PaymentsRow] = []
        let count = random.int(profile.paymentsRows)
        while rows.count < count {
            let kind = random.weighted([
                (30, PaymentsRowKind.byDocument), (15, .byContract), (3, .oldContract), (5, .wrongAmount), (15, .reversal),
                (3, .unknownOriginal), (5, .seenId), (3, .repeatedInFile), (4, .otherDealersUser), (2, .unknownDocument),
            ]) ?? .byDocument
            if let row = paymentsRow(kind, inbox: inbox, earlier: rows) { rows.append(row) }
        }
        return rows.map(\.cells)
    }

    /// A day the money moved: today, or a few days back but not before the user's latest move.
    mutating func paymentDate(_ user: ModelUser) -> Day {
        let earliest = earliestBackdate([user.document])
        let date = today.adding(days: -random.int(0...7))
        return max(date, earliest)
    }

    /// A payment of one of the prices of the user's collective, the period given or not.
    mutating func payment(for user: ModelUser) -> PaymentsRow {
        let collective = world.collectives[user.collective] ?? History.collectives[0]
        let yearly = random.chance(0.4)
        var row = PaymentsRow(id: freshPaymentId(), date: paymentDate(user),
                              amount: Amount.text(yearly ? collective.annualCents : collective.monthlyCents))
        if random.chance(0.25) { row.period = yearly ? "1A" : "1M" }
        return row
    }

    mutating func paymentsRow(_ kind: PaymentsRowKind, inbox: String?, earlier: [PaymentsRow]) -> PaymentsRow? {
        switch kind {
        case .byDocument:
            guard let user = someUser(inbox) else { return nil }
            var row = payment(for: user)
            row.document = user.document
            return row
        case .byContract:
            guard let user = someUser(inbox), let contract = user.latest else { return nil }
            var row = payment(for: user)
            row.contract = contract.number
            if random.chance(0.2) { row.document = user.document }
            return row
        case .oldContract:
            guard let user = someUser(inbox, where: { $0.contracts.count > 1 }) else { return nil }
            var row = payment(for: user)
            row.contract = user.contracts[0].number
            return row
        case .wrongAmount:
            guard let user = someUser(inbox) else { return nil }
            var row = payment(for: user)
            row.document = user.document
            if random.chance(0.5) {
                row.amount = "7,77"
            } else {
                row.period = row.period == "1A" ? "1M" : "1A"   // the price of the other period
            }
            return row
        case .reversal:
            let paid = world.ledger.values.filter { !$0.isReversal && (inbox == nil || $0.dealer == inbox) }
                .sorted { $0.id < $1.id }
            guard let original = random.pick(paid), let user = world.users[original.document] else { return nil }
            var row = PaymentsRow(id: freshPaymentId(), date: paymentDate(user),
                                  amount: Amount.text(random.chance(0.9) ? original.cents : original.cents + 100))
            row.type = "DEVOLUCIÓN"
            row.original = original.id
            return row
        case .unknownOriginal:
            var row = PaymentsRow(id: freshPaymentId(), date: today, amount: "9,90")
            row.type = "DEVOLUCIÓN"
            row.original = "NOEXISTE-\(paymentsMade)"
            return row
        case .seenId:
            guard let seen = random.pick(world.ledger.keys.sorted()), let user = someUser(inbox) else { return nil }
            var row = payment(for: user)
            row.id = seen
            row.document = user.document
            return row
        case .repeatedInFile:
            guard let first = random.pick(earlier), let user = someUser(inbox) else { return nil }
            var row = payment(for: user)
            row.id = first.id
            row.document = user.document
            return row
        case .otherDealersUser:
            guard let user = random.pick(users(hiddenFrom: inbox)) else { return nil }
            var row = payment(for: user)
            row.document = user.document
            return row
        case .unknownDocument:
            var row = PaymentsRow(id: freshPaymentId(), date: today, amount: "9,90")
            row.document = freshDocument()
            return row
        }
    }
}
