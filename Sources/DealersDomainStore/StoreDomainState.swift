import Foundation
import DealersDomain
import DealersModel
import DealersStore
import DealersSupport

/// The domain's view of the store inside one transaction: users, collectives and membership are
/// read on demand (only what a file touches) and cached; changed users are encoded once, when
/// they leave the cache or the transaction commits, not at every save.
///
/// Memory is bounded by the cache (``cacheLimit`` users): nothing is kept per touched user (the
/// change log is worked out at the end from the transaction's own changes, see `ChangeLog.swift`),
/// and the transaction spills its index to disk as it grows. Commit through ``commit()``, which
/// writes what is still pending first. A dry run keeps the users leaving its cache as compact
/// facts (``FactOverlay``), not as documents in the transaction.
public final class StoreDomainState: DomainState {
    /// The committed store, as it was before the transaction.
    package let store: any DocumentBackend
    /// The transaction the changes go to. Write other documents to it freely; commit with ``commit()``.
    public let transaction: any DocumentTransaction
    /// Decoded users (with the key each lives under, built once), a cache in front of the
    /// transaction; changed ones are written before they leave it.
    private var users: [String: CachedUser] = [:]
    /// One cached user, shared by reference: a look-up hands on one pointer, not a copy of the
    /// user, and a save marks it changed in place.
    private final class CachedUser {
        package var user: User?
        /// The document the entry is for (``user`` is `nil` when nobody has it).
        package let document: String
        package let key: StoreKey
        /// Whether ``user`` changed since it was read or last written (it is in `dirtyUsers`).
        package var dirty = false
        /// The date-index keys of the version the transaction holds (``DateIndex``), worked out
        /// at the first save; `nil` before it.
        package var indexed: [String]?
        package init(user: User?, document: String, key: StoreKey) {
            self.user = user
            self.document = document
            self.key = key
        }
    }
    /// The entry found last: a row's rules read its user and then save it, so the second look-up
    /// compares one document instead of hashing it again. Always an entry of ``users`` (`nil`
    /// whenever they are emptied).
    private var lastFound: CachedUser?
    /// The cached users changed since they were last written, each once.
    private var dirtyUsers: [CachedUser] = []
    /// Users the cache holds before it is emptied (its changed users written first).
    private let cacheLimit: Int
    /// The cache's size unless a caller asks for another.
    public static let defaultCacheLimit = 5_000
    private var collectives: [String: Collective?] = [:]
    private var sequence: Sequence?
    private var sequenceDirty = false
    /// Whether this transaction holds the commit lock (``takeCommitLock()``); a transaction that
    /// applies alongside others writes `sequence.json` only then.
    private var commitLocked = false
    /// Payment-ledger entries read or saved in this transaction (see `StoreDomainState+Payments.swift`).
    package var ledger: [String: LedgerEntry?] = [:]

    package struct Sequence: Codable {
        package var nextContract: Int
        /// The next change-log sequence number (absent in stores made before the change log).
        package var nextChange: Int?
        /// The latest as-of date of any change applied (absent in older stores).
        package var lastAsOf: CivilDate?
    }

    package struct ContractIndexEntry: Codable {
        package var number: String
        package var document: String

        /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
        package init(
            number: String,
            document: String
        ) {
            self.number = number
            self.document = document
        }
    }

    package struct MemberEntry: Codable {
        package var document: String

        /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
        package init(
            document: String
        ) {
            self.document = document
        }
    }

    /// Whether this view is for a dry run (`dealers validate`): the transaction never commits.
    private let dryRun: Bool
    /// Whether a dry run keeps users whole instead of as ``User/ruleFacts``: a roster compares
    /// personal data to compute its MODIFICACIÓNs.
    private let keepsPersonalData: Bool
    /// Where a dry run that keeps ``User/ruleFacts`` puts the users leaving the cache; `nil`:
    /// into the transaction (a real run, a roster's dry run, or ``DryRunOverlay/transaction``).
    private let facts: FactOverlay?

