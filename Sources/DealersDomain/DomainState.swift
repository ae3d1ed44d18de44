import DealersModel

/// What the rules read and change. The store provides it inside a transaction; tests provide it
/// in memory. Reads see the effect of earlier saves in the same transaction.
public protocol DomainState: AnyObject {
    /// The collective with a code, if it exists.
    func collective(_ code: String) throws -> Collective?
    /// The user with a normalised document, if they exist.
    func user(_ document: String) throws -> User?
    /// The documents of the users who belong to a collective now.
    func members(of collective: String) throws -> [String]
    /// Records a new or changed collective.
    func save(_ collective: Collective) throws
    /// Records a new or changed user (membership of collectives follows `user.collective`).
    /// Consuming: a caller done with its user hands it over without a copy.
    func save(_ user: consuming User) throws
    /// A new, never used contract number.
    func nextContractNumber() throws -> String
}

/// Where and when a change comes from.
public struct RuleContext: Sendable {
    /// The as-of date of the run.
    public var asOf: CivilDate
    /// The dealer whose inbox the file came from; `nil` for the service operator.
    public var dealer: String?
    /// The input file's name.
    public var sourceFile: String
    /// The row's line.
    public var line: Int
    /// The length of a collective's contracts when its row gives none (`dealers.json`).
    public var defaultLength: ContractLength
    /// Whether the change comes from no row of the file (a roster's member absent from it):
    /// its events then name no line.
    public var rowless = false

    /// The line the events of this change name: the row's, or none for a rowless change.
    public var eventLine: Int? { rowless ? nil : line }

    /// The seller whose upload this is (a seller account's code): the row may touch only that
    /// seller's clients, and an ALTA without a seller gets this one; `nil` for the dealer's reach.
    public var seller: String? = nil

    /// Creates a context.
    public init(asOf: CivilDate, dealer: String?, sourceFile: String, line: Int, defaultLength: ContractLength = .year) {
        self.asOf = asOf
        self.dealer = dealer
        self.sourceFile = sourceFile
        self.line = line
        self.defaultLength = defaultLength
    }

    /// Whether this context may touch a collective owned by `owner`.
    package func mayTouch(_ owner: String?) -> Bool {
        guard let dealer else { return true }
        return owner == dealer
    }
}

/// Why a rule refused a row: a stable code, the field and value concerned, and a detail.
public struct RuleViolation: Error, Sendable, Equatable {
    /// The stable code.
    public var code: ErrorCode
    /// The field (layout name) the violation is about.
    public var field: String
    /// The value concerned.
    public var value: String
    /// Extra detail (dates, other collective …).
    public var detail: LocalizedText
    /// When the row referred to another dealer's data: what, for the operator only.
    public var conflict: CrossDealerConflict?

    /// Creates a violation.
    public init(_ code: ErrorCode, field: String, value: String, detail: LocalizedText = LocalizedText(""),
                conflict: CrossDealerConflict? = nil) {
        self.code = code
        self.field = field
        self.value = value
        self.detail = detail
        self.conflict = conflict
    }
}
