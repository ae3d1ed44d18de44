import DealersModel

/// One change a roster computes, as its preview shows it: the action, who, and for a
/// MODIFICACIÓN or a move one field with its value before and after.
public struct RosterChange: Sendable, Equatable {
    /// ALTA, BAJA, MODIFICACION or CAMBIO_COLECTIVO (a move within the dealer).
    public var action: EventKind
    /// The person's document.
    public var document: String
    /// The person's name, as the file gives it (or the store, for someone absent).
    public var name: String
    /// The field that changes (the layout's field name, `collective` for ALTA, BAJA and moves).
    public var field: String
    /// Its value before ("" for an ALTA).
    public var before: String
    /// Its value after ("" for a BAJA).
    public var after: String

    /// Creates a change.
    public init(action: EventKind, document: String, name: String, field: String, before: String, after: String) {
        self.action = action
        self.document = document
        self.name = name
        self.field = field
        self.before = before
        self.after = after
    }
}

/// The rules of roster files (docs/layouts.md, "Roster files"): a roster lists every current
/// member of the collectives it names, and each row's action is computed against the store —
/// ALTA for someone unknown or with no current contract, MODIFICACIÓN of what differs (a move
/// when the collective differs), nothing when nothing differs — and every member with a current
/// contract who is absent gets a BAJA as of the as-of date. The changes go through
/// ``UserRules``, so they are ordinary events of the history.
public enum RosterRules {
    /// The note of the BAJA of a member absent from the roster (English reports: "absent from roster").
    public static let absentNote = "ausente del censo"

    /// What a roster row comes to: the violation that refused it, or the changes it made (none
    /// for a person whose data are as the row says).
    public struct Outcome: Sendable, Equatable {
        /// Why the row was refused, if it was.
        public var violation: RuleViolation?
        /// What the row changed (empty: unchanged, or refused).
        public var changes: [RosterChange]
        /// The computed action (`nil`: unchanged).
        public var action: Action?
        /// The collective the person had an ACTIVE or SCHEDULED contract in before the row
        /// (`nil`: none), for the brake's count of current contracts.
        public var currentIn: String? = nil
    }

    /// Computes and applies the action of one roster row (`cmd`'s action is ignored). A user of
    /// another dealer is, to this dealer, someone unknown: the row is an ALTA, answered as any
    /// ALTA of such a document is.
    public static func apply(_ cmd: UserCommand, to state: DomainState, context: RuleContext) throws -> Outcome {
        let found = try state.user(cmd.document)
        let visible = try found.flatMap { try context.conflict(.user, user: $0, state: state) } == nil ? found : nil
        var command = cmd
        let changes: [RosterChange]
        var currentIn: String?
        if let user = visible, user.currentContract(asOf: context.asOf) != nil {
            currentIn = user.collective
            changes = differences(cmd, from: user)
            guard !changes.isEmpty else { return Outcome(violation: nil, changes: [], action: nil, currentIn: currentIn) }
            command.action = .modificacion
        } else {
            command.action = .alta
            changes = [RosterChange(action: .alta, document: cmd.document, name: name(cmd, visible), field: "collective",
                                    before: "", after: cmd.collective ?? "")]
        }
        if let violation = try UserRules.apply(command, to: state, context: context) {
            return Outcome(violation: violation, changes: [], action: command.action, currentIn: currentIn)
        }
        return Outcome(violation: nil, changes: changes, action: command.action, currentIn: currentIn)
    }

    /// The BAJA of a member of `collective` absent from the roster, as of the as-of date, when
    /// they still belong to it with an ACTIVE or SCHEDULED contract (dependants follow their
    /// holder); the events name the file and no line. Returns the change, or `nil` when there
    /// was nothing to cancel.
    public static func cancelAbsent(_ document: String, collective: String, state: DomainState,
                                    context: RuleContext) throws -> RosterChange? {
        guard var user = try state.user(document), user.collective == collective,
              try context.conflict(.user, user: user, state: state) == nil,
              user.currentContract(asOf: context.asOf) != nil else { return nil }
        var rowless = context
        rowless.rowless = true
        try UserRules.cancelWithDependants(&user, on: context.asOf, state: state, context: rowless, note: absentNote)
        return RosterChange(action: .baja, document: document, name: fullName(user.firstName, user.lastName),
                            field: "collective", before: collective, after: "")
    }

    /// Whether `user` is a member the roster of `collective` must list: in it now, with an
    /// ACTIVE or SCHEDULED contract.
    public static func isCurrentMember(_ user: User, of collective: String, asOf: CivilDate) -> Bool {
        user.collective == collective && user.currentContract(asOf: asOf) != nil
    }

    /// The fields a row gives that differ from the user's (an empty cell keeps what is there,
    /// as in a MODIFICACIÓN).
    package static func differences(_ cmd: UserCommand, from user: User) -> [RosterChange] {
        let who = name(cmd, user)
        var changes: [RosterChange] = []
        func compare(_ field: String, _ before: String?, _ after: String?) {
            guard let after, after != (before ?? "") else { return }
            changes.append(RosterChange(action: .modificacion, document: user.document, name: who, field: field,
                                        before: before ?? "", after: after))
        }
        if let collective = cmd.collective, collective != user.collective {
            changes.append(RosterChange(action: .cambioColectivo, document: user.document, name: who, field: "collective",
                                        before: user.collective, after: collective))
        }
        compare("documentType", user.documentType, cmd.documentType)
        compare("firstName", user.firstName, cmd.firstName)
        compare("lastName", user.lastName, cmd.lastName)
        compare("email", user.email, cmd.email)
        compare("phone", user.phone, cmd.phone)
        compare("birthDate", user.birthDate?.description, cmd.birthDate?.description)
        compare("relationship", user.relationship.rawValue, cmd.relationship?.rawValue)
        // A holder's own row names no holder: only a dependant's is compared.
        if (cmd.relationship ?? user.relationship) != .titular { compare("holder", user.holder, cmd.holder) }
        return changes
    }

    private static func name(_ cmd: UserCommand, _ user: User?) -> String {
        fullName(cmd.firstName ?? user?.firstName ?? "", cmd.lastName ?? user?.lastName ?? "")
    }

    private static func fullName(_ first: String, _ last: String) -> String {
        [first, last].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
