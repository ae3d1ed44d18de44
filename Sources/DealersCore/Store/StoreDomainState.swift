import Foundation

/// The domain's view of the store inside one transaction: users, collectives and membership are
/// read on demand (only what a file touches), cached, and written to the transaction on save.
public final class StoreDomainState: DomainState {
    private let store: DocumentStore
    /// The transaction the changes go to.
    public let transaction: StoreTransaction
    /// Decoded users, a cache in front of the transaction (which has them all): emptied when it
    /// grows past ``cacheLimit`` so that memory does not grow with the file.
    private var users: [String: User?] = [:]
    private let cacheLimit = 20_000
    /// What the sync feed needs of each touched user as the store had it before this transaction.
    private var originals: [String: OriginalState] = [:]

    /// A touched user before this transaction: whether they existed and their latest contract.
    struct OriginalState {
        var existed: Bool
        var latestContract: Contract?
    }
    private var collectives: [String: Collective?] = [:]
    /// The collective each touched user is filed under in `members/` right now.
    private var filedUnder: [String: String?] = [:]
    /// Membership changes not yet visible in the store's folders: collective → document → member?
    private var memberChanges: [String: [String: Bool]] = [:]
    private var sequence: Sequence?
    /// Payment-ledger entries read or saved in this transaction (see `StoreDomainState+Payments.swift`).
    var ledger: [String: LedgerEntry?] = [:]
    /// Users created or changed in this transaction (for the sync feed and the receipt).
    public private(set) var touchedUsers: Set<String> = []

    struct Sequence: Codable {
        var nextContract: Int
        /// The next change-log sequence number (absent in stores made before the change log).
        var nextChange: Int?
        /// The latest as-of date of any change applied (absent in older stores).
        var lastAsOf: CivilDate?
    }

    struct ContractIndexEntry: Codable {
        var number: String
        var document: String
    }

    struct MemberEntry: Codable {
        var document: String
    }

    /// Starts a view over a new transaction of `store`.
    public init(store: DocumentStore) {
        self.store = store
        transaction = store.beginTransaction()
    }

    public func collective(_ code: String) throws -> Collective? {
        if let cached = collectives[code] { return cached }
        let c = try transaction.readJSON(Collective.self, StoreLayout.collective(code))
        collectives[code] = c
        return c
    }

    public func user(_ document: String) throws -> User? {
        if let cached = users[document] { return cached }
        let u = try transaction.readJSON(User.self, StoreLayout.user(document))
        if users.count >= cacheLimit { users.removeAll(keepingCapacity: true) }
        users[document] = u
        if originals[document] == nil {
            originals[document] = OriginalState(existed: u != nil, latestContract: u?.latestContract)
        }
        if filedUnder[document] == nil { filedUnder[document] = .some(u?.collective) }
        return u
    }

    public func members(of collective: String) throws -> [String] {
        var result = Set<String>()
        for key in try store.keys(under: StoreLayout.membersFolder(collective)) {
            let name = (key.path as NSString).lastPathComponent
            result.insert(String(name.dropLast(".json".count)))
        }
        for (document, isMember) in memberChanges[collective] ?? [:] {
            if isMember { result.insert(document) } else { result.remove(document) }
        }
        return result.sorted()
    }

    public func save(_ collective: Collective) throws {
        collectives[collective.code] = collective
        try transaction.writeJSON(collective, StoreLayout.collective(collective.code))
    }

    public func save(_ user: User) throws {
        if originals[user.document] == nil { _ = try self.user(user.document) }
        if users.count >= cacheLimit { users.removeAll(keepingCapacity: true) }
        users[user.document] = user
        touchedUsers.insert(user.document)
        try transaction.writeJSON(user, StoreLayout.user(user.document))
        let previous = filedUnder[user.document] ?? nil
        if previous != user.collective {
            if let previous {
                try transaction.delete(try StoreLayout.member(previous, user.document))
                memberChanges[previous, default: [:]][user.document] = false
            }
            try transaction.writeJSON(MemberEntry(document: user.document), StoreLayout.member(user.collective, user.document))
            memberChanges[user.collective, default: [:]][user.document] = true
            filedUnder[user.document] = .some(user.collective)
        }
        for contract in user.contracts where newContracts.remove(contract.number) != nil {
            try transaction.writeJSON(ContractIndexEntry(number: contract.number, document: user.document),
                                      StoreLayout.contract(contract.number))
        }
    }

    /// Contract numbers handed out but not yet indexed.
    private var newContracts: Set<String> = []

    public func nextContractNumber() throws -> String {
        var seq = try currentSequence()
        let number = "C" + String(format: "%08d", seq.nextContract)
        seq.nextContract += 1
        try save(seq)
        newContracts.insert(number)
        return number
    }

    /// What the store had of a touched user before this transaction (`nil`: never read).
    func originalState(_ document: String) -> OriginalState? {
        originals[document]
    }

    /// Refuses to change the store as of a date before the latest change already applied: the
    /// history would go back in time (a clock set back, a wrong `--as-of`). Records `asOf` as the
    /// latest otherwise. Call before the first change of a transaction.
    public func checkAndRecordAsOf(_ asOf: CivilDate) throws {
        var seq = try currentSequence()
        if let last = seq.lastAsOf {
            guard asOf >= last else {
                throw DealersError(.usage, path: transaction.store.directory.path,
                                   "the as-of date \(asOf) is before \(last), the date of the latest change in the store: has the clock gone backwards? Use --as-of \(last) or later")
            }
            if last == asOf { return }
        }
        seq.lastAsOf = asOf
        try save(seq)
    }

    /// Takes the next change-log sequence number.
    func takeChangeSequence() throws -> Int {
        var seq = try currentSequence()
        let next = seq.nextChange ?? 1
        seq.nextChange = next + 1
        try save(seq)
        return next
    }

    private func currentSequence() throws -> Sequence {
        try sequence ?? transaction.readJSON(Sequence.self, StoreKey(StoreLayout.sequence)) ?? Sequence(nextContract: 1, nextChange: 1)
    }

    private func save(_ seq: Sequence) throws {
        sequence = seq
        try transaction.writeJSON(seq, StoreKey(StoreLayout.sequence))
    }

    /// The user holding a contract number, if any.
    public func user(holdingContract number: String) throws -> User? {
        guard let entry = try transaction.readJSON(ContractIndexEntry.self, StoreLayout.contract(number)) else { return nil }
        return try user(entry.document)
    }
}
