/// The rules of collectives files (§3.1): create, change, deactivate.
public enum CollectiveRules {
    /// Applies one command; returns the violation that refused it, or `nil` when applied.
    public static func apply(_ cmd: CollectiveCommand, to state: DomainState, context: RuleContext) throws -> RuleViolation? {
        let existing = try state.collective(cmd.code)
        if let existing, !context.mayTouch(existing.dealer) {
            return RuleViolation(.dealerForbidden, field: "code", value: cmd.code)
        }
        if let dealer = cmd.dealer, context.dealer != nil, dealer != context.dealer {
            return RuleViolation(.dealerForbidden, field: "dealer", value: dealer)
        }
        switch cmd.action {
        case .alta:
            if existing != nil { return RuleViolation(.collectiveExists, field: "code", value: cmd.code) }
            guard let name = cmd.name else { return RuleViolation(.missingValue, field: "name", value: "") }
            guard let country = cmd.country else { return RuleViolation(.missingValue, field: "country", value: "") }
            guard let currency = cmd.currency else { return RuleViolation(.missingValue, field: "currency", value: "") }
            let plan = Plan(monthlyPrice: cmd.monthlyPrice, annualPrice: cmd.annualPrice, currency: currency,
                            defaultLength: cmd.defaultLength ?? context.defaultLength)
            try state.save(Collective(code: cmd.code, name: name, country: country, dealer: cmd.dealer ?? context.dealer,
                                      plan: plan, active: cmd.active ?? true, createdOn: context.asOf, updatedOn: context.asOf))
            return nil
        case .modificacion:
            guard var c = existing else { return RuleViolation(.unknownCollective, field: "code", value: cmd.code) }
            if let v = cmd.name { c.name = v }
            if let v = cmd.country { c.country = v }
            if let v = cmd.dealer { c.dealer = v }
            if let v = cmd.monthlyPrice { c.plan.monthlyPrice = v }
            if let v = cmd.annualPrice { c.plan.annualPrice = v }
            if let v = cmd.currency { c.plan.currency = v }
            if let v = cmd.defaultLength { c.plan.defaultLength = v }
            let reactivated = cmd.active == true && !c.active
            if let v = cmd.active, !v, c.active { return try deactivate(c, state: state, context: context) }
            if reactivated { c.active = true }
            c.updatedOn = context.asOf
            try state.save(c)
            return nil
        case .baja:
            guard let c = existing else { return RuleViolation(.unknownCollective, field: "code", value: cmd.code) }
            return try deactivate(c, state: state, context: context)
        case .extension, .pago, .devolucion:
            return RuleViolation(.unknownAction, field: "action", value: cmd.action.rawValue,
                                 detail: LocalizedText("ALTA, BAJA, MODIFICACION"))
        }
    }

    /// Deactivates a collective and cancels its users' current contracts (one BAJA event each).
    static func deactivate(_ collective: Collective, state: DomainState, context: RuleContext) throws -> RuleViolation? {
        var c = collective
        c.active = false
        c.updatedOn = context.asOf
        try state.save(c)
        for document in try state.members(of: c.code) {
            guard var user = try state.user(document) else { continue }
            UserRules.cancelCurrentContract(of: &user, on: context.asOf, context: context,
                                            note: "baja del colectivo \(c.code)")
            try state.save(user)
        }
        return nil
    }
}
