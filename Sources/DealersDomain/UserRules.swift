import DealersModel

/// The rules of users files (§3.2, §3.3): ALTA, BAJA, EXTENSIÓN, MODIFICACIÓN, holders and
/// dependants. Every refusal is a ``RuleViolation``; nothing is saved for a refused row.
public enum UserRules {
    /// Applies one command; returns the violation that refused it, or `nil` when applied.
    ///
    /// A user of another dealer is, to this dealer, a user who does not exist: BAJA, EXTENSIÓN
    /// and MODIFICACIÓN get `UNKNOWN_USER`, and an ALTA goes through every check a new user
    /// would and is refused only where a new user would be created, with the neutral
    /// `IDENTIFIER_UNAVAILABLE` (docs/reliability.md, "Isolation between dealers").
    ///
    /// In a seller's scope (``RuleContext/seller``) the same holds for users that are not the
    /// seller's clients, and for a row that would give a user to another seller (its `Vendedor`
    /// names another code): answered as a user who does not exist. An ALTA without a `Vendedor`
    /// gets the seller's.
    public static func apply(_ command: UserCommand, to state: DomainState, context: RuleContext) throws -> RuleViolation? {
        // The command is copied only when it changes (a seller's ALTA without a seller): a copy
        // retains and releases every string it holds, per row.
        if let own = context.seller, command.action == .alta, command.seller == nil {
            var cmd = command
            cmd.seller = own
            return try applyAsGiven(cmd, to: state, context: context)
        }
        return try applyAsGiven(command, to: state, context: context)
    }

    /// ``apply(_:to:context:)`` of a command whose seller is settled.
    private static func applyAsGiven(_ cmd: UserCommand, to state: DomainState, context: RuleContext) throws -> RuleViolation? {
        let found = try state.user(cmd.document)
        var conflict = try found.flatMap { try context.conflict(.user, user: $0, state: state) }
        if conflict == nil, let own = context.seller, let given = cmd.seller, given != own {
            conflict = CrossDealerConflict(kind: .user, owner: context.dealer, ownerCollective: found?.collective,
                                           document: cmd.document)
        }
        let existing = conflict == nil ? found : nil
        if let signed = cmd.mandateSignedOn, signed > context.asOf {
            return RuleViolation(.mandateDateInFuture, field: "mandateSignedOn", value: signed.description,
                                 detail: LocalizedText(context.asOf.description))
        }
        switch cmd.action {
        case .alta: return try alta(cmd, existing: existing, taken: conflict, state: state, context: context)
        case .baja: return try baja(cmd, existing: existing, state: state, context: context)?.with(conflict)
        case .extension: return try extend(cmd, existing: existing, state: state, context: context)?.with(conflict)
        case .modificacion: return try modify(cmd, existing: existing, state: state, context: context)?.with(conflict)
        case .pago, .devolucion:
            return RuleViolation(.unknownAction, field: "action", value: cmd.action.rawValue,
                                 detail: LocalizedText("ALTA, BAJA, EXTENSION, MODIFICACION"))
        }
    }

    /// Checks that a collective exists, is active and may be touched from this inbox (another
    /// dealer's collective is, to this dealer, one that does not exist).
    package static func usableCollective(_ code: String?, state: DomainState, context: RuleContext) throws -> Result<Collective, RuleViolation> {
        guard let code else { return .failure(RuleViolation(.missingValue, field: "collective", value: "")) }
        let unknown = RuleViolation(.unknownCollective, field: "collective", value: code)
        guard let c = try state.collective(code) else { return .failure(unknown) }
        if let conflict = context.conflict(.collective, collective: c) { return .failure(unknown.with(conflict)) }
        guard c.active else { return .failure(RuleViolation(.collectiveInactive, field: "collective", value: code)) }
        return .success(c)
    }

    /// Checks that a dependant's holder is a TITULAR with a current contract in `collective`
    /// (another dealer's user is, to this dealer, a holder who does not exist).
    package static func checkHolder(_ holderDocument: String?, collective: String, state: DomainState, context: RuleContext) throws -> Result<User, RuleViolation> {
        guard let holderDocument else { return .failure(RuleViolation(.missingValue, field: "holder", value: "")) }
        let notFound = RuleViolation(.holderNotFound, field: "holder", value: holderDocument)
        let found = try state.user(holderDocument)
        if let found, let conflict = try context.conflict(.holder, user: found, state: state) {
            return .failure(notFound.with(conflict))
        }
        guard let holder = found, holder.relationship == .titular, holder.currentContract(asOf: context.asOf) != nil else {
            return .failure(notFound)
        }
        guard holder.collective == collective else {
            return .failure(RuleViolation(.holderInOtherCollective, field: "holder", value: holderDocument,
                                          detail: LocalizedText(holder.collective)))
        }
        return .success(holder)
    }

