import DealersDomain
import DealersDomainStore
import DealersModel
import DealersStore

/// One line of a sync feed file (`sync/feed-<first>-<last>.jsonl`): a user created, changed or
/// deactivated, with the user's data as it is when the feed is written. See `docs/outbox.md`.
public struct SyncFeedLine: Codable, Sendable, Equatable {
    /// The feed's number for its audience (the operator, or one dealer): 1, 2, 3 …
    public var feed: Int
    /// The change-log sequence of the user's last change in this feed. An importer skips lines
    /// whose sequence it has already applied.
    public var sequence: Int
    /// What happened to the user during the feed's period (CREATED wins over later changes).
    public var kind: ChangeLogEntry.Kind
    /// The as-of date of the run that made the change.
    public var asOf: CivilDate
    /// The input file that made the change, or `nightly`.
    public var source: String
    /// The user now.
    public var user: SyncUser

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        feed: Int,
        sequence: Int,
        kind: ChangeLogEntry.Kind,
        asOf: CivilDate,
        source: String,
        user: SyncUser
    ) {
        self.feed = feed
        self.sequence = sequence
        self.kind = kind
        self.asOf = asOf
        self.source = source
        self.user = user
    }
}

/// A user's data as the mobile app needs it.
public struct SyncUser: Codable, Sendable, Equatable {
    /// The normalised document.
    public var document: String
    /// DNI, NIE … as given.
    public var documentType: String?
    /// Given name(s).
    public var firstName: String
    /// Surname(s).
    public var lastName: String
    /// E-mail.
    public var email: String?
    /// Phone, E.164.
    public var phone: String?
    /// The user's collective.
    public var collective: String
    /// The collective's dealer (`nil`: the operator's own).
    public var dealer: String?
    /// TITULAR, CONYUGE, HIJO, HIJA, OTRO.
    public var relationship: Relationship
    /// The holder's document, for dependants.
    public var holder: String?
    /// The seller code (`Vendedor`), when the user has one.
    public var seller: String?
    /// The latest contract, if any.
    public var contract: SyncContract?

    /// The user's data, with the contract's status as of `asOf`.
    public init(_ user: User, dealer: String?, asOf: CivilDate) {
        document = user.document
        documentType = user.documentType
        firstName = user.firstName
        lastName = user.lastName
        email = user.email
        phone = user.phone
        collective = user.collective
        self.dealer = dealer
        relationship = user.relationship
        holder = user.holder
        seller = user.seller
        contract = user.latestContract.map {
            SyncContract(number: $0.number, start: $0.start, end: $0.end, status: $0.status(asOf: asOf))
        }
    }
}

/// A contract as the mobile app needs it.
public struct SyncContract: Codable, Sendable, Equatable {
    /// The contract number.
    public var number: String
    /// First day of service.
    public var start: CivilDate
    /// Last day of service.
    public var end: CivilDate
    /// Status as of the feed's date.
    public var status: ContractStatus

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        number: String,
        start: CivilDate,
        end: CivilDate,
        status: ContractStatus
    ) {
        self.number = number
        self.start = start
        self.end = end
        self.status = status
    }
}

/// Where the sync feed stands: stored as `sync/position.json` and advanced in a transaction
/// after the feed files of a period are written.
package struct SyncPosition: Codable, Equatable, Sendable {
    /// The last change-log sequence fed.
    package var lastSequence = 0
    /// The last feed number per audience (`_operator` or the dealer's code).
    package var feeds: [String: Int] = [:]

    /// The store key of the position.
    package static func key() throws -> StoreKey { try StoreKey("sync/position.json") }
    /// The audience name of the operator.
    package static let operatorAudience = "_operator"

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        lastSequence: Int = 0,
        feeds: [String: Int] = [:]
    ) {
        self.lastSequence = lastSequence
        self.feeds = feeds
    }
}
