import DealersTestSupport
/// A users-file row as the model reads it (docs/layouts.md; empty cells are `nil`).
struct UserOrder: Sendable {
    enum Action: Sendable { case alta, baja, extend, modify }

    var action: Action
    var document: String
    var collective: String?
    var firstName: String?
    var lastName: String?
    var relationship: String?
    var holder: String?
    var start: Day?
    var end: Day?
    var bajaDate: Day?
    /// EXTENSIÓN: 1 or 12.
    var months: Int?
}

/// Where a row comes from: the run's as-of date and the inbox (`nil`: the operator's).
struct RowContext: Sendable {
    var asOf: Day
    var inbox: String?
}

/// The users rules of docs/rules-over-time.md, one function per action. Each checks everything
/// before it changes anything: a refused row leaves the world as it was.
extension ModelWorld {
    mutating func apply(_ order: UserOrder, _ context: RowContext) -> ModelCode? {
        switch order.action {
        case .alta: return alta(order, context)
        case .baja: return baja(order, context)
        case .extend: return extend(order, context)
        case .modify: return modify(order, context)
        }
    }

    /// A collective the row's inbox may use: it exists and is its dealer's (any, for the operator).
    func usable(_ code: String?, _ context: RowContext) -> Bool {
        guard let code, let collective = collectives[code] else { return false }
        return context.inbox == nil || collective.dealer == context.inbox
    }

    /// The user a row's inbox may see (another dealer's user is one that does not exist).
    func visibleUser(_ document: String, _ context: RowContext) -> ModelUser? {
        users[document].flatMap { sees($0, from: context.inbox) ? $0 : nil }
    }

    /// The holder rule: a visible TITULAR with a current contract, in `collective`.
    func checkHolder(_ document: String?, collective: String, _ context: RowContext) -> ModelCode? {
        guard let document else { return .missingValue }
        guard let holder = visibleUser(document, context), holder.isHolder, holder.isCurrent(on: context.asOf) else {
            return .holderNotFound
        }
        return holder.collective == collective ? nil : .holderInOtherCollective
    }

    mutating func alta(_ order: UserOrder, _ context: RowContext) -> ModelCode? {
        guard let code = order.collective, usable(code, context), let collective = collectives[code] else {
            return .unknownCollective
        }
        let existing = visibleUser(order.document, context)
        let taken = existing == nil && users[order.document] != nil
        if let existing, existing.isCurrent(on: context.asOf) { return .activeContractExists }
        if let existing, existing.isHolder, !dependants(of: existing.document).isEmpty, existing.collective != code {
            return .holderHasDependants
        }
        let relationship = order.relationship ?? existing?.relationship ?? "TITULAR"
        let holder = relationship == "TITULAR" ? nil : order.holder ?? existing?.holder
        if relationship != "TITULAR", let refusal = checkHolder(holder, collective: code, context) { return refusal }
        let start = order.start ?? context.asOf
        let end = order.end ?? start.adding(months: collective.months)
        guard start <= end else { return .invalidDates }
        if taken { return .identifierUnavailable }

        var contract = ModelContract(number: newContractNumber(), start: start, end: end)
        if start > context.asOf { contract.startRecordedInAdvance = start }
        var user = existing ?? ModelUser(document: order.document, firstName: "", lastName: "", relationship: relationship,
                                         collective: code, contracts: [], moves: [(context.asOf, code)])
        user.firstName = order.firstName ?? user.firstName
        user.lastName = order.lastName ?? user.lastName
        user.relationship = relationship
        user.holder = holder
        user.join(code, on: context.asOf)
        user.contracts.append(contract)
        user.events.append(ModelEvent(kind: .alta, date: start, collective: code, contract: contract.number))
        users[order.document] = user
        return nil
    }

