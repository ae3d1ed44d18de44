/// A row from a dealer's inbox that referred to something of another dealer (or of the
/// operator): the dealer is answered exactly as if the thing did not exist, or with the neutral
/// ``ErrorCode/identifierUnavailable``, and the operator gets this in the conflicts report
/// (docs/reliability.md, "Isolation between dealers"). Never written into a dealer's outbox.
public struct CrossDealerConflict: Codable, Sendable, Equatable {
    /// What the row referred to.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A user, by document (ALTA, BAJA, EXTENSIÓN, MODIFICACIÓN, payment by document).
        case user = "USER"
        /// A dependant's holder, by document.
        case holder = "HOLDER"
        /// A collective, by code.
        case collective = "COLLECTIVE"
        /// A contract, by number.
        case contract = "CONTRACT"
        /// A payment, by id (a reversal's original, or a new payment's id already taken).
        case payment = "PAYMENT"
    }

    /// What the row referred to.
    public var kind: Kind
    /// The dealer that owns it (`nil`: the operator's own collectives).
    public var owner: String?
    /// The collective it belongs to.
    public var ownerCollective: String?
    /// The document of the user concerned, when a user is.
    public var document: String?

    /// Creates a conflict.
    public init(kind: Kind, owner: String?, ownerCollective: String?, document: String?) {
        self.kind = kind
        self.owner = owner
        self.ownerCollective = ownerCollective
        self.document = document
    }
}

extension RuleContext {
    /// The conflict when `collective` belongs to a dealer this context may not touch; `nil` when
    /// it may (always for the operator).
    package func conflict(_ kind: CrossDealerConflict.Kind, collective: Collective, document: String? = nil) -> CrossDealerConflict? {
        mayTouch(collective.dealer) ? nil
            : CrossDealerConflict(kind: kind, owner: collective.dealer, ownerCollective: collective.code, document: document)
    }

    /// The conflict when `user`'s collective belongs to a dealer this context may not touch, or,
    /// in a seller's scope, when the user is not that seller's client (another seller's, or no
    /// seller's): to a seller, as to a dealer, what is not theirs does not exist.
    package func conflict(_ kind: CrossDealerConflict.Kind, user: User, state: DomainState) throws -> CrossDealerConflict? {
        guard dealer != nil, let collective = try state.collective(user.collective) else { return nil }
        if let other = conflict(kind, collective: collective, document: user.document) { return other }
        guard let seller, user.seller != seller else { return nil }
        return CrossDealerConflict(kind: kind, owner: collective.dealer, ownerCollective: collective.code, document: user.document)
    }
}

extension RuleViolation {
    /// This violation, carrying the conflict the operator is told about (unchanged for `nil`).
    package func with(_ conflict: CrossDealerConflict?) -> RuleViolation {
        guard let conflict else { return self }
        var v = self
        v.conflict = conflict
        return v
    }
}