    /// Starts a view over a transaction of `store` that its caller owns (begins, and commits or
    /// drops); any ``DocumentBackend`` will do.
    /// - Parameter dryRun: for `dealers validate`: the membership and contract-number indexes are
    ///   not written (no rule reads back, in the file that made them, what a file of its own kind
    ///   adds to them: collectives files read members, payments files contract numbers, users
    ///   files only create both), so a dry run encodes only the users that leave the cache,
    ///   and keeps them as ``User/ruleFacts`` (no history, no contact data).
    /// - Parameter cacheLimit: decoded users kept before the cache is emptied.
    /// - Parameter keepsPersonalData: a dry run keeps users whole (a roster's, which compares
    ///   personal data).
    public convenience init(store: any DocumentBackend, transaction: any DocumentTransaction, dryRun: Bool = false,
                            cacheLimit: Int = StoreDomainState.defaultCacheLimit, keepsPersonalData: Bool = false) {
        self.init(store: store, transaction: transaction, dryRun: dryRun, cacheLimit: cacheLimit,
                  keepsPersonalData: keepsPersonalData, overlay: .standard)
    }

    /// ``init(store:transaction:dryRun:cacheLimit:keepsPersonalData:)`` with the place a dry run
    /// keeps the users leaving its cache (`overlay`: the old way, for the differential tests).
    package init(store: any DocumentBackend, transaction: any DocumentTransaction, dryRun: Bool,
                 cacheLimit: Int, keepsPersonalData: Bool, overlay: DryRunOverlay) {
        self.store = store
        self.dryRun = dryRun
        self.keepsPersonalData = keepsPersonalData
        self.cacheLimit = max(1, cacheLimit)
        self.transaction = transaction
        if dryRun, !keepsPersonalData, case .facts(let limits) = overlay {
            facts = FactOverlay(limits: limits)
        } else {
            facts = nil
        }
    }

    public func collective(_ code: String) throws -> Collective? {
        if let cached = collectives[code] { return cached }
        let c = try transaction.readJSON(Collective.self, StoreLayout.collective(code))
        collectives[code] = c
        return c
    }

    public func user(_ document: String) throws -> User? {
        try cached(document).user
    }

    /// The cache's entry for a document, read from the transaction on a miss.
    private func cached(_ document: String) throws -> CachedUser {
        if let lastFound, lastFound.document == document { return lastFound }
        if let cached = users[document] {
            lastFound = cached
            return cached
        }
        let key = try StoreLayout.user(document)
        try makeRoom()
        if let kept = try facts?.user(document) { return remember(document, key: key, kept: kept) }
        return try remember(document, key: key, try transaction.read(key))
    }

    /// Puts a user the fact overlay kept in the cache (already as ``User/ruleFacts``).
    private func remember(_ document: String, key: StoreKey, kept: User) -> CachedUser {
        let entry = CachedUser(user: kept, document: document, key: key)
        users[document] = entry
        lastFound = entry
        return entry
    }

    /// Puts a user as read (`nil`: there is none) in the cache.
    private func remember(_ document: String, key: StoreKey, _ data: Data?) throws -> CachedUser {
        var read = try data.map { try UserCodec.decode($0, path: store.location(of: key)) }
        if trimsUsers { read?.keepRuleFactsOnly() }
        let entry = CachedUser(user: read, document: document, key: key)
        users[document] = entry
        lastFound = entry
        return entry
    }

    /// Whether users are kept as ``User/ruleFacts`` (a dry run's, unless kept whole).
    private var trimsUsers: Bool { dryRun && !keepsPersonalData }

    /// Whether reading users ahead, a batch of rows at a time (``startPrefetch(_:)``), pays on
    /// this store (a database a round trip away).
    public var readsInBatches: Bool { transaction.readsInBatches }

    /// Sends, in one call to the store, the read of the users of `documents` the cache does not
    /// hold yet (those the next rows of a file name), so that applying those rows makes no
    /// round trip per user: the rows before them are applied meanwhile, and
    /// ``finishPrefetch(_:)`` puts the users in the cache.
    public func startPrefetch(_ documents: [String]) throws -> UsersReadAhead {
        var wanted: [String: StoreKey] = [:]
        for document in documents where users[document] == nil && wanted[document] == nil {
            wanted[document] = try StoreLayout.user(document)
        }
        guard !wanted.isEmpty else { return UsersReadAhead(wanted: [:], read: nil) }
        return UsersReadAhead(wanted: wanted, read: try transaction.readAhead(many: Array(wanted.values)))
    }

