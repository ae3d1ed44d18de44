import DealersModel

/// The rules of collectives files (§3.1): create, change, deactivate.
public enum CollectiveRules {
    /// Applies one command; returns the violation that refused it, or `nil` when applied.
    ///
    /// Another dealer's collective is, to this dealer, one that does not exist: a change or a
    /// BAJA gets `UNKNOWN_COLLECTIVE`, and an ALTA of its code goes through every check a new
    /// collective would and is refused only where it would be created, with the neutral
    /// `IDENTIFIER_UNAVAILABLE` (docs/reliability.md, "Isolation between dealers").
    public static func apply(_ cmd: CollectiveCommand, to state: DomainState, context: RuleContext) throws -> RuleViolation? {
        let found = try state.collective(cmd.code)
        let conflict = found.flatMap { context.conflict(.collective, collective: $0) }
        let existing = conflict == nil ? found : nil
        if let dealer = cmd.dealer, context.dealer != nil, dealer != context.dealer {
            return RuleViolation(.dealerForbidden, field: "dealer", value: dealer)
        }
        let unknown = RuleViolation(.unknownCollective, field: "code", value: cmd.code).with(conflict)
        switch cmd.action {
        case .alta:
            if existing != nil { return RuleViolation(.collectiveExists, field: "code", value: cmd.code) }
            guard let name = cmd.name else { return RuleViolation(.missingValue, field: "name", value: "") }
            guard let country = cmd.country else { return RuleViolation(.missingValue, field: "country", value: "") }
            guard let currency = cmd.currency else { return RuleViolation(.missingValue, field: "currency", value: "") }
            if let conflict {
                return RuleViolation(.identifierUnavailable, field: "code", value: cmd.code, conflict: conflict)
            }
            let plan = Plan(monthlyPrice: cmd.monthlyPrice, annualPrice: cmd.annualPrice, currency: currency,
                            defaultLength: cmd.defaultLength ?? context.defaultLength)
            try state.save(Collective(code: cmd.code, name: name, country: country, dealer: cmd.dealer ?? context.dealer,
                                      plan: plan, active: cmd.active ?? true, createdOn: context.asOf, updatedOn: context.asOf,
                                      paymentMethod: cmd.paymentMethod))
            return nil
        case .modificacion:
            guard var c = existing else { return unknown }
            if let v = cmd.name { c.name = v }
            if let v = cmd.country { c.country = v }
            if let v = cmd.dealer { c.dealer = v }
            if let v = cmd.monthlyPrice { c.plan.monthlyPrice = v }
            if let v = cmd.annualPrice { c.plan.annualPrice = v }
            if let v = cmd.currency { c.plan.currency = v }
            if let v = cmd.defaultLength { c.plan.defaultLength = v }
            if let v = cmd.paymentMethod { c.paymentMethod = v }
            let reactivated = cmd.active == true && !c.active
            if let v = cmd.active, !v, c.active { return try deactivate(c, state: state, context: context) }
            if reactivated { c.active = true }
            c.updatedOn = context.asOf
            try state.save(c)
            return nil
        case .baja:
            guard let c = existing else { return unknown }
            return try deactivate(c, state: state, context: context)
        case .extension, .pago, .devolucion:
            return RuleViolation(.unknownAction, field: "action", value: cmd.action.rawValue,
                                 detail: LocalizedText("ALTA, BAJA, MODIFICACION"))
        }
    }

    /// Deactivates a collective and cancels its users' current contracts (one BAJA event each).
    package static func deactivate(_ collective: Collective, state: DomainState, context: RuleContext) throws -> RuleViolation? {
        var c = collective
        c.active = false
        c.updatedOn = context.asOf
        try state.save(c)
        for document in try state.members(of: c.code) {
            guard var user = try state.user(document) else { continue }
            if user.currentContract(asOf: context.asOf) != nil {
                UserRules.cancelLatestContract(of: &user, on: context.asOf, context: context,
                                               note: "baja del colectivo \(c.code)")
            }
            try state.save(user)
        }
        return nil
    }
}