    mutating func baja(_ order: UserOrder, _ context: RowContext) -> ModelCode? {
        guard var user = visibleUser(order.document, context), let contract = user.latest else { return .unknownUser }
        let date = order.bajaDate ?? context.asOf
        if let cancelled = contract.cancelledOn, cancelled <= context.asOf || date >= cancelled {
            return .contractCancelled   // CANCELLED, or a pending BAJA would be pushed back
        }
        // A BAJA dated before the contract started and before today contradicts its dates (the doc is silent).
        if date < contract.start && date < context.asOf { return .invalidDates }
        cancelLatest(of: &user, on: date, context)
        users[user.document] = user
        if user.isHolder {
            for document in dependants(of: user.document) {
                guard var dependant = users[document], let latest = dependant.latest else { continue }
                if let cancelled = latest.cancelledOn, cancelled <= context.asOf || date >= cancelled { continue }
                cancelLatest(of: &dependant, on: date, context)
                users[document] = dependant
            }
        }
        return nil
    }

    /// CANCELLED from `date`: the end comes back to the BAJA's date (to the start, for a contract
    /// that never started), never forward.
    func cancelLatest(of user: inout ModelUser, on date: Day, _ context: RowContext) {
        guard var contract = user.contracts.popLast() else { return }
        contract.cancelledOn = date
        contract.end = min(contract.end, max(date, contract.start))
        if date > context.asOf { contract.bajasRecordedInAdvance.insert(date) }
        user.contracts.append(contract)
        user.events.append(ModelEvent(kind: .baja, date: date, collective: user.collective, contract: contract.number))
    }

    mutating func extend(_ order: UserOrder, _ context: RowContext) -> ModelCode? {
        guard var user = visibleUser(order.document, context), var contract = user.contracts.popLast() else { return .unknownUser }
        guard let months = order.months else { return .missingValue }
        if contract.cancelledOn != nil { return .contractCancelled }
        contract.renew(by: months, on: context.asOf)
        user.contracts.append(contract)
        user.events.append(ModelEvent(kind: .extend, date: context.asOf, collective: user.collective, contract: contract.number))
        users[user.document] = user
        return nil
    }

    mutating func modify(_ order: UserOrder, _ context: RowContext) -> ModelCode? {
        guard var user = visibleUser(order.document, context) else { return .unknownUser }
        let target = order.collective ?? user.collective
        let moves = target != user.collective
        if moves && !usable(target, context) { return .unknownCollective }
        let relationship = order.relationship ?? user.relationship
        let dependants = dependants(of: user.document)
        if relationship != "TITULAR", user.isHolder, !dependants.isEmpty { return .holderHasDependants }
        var holder: String?
        if relationship != "TITULAR" {
            // The holder rule concerns naming one: a row that names a holder, makes a holder a
            // dependant, or moves a dependant; a change of personal data keeps the link.
            if order.holder != nil || user.isHolder || moves {
                holder = order.holder ?? user.holder
                if let refusal = checkHolder(holder, collective: target, context) { return refusal }
            } else {
                holder = user.holder
            }
        }
        let before = (user.firstName, user.lastName, user.relationship, user.holder, user.collective)
        user.firstName = order.firstName ?? user.firstName
        user.lastName = order.lastName ?? user.lastName
        user.relationship = relationship
        user.holder = holder
        guard moves || before != (user.firstName, user.lastName, user.relationship, user.holder, user.collective) else {
            return nil   // the data it has already: applied, no event (docs/rules-over-time.md, "The model-based test")
        }
        let old = user.collective
        user.join(target, on: context.asOf)
        user.events.append(ModelEvent(kind: moves ? .move : .modify, date: context.asOf, collective: target,
                                      contract: nil))
        users[user.document] = user
        // A holder who moves takes the dependants along (those in the holder's old collective).
        if moves && user.isHolder {
            for document in dependants {
                guard var dependant = users[document], dependant.collective == old else { continue }
                dependant.join(target, on: context.asOf)
                dependant.events.append(ModelEvent(kind: .move, date: context.asOf, collective: target, contract: nil))
                users[document] = dependant
            }
        }
        return nil
    }
}

extension ModelContract {
    /// One rule for EXTENSIÓN and payments: a contract in force gains the period at its end; an
    /// EXPIRED one (its end before `day`) restarts on `day`.
    mutating func renew(by months: Int, on day: Day) {
        if end < day {
            start = day
            end = day.adding(months: months)
        } else {
            end = end.adding(months: months)
        }
    }
}