    /// Puts in the cache the users a ``startPrefetch(_:)`` asked for, but those cached meanwhile
    /// (the rows applied in between changed them: the cache is newer); the transaction gives a
    /// user it changed meanwhile as it is now, and the fact overlay (a dry run's) a user it
    /// took meanwhile. Makes room first when they would not fit.
    public func finishPrefetch(_ ahead: UsersReadAhead) throws {
        guard let read = ahead.read else { return }
        let found = try read.documents()
        var wanted = ahead.wanted.filter { users[$0.key] == nil }
        guard !wanted.isEmpty else { return }
        if users.count + wanted.count > cacheLimit {
            try writePending()
            emptyCache()
        }
        if let facts {
            for (document, key) in wanted {
                guard let kept = try facts.user(document) else { continue }
                _ = remember(document, key: key, kept: kept)
                wanted[document] = nil
            }
        }
        for (document, key) in wanted {
            _ = try remember(document, key: key, found[key.path])
        }
    }

    public func members(of collective: String) throws -> [String] {
        var result = Set<String>()
        try store.forEachKey(under: StoreLayout.membersFolder(collective)) { key in
            result.insert(StoreLayout.document(in: key))
        }
        for change in try transaction.changes(under: StoreLayout.membersFolder(collective)) {
            let document = StoreLayout.document(in: change.key)
            if change.deleted { result.remove(document) } else { result.insert(document) }
        }
        return result.sorted()
    }

    public func save(_ collective: Collective) throws {
        collectives[collective.code] = collective
        try transaction.writeJSON(collective, StoreLayout.collective(collective.code))
    }

    public func save(_ user: consuming User) throws {
        // `members/` files a user under the collective of their latest version: as read, or as
        // last saved in this transaction.
        let entry = try cached(user.document)
        let previous = entry.user?.collective
        if !dryRun, entry.indexed == nil {
            entry.indexed = try entry.user.map { try DateIndex.keys(of: $0, userKey: entry.key) } ?? []
        }
        guard !trimsUsers else {
            // A dry run: the user moves into the cache and is trimmed there, with no copy.
            entry.user = consume user
            entry.user?.keepRuleFactsOnly()
            markDirty(entry)
            return
        }
        entry.user = copy user
        markDirty(entry)
        if previous != user.collective, !dryRun {
            if let previous { try transaction.delete(try StoreLayout.member(previous, user.document)) }
            encoded.removeAll(keepingCapacity: true)
            IndexEntryCodec.encode(MemberEntry(document: user.document), into: &encoded)
            // The user was not filed under this collective: the entry is new.
            try transaction.create(StoreLayout.member(user.collective, user.document), json: encoded)
        }
        for contract in user.contracts where !dryRun && newContracts.remove(contract.number) != nil {
            encoded.removeAll(keepingCapacity: true)
            IndexEntryCodec.encode(ContractIndexEntry(number: contract.number, document: user.document), into: &encoded)
            try transaction.create(StoreLayout.contract(contract.number), json: encoded)   // a number just drawn
        }
    }

    /// Puts a changed entry in `dirtyUsers`, once.
    private func markDirty(_ entry: CachedUser) {
        if !entry.dirty {
            entry.dirty = true
            dirtyUsers.append(entry)
        }
    }

    /// A buffer reused for encoding documents.
    private var encoded: [UInt8] = []

    /// Contract numbers handed out but not yet indexed.
    private var newContracts: Set<String> = []

    public func nextContractNumber() throws -> String {
        var seq = try currentSequence()
        // A backend that applies files concurrently hands the numbers out itself (a database
        // sequence); `sequence.json` then keeps the next one above them, written at the commit.
        let taken = try transaction.takeNumber(.contract, atLeast: seq.nextContract) ?? seq.nextContract
        let number = String(taken, zeroPaddedTo: 8, prefix: "C")
        seq.nextContract = max(seq.nextContract, taken + 1)
        save(seq)
        if !dryRun { newContracts.insert(number) }   // a dry run writes no contract index
        return number
    }

    /// Refuses to change the store as of a date before the latest change already applied: the
    /// history would go back in time (a clock set back, a wrong `--as-of`). Records `asOf` as the
    /// latest otherwise. Call before the first change of a transaction.
    public func checkAndRecordAsOf(_ asOf: CivilDate) throws {
        var seq = try currentSequence()
        if let last = seq.lastAsOf {
            guard asOf >= last else {
                throw DealersError(.usage, path: transaction.location(of: try StoreKey(StoreLayout.sequence)),
                                   "the as-of date \(asOf) is before \(last), the date of the latest change in the store: has the clock gone backwards? Use --as-of \(last) or later")
            }
            if last == asOf { return }
        }
        seq.lastAsOf = asOf
        save(seq)
    }