    /// An ALTA. `taken`: the document is another dealer's user, so every check runs as for a new
    /// user and the row is refused, neutrally, only where that user would be created.
    package static func alta(_ cmd: UserCommand, existing: User?, taken: CrossDealerConflict? = nil, state: DomainState,
                     context: RuleContext) throws -> RuleViolation? {
        let collective: Collective
        switch try usableCollective(cmd.collective ?? existing?.collective, state: state, context: context) {
        case .success(let c): collective = c
        case .failure(let v): return v
        }
        if let current = existing?.currentContract(asOf: context.asOf) {
            return RuleViolation(.activeContractExists, field: "document", value: cmd.document,
                                 detail: LocalizedText("\(current.number) \(current.start) – \(current.end)"))
        }
        if let holding = existing, holding.relationship == .titular, !holding.dependants.isEmpty,
           holding.collective != collective.code {
            return RuleViolation(.holderHasDependants, field: "collective", value: collective.code,
                                 detail: LocalizedText(holding.dependants.joined(separator: ", ")))
        }
        let relationship = cmd.relationship ?? existing?.relationship ?? .titular
        var holder: User?
        if relationship != .titular {
            switch try checkHolder(cmd.holder ?? existing?.holder, collective: collective.code, state: state, context: context) {
            case .success(let h): holder = h
            case .failure(let v): return v
            }
        }
        let start = cmd.startDate ?? context.asOf
        let end = cmd.endDate ?? collective.plan.defaultLength.added(to: start)
        guard start <= end else {
            return RuleViolation(.invalidDates, field: "endDate", value: end.description,
                                 detail: LocalizedText(es: "el fin \(end) es anterior al inicio \(start)", en: "end \(end) is before start \(start)"))
        }
        guard let firstName = cmd.firstName ?? existing?.firstName, !firstName.isEmpty else {
            return RuleViolation(.missingValue, field: "firstName", value: "")
        }
        if let taken {
            return RuleViolation(.identifierUnavailable, field: "document", value: cmd.document, conflict: taken)
        }
        let contract = Contract(number: try state.nextContractNumber(), start: start, end: end, cancelledOn: nil,
                                collective: collective.code)
        var user = existing ?? User(document: cmd.document, documentType: cmd.documentType, firstName: firstName,
                                    lastName: cmd.lastName ?? "", email: nil, phone: nil, birthDate: nil,
                                    relationship: relationship, holder: nil, dependants: [], collective: collective.code,
                                    contracts: [], history: [], createdOn: context.asOf, updatedOn: context.asOf)
        let previousHolder = user.holder
        let previousSeller = existing?.seller
        applyPersonalData(cmd, to: &user, asOf: context.asOf)
        user.relationship = relationship
        user.holder = holder?.document
        user.collective = collective.code
        user.contracts.append(contract)
        user.updatedOn = context.asOf
        user.history.append(event(.alta, user: user, contract: contract, before: nil, after: end, date: start, context: context,
                                  note: sellerNote(from: previousSeller, to: user.seller)))
        let document = user.document
        try state.save(user)   // its last use, so the optimiser may move it
        try relink(document, from: previousHolder, to: holder?.document, state: state)
        return nil
    }

    package static func baja(_ cmd: UserCommand, existing: User?, state: DomainState, context: RuleContext) throws -> RuleViolation? {
        guard var user = existing else { return RuleViolation(.unknownUser, field: "document", value: cmd.document) }
        let date = cmd.date ?? context.asOf
        guard let latest = user.latestContract else { return RuleViolation(.noCurrentContract, field: "document", value: cmd.document) }
        if let cancelled = latest.cancelledOn, cancelled <= context.asOf {
            return RuleViolation(.contractCancelled, field: "document", value: cmd.document,
                                 detail: LocalizedText("\(latest.number) \(cancelled)"))
        }
        // A BAJA already pending (dated later) may be brought forward, never pushed back: the
        // service already ends on its date.
        if let pending = latest.cancelledOn, date >= pending {
            return RuleViolation(.contractCancelled, field: "date", value: date.description,
                                 detail: LocalizedText("\(latest.number) \(pending)"))
        }
        guard date >= latest.start || date >= context.asOf else {
            return RuleViolation(.invalidDates, field: "date", value: date.description,
                                 detail: LocalizedText(es: "la baja \(date) es anterior al inicio \(latest.start)", en: "the baja \(date) is before the start \(latest.start)"))
        }
        try cancelWithDependants(&user, on: date, state: state, context: context, note: nil)
        return nil
    }

