import Foundation
import DealersDomain
import DealersModel
import DealersStore

/// The store's date index (docs/store.md, "The date index"): for each user, one small document
/// per date on which something falls due, so that `dealers nightly` reads only the users whose
/// dates it reaches instead of every user.
///
/// - `due/<DATE>/<bucket>/<name>.json`: the user has an event the nightly run will add once its
///   as-of date reaches `DATE` (``NightlyRules/pendingEvents(of:)``: a start, a BAJA taking
///   effect, an expiry). Once added, the entry goes.
/// - `dates/<DATE>/<bucket>/<name>.json`: on `DATE` a report's view of the user changes by the
///   calendar alone (``ReportCalendar/dates(of:)``).
///
/// `<bucket>/<name>.json` is the user's own key under `users/`; each document is
/// `{"document":…}`. The entries are a function of the user document alone; every domain
/// transaction that writes a user writes the change of its entries with it (``StoreDomainState``),
/// `store verify` checks them, and ``rebuild(store:)`` makes them for a store written before the
/// index existed (the marker `dateindex.json` says it is complete).
public enum DateIndex {
    /// The folder of pending nightly events.
    public static let dueFolder = "due"
    /// The folder of the reports' calendar dates.
    public static let calendarFolder = "dates"
    /// The marker: present once every user's entries have been written.
    public static let markerPath = "dateindex.json"

    /// The index keys of a user stored under `userKey` (`users/<bucket>/<name>.json`), sorted.
    package static func keys(of user: User, userKey: StoreKey) throws -> [String] {
        let tail = userKey.path.dropFirst("users/".count)
        var keys = NightlyRules.pendingEvents(of: user).map { "\(dueFolder)/\($0.dueFrom)/\(tail)" }
        for date in ReportCalendar.dates(of: user) { keys.append("\(calendarFolder)/\(date)/\(tail)") }
        return keys.sortedOnce()
    }

    /// Writes into `transaction` the change from the entries `old` to `new` of `document`.
    package static func update(_ transaction: any DocumentTransaction, from old: [String], to new: [String],
                               document: String) throws {
        guard old != new else { return }
        // A user has a few entries: a linear look-up beats building sets.
        for key in old where !new.contains(key) { try transaction.delete(StoreKey(key)) }
        var encoded: [UInt8] = []
        IndexEntryCodec.encode(StoreDomainState.MemberEntry(document: document), into: &encoded)
        // `old` are the entries of the version the transaction holds: the others are new.
        for key in new where !old.contains(key) { try transaction.create(StoreKey(key), json: encoded) }
    }

    /// Whether the index is complete (its marker is there).
    public static func isBuilt(_ store: any DocumentReading) throws -> Bool {
        try store.contains(StoreKey(markerPath))
    }

    /// The user keys with an entry in `due/` dated up to `asOf`, sorted, each once: the users
    /// a nightly run as of `asOf` may change. Walks `due/` from its first date and stops at the
    /// first later one.
    public static func dueUsers(in store: any DocumentBackend, asOf: CivilDate) throws -> [StoreKey] {
        var users = Set<StoreKey>()
        let last = asOf.description
        do {
            try store.forEachKey(under: dueFolder) { key in
                let parts = key.components
                guard parts.count == 4 else { return }
                if parts[1] > last { throw Stop() }
                users.insert(try StoreKey("users/\(parts[2])/\(parts[3])"))
            }
        } catch is Stop {}
        return users.sorted()
    }

    /// Ends a walk early.
    package struct Stop: Error {}

    /// The marker's content.
    package static let marker = Array("{\"version\":1}".utf8)

    /// Whether `folder` has an entry dated after `after` and up to `through` (one walk of the
    /// folder of each day between).
    public static func hasEntries(in store: any DocumentBackend, folder: String, after: CivilDate,
                                  through: CivilDate) throws -> Bool {
        var day = after.adding(days: 1)
        while day <= through {
            var found = false
            do {
                try store.forEachKey(under: "\(folder)/\(day)") { _ in
                    found = true
                    throw Stop()
                }
            } catch is Stop {}
            if found { return true }
            day = day.adding(days: 1)
        }
        return false
    }

