import DealersModel

/// A person enrolled in the service, identified by normalised document (§3.2), with their
/// contracts and the history of every change.
public struct User: Codable, Sendable, Equatable {
    /// The document number, normalised (upper case, no spaces, dots or dashes).
    public var document: String
    /// DNI, NIE, PASAPORTE, OTRO … as given.
    public var documentType: String?
    /// Given name(s).
    public var firstName: String
    /// Surname(s).
    public var lastName: String
    /// E-mail, when known.
    public var email: String?
    /// Phone in E.164, when known.
    public var phone: String?
    /// Birth date, when known.
    public var birthDate: CivilDate?
    /// TITULAR or a dependant's relationship.
    public var relationship: Relationship
    /// The holder's document, for dependants.
    public var holder: String?
    /// Documents of this holder's dependants.
    public var dependants: [String]
    /// The collective the user belongs to now.
    public var collective: String
    /// The seller code (the users layout's `Vendedor`) of the dealer's sales person whose client
    /// this is, when one was given; a seller account sees and touches only its own clients.
    public var seller: String?
    /// Every contract, oldest first; the last is the current one when it is ACTIVE or SCHEDULED.
    public var contracts: [Contract]
    /// Every change, oldest first.
    public var history: [ContractEvent]
    /// When the user was created.
    public var createdOn: CivilDate
    /// When the user was last changed.
    public var updatedOn: CivilDate
    /// The SEPA direct-debit mandate of the user's account, when the users file gave an IBAN.
    public var mandate: Mandate?

    /// The latest contract, if any.
    public var latestContract: Contract? { contracts.last }

    /// The latest contract when it is ACTIVE or SCHEDULED as of a date.
    public func currentContract(asOf date: CivilDate) -> Contract? {
        guard let last = contracts.last, last.status(asOf: date).isCurrent else { return nil }
        return last
    }

    /// The user as the rules read them: everything a rule decides on (document, first name,
    /// relationship, holder, dependants, collective, seller, contracts) and nothing they only write
    /// (history, surname, contact data, dates of the record). A dry run keeps users this way:
    /// its changes are never saved, so what no rule reads need not be kept, encoded or spilled.
    package var ruleFacts: User {
        var facts = self
        facts.keepRuleFactsOnly()
        return facts
    }

    /// Drops, in place, what ``ruleFacts`` leaves out: a dry run trims the user it keeps without
    /// copying it.
    package mutating func keepRuleFactsOnly() {
        documentType = nil
        lastName = ""
        email = nil
        phone = nil
        birthDate = nil
        history = []
        mandate = nil
    }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        document: String,
        documentType: String? = nil,
        firstName: String,
        lastName: String,
        email: String? = nil,
        phone: String? = nil,
        birthDate: CivilDate? = nil,
        relationship: Relationship,
        holder: String? = nil,
        dependants: [String],
        collective: String,
        seller: String? = nil,
        contracts: [Contract],
        history: [ContractEvent],
        createdOn: CivilDate,
        updatedOn: CivilDate,
        mandate: Mandate? = nil
    ) {
        self.document = document
        self.documentType = documentType
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.birthDate = birthDate
        self.relationship = relationship
        self.holder = holder
        self.dependants = dependants
        self.collective = collective
        self.seller = seller
        self.contracts = contracts
        self.history = history
        self.createdOn = createdOn
        self.updatedOn = updatedOn
        self.mandate = mandate
    }
}

/// How a user relates to the holder of the family plan.
public enum Relationship: String, Codable, Sendable, CaseIterable {
    /// The holder.
    case titular = "TITULAR"
    /// Spouse or partner.
    case conyuge = "CONYUGE"
    /// Son (or a child, when the file does not say).
    case hijo = "HIJO"
    /// Daughter: kept as written, never folded into `HIJO`.
    case hija = "HIJA"
    /// Another dependant.
    case otro = "OTRO"

    /// Parses what people write: a code in any case or accent (`Titular`, `cónyuge`, `hija`),
    /// kept as that code. Layouts written before value aliases (``Field/valueAliases``) also
    /// relied on a few synonyms (`esposa`, `pareja` → CONYUGE, `holder` → TITULAR, `child` → HIJO,
    /// `otra` → OTRO); they are still understood, and a layout maps any other word explicitly.
    public init?(parsing text: String) {
        if let code = Relationship(rawValue: text) {
            self = code  // the code itself, as validated enum values arrive: nothing to fold
            return
        }
        guard let r = Self.spellings[TextNormalization.key(text)] else { return nil }
        self = r
    }

    /// Every accepted spelling, folded as `TextNormalization.key` folds.
    private static let spellings: [String: Relationship] = [
        "titular": .titular, "holder": .titular, "t": .titular,
        "conyuge": .conyuge, "esposo": .conyuge, "esposa": .conyuge, "pareja": .conyuge, "spouse": .conyuge,
        "hijo": .hijo, "hija": .hija, "child": .hijo,
        "otro": .otro, "otra": .otro, "other": .otro, "beneficiario": .otro,
    ]
}