    /// Cancels a user's latest contract on `date` (``cancelLatestContract(of:on:context:note:)``)
    /// and saves them; a holder's BAJA cancels the contracts of the holder's dependants too, each
    /// with a BAJA of their own noting the holder.
    package static func cancelWithDependants(_ user: inout User, on date: CivilDate, state: DomainState, context: RuleContext,
                                             note: String?) throws {
        cancelLatestContract(of: &user, on: date, context: context, note: note)
        try state.save(user)
        guard user.relationship == .titular else { return }
        for document in user.dependants {
            guard var dependant = try state.user(document) else { continue }
            cancelLatestContract(of: &dependant, on: date, context: context, note: "baja del titular \(user.document)")
            try state.save(dependant)
        }
    }

    package static func extend(_ cmd: UserCommand, existing: User?, state: DomainState, context: RuleContext) throws -> RuleViolation? {
        guard var user = existing else { return RuleViolation(.unknownUser, field: "document", value: cmd.document) }
        guard let period = cmd.period else { return RuleViolation(.missingValue, field: "period", value: "") }
        guard period.isMonthOrYear else { return RuleViolation(.invalidPeriod, field: "period", value: period.description) }
        guard let index = user.contracts.indices.last else { return RuleViolation(.noCurrentContract, field: "document", value: cmd.document) }
        let contract = user.contracts[index]
        // A contract with a BAJA recorded, even one dated later, gains nothing, as a payment
        // would not (docs/rules-over-time.md).
        if let cancelledOn = contract.cancelledOn {
            return RuleViolation(.contractCancelled, field: "document", value: cmd.document,
                                 detail: LocalizedText("\(contract.number) \(cancelledOn)"))
        }
        // An EXPIRED contract restarts on the extension's date, as a payment restarts it.
        let renewal = ContractRenewal(of: contract, by: period, on: context.asOf)
        user.contracts[index].start = renewal.start
        user.contracts[index].end = renewal.end
        user.updatedOn = context.asOf
        user.history.append(event(.extension, user: user, contract: contract, before: contract.end,
                                  after: renewal.end, date: context.asOf, context: context,
                                  note: renewal.note(from: contract)))
        try state.save(user)
        return nil
    }

    package static func modify(_ cmd: UserCommand, existing: User?, state: DomainState, context: RuleContext) throws -> RuleViolation? {
        guard var user = existing else { return RuleViolation(.unknownUser, field: "document", value: cmd.document) }
        let previousHolder = user.holder
        let targetCollective = cmd.collective ?? user.collective
        let moves = targetCollective != user.collective
        if moves, case .failure(let v) = try usableCollective(targetCollective, state: state, context: context) { return v }
        let relationship = cmd.relationship ?? user.relationship
        if relationship != .titular, user.relationship == .titular, !user.dependants.isEmpty {
            return RuleViolation(.holderHasDependants, field: "relationship", value: relationship.rawValue,
                                 detail: LocalizedText(user.dependants.joined(separator: ", ")))
        }
        // The holder rule concerns naming one: it is checked when the row names a holder, makes
        // a holder a dependant, or moves the user; a change of personal data keeps the link as it
        // is, even once the holder has left (docs/rules-over-time.md).
        var holderDocument: String?
        if relationship != .titular {
            if cmd.holder != nil || user.relationship == .titular || moves {
                switch try checkHolder(cmd.holder ?? user.holder, collective: targetCollective, state: state, context: context) {
                case .success(let h): holderDocument = h.document
                case .failure(let v): return v
                }
            } else {
                holderDocument = user.holder
            }
        }
        let before = user
        applyPersonalData(cmd, to: &user, asOf: context.asOf)
        user.relationship = relationship
        user.holder = holderDocument
        user.collective = targetCollective
        guard user != before else { return nil }
        user.updatedOn = context.asOf
        let current = user.currentContract(asOf: context.asOf)
        user.history.append(event(moves ? .cambioColectivo : .modificacion, user: user, contract: current,
                                  before: current?.end, after: current?.end, date: context.asOf, context: context,
                                  note: joinedNote(moves ? try moveNote(from: before.collective, to: targetCollective, state: state) : nil,
                                                   sellerNote(from: before.seller, to: user.seller))))
        try state.save(user)
        try relink(user.document, from: previousHolder, to: holderDocument, state: state)
        // A holder who moves takes the dependants along (they must share the holder's collective),
        // each with a move of their own in the history.
        if moves, user.relationship == .titular {
            for document in user.dependants {
                guard var dependant = try state.user(document), dependant.collective == before.collective else { continue }
                let dependantBefore = dependant.collective
                dependant.collective = targetCollective
                dependant.updatedOn = context.asOf
                let contract = dependant.currentContract(asOf: context.asOf)
                dependant.history.append(event(.cambioColectivo, user: dependant, contract: contract,
                                               before: contract?.end, after: contract?.end, date: context.asOf,
                                               context: context,
                                               note: "\(try moveNote(from: dependantBefore, to: targetCollective, state: state)) (cambio del titular \(user.document))"))
                try state.save(dependant)
            }
        }
        return nil
    }