    /// Makes the index of every user in one transaction (removing any entry there was), then
    /// the marker; returns the entries written. For a store written before the index existed,
    /// or after a hand edit of users.
    @discardableResult
    public static func rebuild(store: any DocumentBackend) throws -> Int {
        let transaction = store.beginTransaction()
        for folder in [dueFolder, calendarFolder] {
            try store.forEachKey(under: folder) { try transaction.delete($0) }
        }
        var written = 0
        try store.forEachDocument(under: "users") { key, bytes in
            let user = try UserCodec.decode(bytes, path: store.location(of: key))
            let keys = try keys(of: user, userKey: key)
            try update(transaction, from: [], to: keys, document: user.document)
            written += keys.count
        }
        try transaction.write(StoreKey(markerPath), json: marker)
        try transaction.commit()
        return written
    }
}

extension StoreDomainState {
    /// Writes the date index's marker with the first transaction of a store that has no user
    /// yet: every user it will ever hold gets their entries as they are written, so the index
    /// is complete from the start and no nightly run has to build it.
    package func noteNewStore() throws {
        guard try !DateIndex.isBuilt(transaction) else { return }
        var hasUsers = false
        do {
            try store.forEachKey(under: "users") { _ in
                hasUsers = true
                throw DateIndex.Stop()
            }
        } catch is DateIndex.Stop {}
        guard !hasUsers else { return }
        try transaction.write(StoreKey(DateIndex.markerPath), json: DateIndex.marker)
    }
}

/// `store verify`'s check of the date index against the users: the keys the users call for and
/// the keys there are, each summed into an order-free fingerprint as they come (nothing kept per
/// user); only when the two differ are both listed, to name the differences.
package struct DateIndexCheck {
    private var expected = Fingerprint()
    private var actual = Fingerprint()
    /// Whether the store's index is complete (its marker is there); otherwise nothing is checked.
    package let built: Bool

    /// A check of `store`'s index.
    package init(store: any DocumentReading) throws {
        built = try DateIndex.isBuilt(store)
    }

    /// Counts the entries a user calls for.
    package mutating func add(_ user: User, path: String) {
        guard built, let key = try? StoreKey(path), let keys = try? DateIndex.keys(of: user, userKey: key) else { return }
        for key in keys { expected.add(key) }
    }

    /// The problems: none when the index holds exactly the users' entries.
    package mutating func finish(store: any DocumentBackend) throws -> [String] {
        guard built else { return [] }
        for folder in [DateIndex.dueFolder, DateIndex.calendarFolder] {
            try store.forEachKey(under: folder) { actual.add($0.path) }
        }
        guard expected != actual else { return [] }
        // Name what differs: the index's keys, less those the users call for.
        var there = Set<String>()
        for folder in [DateIndex.dueFolder, DateIndex.calendarFolder] {
            try store.forEachKey(under: folder) { there.insert($0.path) }
        }
        var problems: [String] = []
        try store.forEachDocument(under: "users") { key, bytes in
            guard let user = try? UserCodec.decode(bytes, path: key.path) else { return }
            for wanted in try DateIndex.keys(of: user, userKey: key) {
                if there.remove(wanted) == nil { problems.append("\(wanted): missing from the date index (user \(user.document))") }
            }
        }
        problems += there.sorted().map { "\($0): in the date index but no user calls for it" }
        let limit = 20
        guard problems.count > limit else { return problems }
        return Array(problems.prefix(limit)) + ["… and \(problems.count - limit) more date-index problems: `dealers store delete \(DateIndex.markerPath)`, then the next nightly run builds the index again"]
    }

    /// A count and two sums of key hashes, the same whatever the order keys come in.
    private struct Fingerprint: Equatable {
        var count = 0
        var sum: UInt64 = 0
        var mixed: UInt64 = 0

        mutating func add(_ key: String) {
            var hash: UInt64 = 14_695_981_039_346_656_037
            for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
            count += 1
            sum &+= hash
            mixed ^= hash &* 0x9E37_79B9_7F4A_7C15
        }
    }
}