    /// The as-of date of the latest change applied to `store` (`nil`: an empty store, or one made
    /// before the date was recorded): what `store verify` judges the store as of by default.
    /// - Throws: ``DealersError`` `.corruptStore` when the counters do not decode.
    public static func lastAsOf(in store: any DocumentReading) throws -> CivilDate? {
        try store.readJSON(Sequence.self, StoreKey(StoreLayout.sequence))?.lastAsOf
    }

    /// Takes the next change-log sequence number (after the commit lock: the numbers follow the
    /// order of the commits, without gaps).
    package func takeChangeSequence() throws -> Int {
        try takeCommitLock()
        var seq = try currentSequence()
        let next = seq.nextChange ?? 1
        seq.nextChange = next + 1
        save(seq)
        return next
    }

    /// Writes what is pending (changed users, counters) and commits the transaction.
    public func commit() throws {
        try writePending()
        if !dryRun { try noteNewStore() }
        try takeCommitLock()
        try writePending()
        // The data version is one row every commit writes: under the commit lock, with the rest
        // of the file's last step, so it never holds concurrent files back (docs/scaling.md).
        try DataVersion.noteChanges(in: transaction)
        try transaction.commit()
    }

    /// For a transaction that applies alongside others (``DocumentTransaction/appliesConcurrently``):
    /// takes the commit lock, reads `sequence.json` again as the last commit left it, and
    /// carries this transaction's counters into it (the next contract number above those it
    /// took, the latest as-of date); the change-log numbers are taken from there on, so they
    /// follow the commits' order. Nothing to do with one writer at a time.
    private func takeCommitLock() throws {
        guard transaction.appliesConcurrently, !commitLocked, !dryRun else { return }
        try transaction.lockForCommit()
        commitLocked = true
        let mine = sequence
        guard var latest = try transaction.readJSON(Sequence.self, StoreKey(StoreLayout.sequence)) else { return }
        if let mine {
            latest.nextContract = max(latest.nextContract, mine.nextContract)
            if let asOf = mine.lastAsOf, latest.lastAsOf.map({ $0 < asOf }) ?? true { latest.lastAsOf = asOf }
        }
        sequence = latest
    }

    /// Writes the changed users still in the cache and the counters into the transaction, so
    /// that it holds every change (the change log reads them from there).
    package func flush() throws {
        try writePending()
    }

    private func currentSequence() throws -> Sequence {
        try sequence ?? transaction.readJSON(Sequence.self, StoreKey(StoreLayout.sequence)) ?? Sequence(nextContract: 1, nextChange: 1)
    }

    private func save(_ seq: Sequence) {
        sequence = seq
        sequenceDirty = true
    }

    /// Encodes every changed user still in the cache, and the counters, into the transaction.
    private func writePending() throws {
        for cached in dirtyUsers {
            cached.dirty = false
            if let facts {
                // Moved out of the entry for the save and back, not copied (issue 30).
                guard let user = cached.user.take() else { continue }
                defer { cached.user = user }
                try facts.save(user)
                continue
            }
            guard let user = cached.user else { continue }
            encoded.removeAll(keepingCapacity: true)
            UserCodec.encode(user, into: &encoded)
            try transaction.write(cached.key, json: encoded)
            if !dryRun {
                // The user's date-index entries change with the user, in the same transaction.
                let keys = try DateIndex.keys(of: user, userKey: cached.key)
                try DateIndex.update(transaction, from: cached.indexed ?? [], to: keys, document: user.document)
                cached.indexed = keys
            }
        }
        dirtyUsers.removeAll(keepingCapacity: true)
        // Alongside other transactions, `sequence.json` waits for the commit lock: written
        // earlier, its row would be locked for the rest of the file, one file at a time again.
        if sequenceDirty, let sequence, commitLocked || !transaction.appliesConcurrently {
            try transaction.writeJSON(sequence, StoreKey(StoreLayout.sequence))
            sequenceDirty = false
        }
    }

    /// Empties a full cache, writing its changed users first.
    private func makeRoom() throws {
        guard users.count >= cacheLimit else { return }
        try writePending()
        emptyCache()
    }

    /// Forgets every cached user (their changes written first by the caller).
    private func emptyCache() {
        users.removeAll(keepingCapacity: true)
        lastFound = nil
    }

    /// The user holding a contract number, if any.
    public func user(holdingContract number: String) throws -> User? {
        let key = try StoreLayout.contract(number)
        guard let data = try transaction.read(key) else { return nil }
        let entry = try data.withUnsafeBytes { try IndexEntryCodec.decodeContractEntry($0, path: store.location(of: key)) }
        return try user(entry.document)
    }
}