    /// The note of a move: `OLD → NEW`, or `→ NEW` when the operator moves a user to another
    /// dealer's collective (the event goes to the new dealer's reports, which never name the old
    /// dealer's collectives).
    package static func moveNote(from old: String, to new: String, state: DomainState) throws -> String {
        let sameDealer = try state.collective(old)?.dealer == state.collective(new)?.dealer
        return sameDealer ? "\(old) → \(new)" : "→ \(new)"
    }

    /// The note of a change of seller: `vendedor OLD → NEW`, `vendedor → NEW` for a first one,
    /// `nil` when the seller stays.
    package static func sellerNote(from old: String?, to new: String?) -> String? {
        guard let new, new != old else { return nil }
        return "vendedor \(old.map { "\($0) " } ?? "")→ \(new)"
    }

    /// Notes joined with `; `, `nil` when there is none.
    package static func joinedNote(_ notes: String?...) -> String? {
        let given = notes.compactMap { $0 }
        return given.isEmpty ? nil : given.joined(separator: "; ")
    }

    /// Cancels the latest contract on `date` unless it is cancelled already (a pending BAJA dated
    /// later is brought forward to `date`, never pushed back: a holder's later BAJA leaves a
    /// dependant's earlier one as it is), recording a BAJA event; returns whether it did. A SCHEDULED contract is CANCELLED from the baja's date (it
    /// never starts; its end becomes its start), an ACTIVE one ends on that date, and an EXPIRED
    /// one keeps its end and is marked CANCELLED, so that no payment or EXTENSIÓN restarts it.
    @discardableResult
    package static func cancelLatestContract(of user: inout User, on date: CivilDate, context: RuleContext, note: String?) -> Bool {
        guard let index = user.contracts.indices.last,
              user.contracts[index].cancelledOn.map({ $0 > context.asOf && date < $0 }) ?? true else { return false }
        let contract = user.contracts[index]
        user.contracts[index].cancelledOn = date
        user.contracts[index].end = min(contract.end, max(date, contract.start))
        user.updatedOn = context.asOf
        user.history.append(event(.baja, user: user, contract: contract, before: contract.end,
                                  after: user.contracts[index].end, date: date, context: context, note: note))
        return true
    }

    /// Copies the personal data a command gives (empty cells keep what is there).
    package static func applyPersonalData(_ cmd: UserCommand, to user: inout User, asOf: CivilDate) {
        if let v = cmd.documentType { user.documentType = v }
        if let v = cmd.firstName { user.firstName = v }
        if let v = cmd.lastName { user.lastName = v }
        if let v = cmd.email { user.email = v }
        if let v = cmd.phone { user.phone = v }
        if let v = cmd.birthDate { user.birthDate = v }
        user.mandate = Mandate.updated(user.mandate, by: cmd, asOf: asOf)
        if let v = cmd.seller { user.seller = v }
    }

    /// Keeps holders' dependants lists in step with a dependant's holder.
    package static func relink(_ document: String, from old: String?, to new: String?, state: DomainState) throws {
        guard old != new else { return }
        if let old, var holder = try state.user(old) {
            holder.dependants.removeAll { $0 == document }
            try state.save(consume holder)
        }
        if let new, var holder = try state.user(new), !holder.dependants.contains(document) {
            holder.dependants.append(document)
            try state.save(consume holder)
        }
    }

    package static func event(_ kind: EventKind, user: User, contract: Contract?, before: CivilDate?, after: CivilDate?,
                      date: CivilDate, context: RuleContext, note: String? = nil) -> ContractEvent {
        ContractEvent(date: date, document: user.document, collective: user.collective, kind: kind,
                      contract: contract?.number, endBefore: before, endAfter: after,
                      sourceFile: context.sourceFile, sourceLine: context.eventLine, note: note,
                      recordedOn: context.asOf)
    }
}
