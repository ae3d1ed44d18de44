import Foundation
import DealersDomain
import DealersModel
import DealersStore

/// The store's log of user changes, one document per transaction that changed users:
/// `changelog/<SEQUENCE>.json`. The sync feed for the mobile app is cut from it, so a feed
/// costs what changed since the last one, never a scan of the store.
public struct ChangeLogEntry: Codable, Sendable, Equatable {
    /// What happened to a user, as the mobile app needs to know it.
    public enum Kind: String, Codable, Sendable {
        /// A user that did not exist.
        case created = "CREATED"
        /// Personal data, collective or contract dates changed.
        case changed = "CHANGED"
        /// The user had a current contract and no longer has one.
        case deactivated = "DEACTIVATED"
    }

    /// One user's change.
    public struct Change: Codable, Sendable, Equatable {
        /// The user's document.
        public var document: String
        /// What happened.
        public var kind: Kind

        /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
        package init(
            document: String,
            kind: Kind
        ) {
            self.document = document
            self.kind = kind
        }
    }

    /// The entry's sequence number: 1, 2, 3 … in commit order, without gaps.
    public var sequence: Int
    /// The as-of date of the run that made the change.
    public var asOf: CivilDate
    /// The input file, or `nightly`.
    public var source: String
    /// The users changed, sorted by document.
    public var changes: [Change]

    /// The key of an entry.
    public static func key(_ sequence: Int) throws -> StoreKey {
        try StoreKey("changelog/\(String(sequence, zeroPaddedTo: 10)).json")
    }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        sequence: Int,
        asOf: CivilDate,
        source: String,
        changes: [Change]
    ) {
        self.sequence = sequence
        self.asOf = asOf
        self.source = source
        self.changes = changes
    }
}

extension StoreDomainState {
    /// Adds to the transaction the change-log entry of the users touched so far (nothing when no
    /// user changed; several consecutive entries past ``changeLogEntryLimit`` users). Call once,
    /// just before committing.
    /// - Parameter since: the date as of which a user's earlier state is judged when deciding
    ///   DEACTIVATED (default `asOf`); the nightly run passes the day before, since what it
    ///   records (an expiry, a baja taking effect) changed the status by the calendar.
    public func recordChanges(asOf: CivilDate, source: String, since: CivilDate? = nil) throws {
        try flush()
        var changes: [ChangeLogEntry.Change] = []
        // One change logged; an entry written every ``changeLogEntryLimit`` of them.
        func log(_ document: String, _ kind: ChangeLogEntry.Kind) throws {
            changes.append(.init(document: document, kind: kind))
            if changes.count >= Self.changeLogEntryLimit { try writeEntry(&changes, asOf: asOf, source: source) }
        }
        // The users this transaction writes, each against the store as committed before it.
        func add(_ key: StoreKey, _ now: UnsafeRawBufferPointer, before: Data?) throws {
            let kind: ChangeLogEntry.Kind
            let document: String
            if let before {
                let old = try UserCodec.decode(before, path: store.location(of: key))
                let new = try UserCodec.decode(now, path: store.location(of: key))
                document = new.document
                let wasCurrent = old.latestContract?.status(asOf: since ?? asOf).isCurrent == true
                kind = wasCurrent && new.currentContract(asOf: asOf) == nil ? .deactivated : .changed
            } else {
                document = try Self.document(of: key) { try UserCodec.decode(now, path: store.location(of: key)) }
                kind = .created
            }
            try log(document, kind)
        }
        guard store.readsInBatches else {
            try transaction.forEachChange(under: "users") { key, now in
                guard let now else { return }
                try add(key, now, before: try store.read(key))
            }
            return try writeEntry(&changes, asOf: asOf, source: source)
        }
        // A store a round trip away: the earlier versions a page of changes at a time, none for
        // a user the transaction created (nor that user's document, which it was just sent),
        // each page's changes in key order.
        var page: [(key: StoreKey, now: [UInt8]?)] = []
        func settle() throws {
            let before = try store.read(many: page.compactMap { $0.now == nil ? nil : $0.key })
            for (key, now) in page {
                if let now {
                    try now.withUnsafeBytes { try add(key, $0, before: before[key.path]) }
                } else {
                    try addCreated(key)
                }
            }
            page.removeAll(keepingCapacity: true)
        }
        func addCreated(_ key: StoreKey) throws {
            let document = try Self.document(of: key) {
                guard let now = try transaction.read(key) else {
                    throw DealersError(.internalError, path: store.location(of: key), "a user the transaction created has no document")
                }
                return try UserCodec.decode(now, path: store.location(of: key))
            }
            try log(document, .created)
        }
        try transaction.forEachChangeKnowingCreated(under: "users") { key, change in
            switch change {
            case .deleted: return
            case .created: page.append((key, nil))
            case .written(let now): page.append((key, [UInt8](now)))
            }
            if page.count >= Self.changeLogReadBatch { try settle() }
        }
        try settle()
        try writeEntry(&changes, asOf: asOf, source: source)
    }

    /// Users whose earlier versions one read asks for, on a store that reads in batches.
    private static let changeLogReadBatch = 1_000

    /// The most users one change-log entry lists: a transaction that changes more writes several
    /// consecutive entries, so that neither writing nor reading one holds a million changes.
    package static let changeLogEntryLimit = 50_000

    /// Writes `changes` (sorted by document) as the next change-log entry, and empties it.
    private func writeEntry(_ changes: inout [ChangeLogEntry.Change], asOf: CivilDate, source: String) throws {
        guard !changes.isEmpty else { return }
        changes.sort { $0.document < $1.document }
        let sequence = try takeChangeSequence()
        let entry = ChangeLogEntry(sequence: sequence, asOf: asOf, source: source, changes: changes)
        try transaction.write(ChangeLogEntry.key(sequence), json: entry.encoded())
        changes.removeAll(keepingCapacity: true)
    }

    /// A user's document from their key, which is the document itself unless ``StoreLayout``
    /// had to replace characters (then the name has a `_` and the user, from `user`, says it).
    private static func document(of key: StoreKey, _ user: () throws -> User) throws -> String {
        let name = StoreLayout.document(in: key)
        if !name.utf8.contains(UInt8(ascii: "_")) { return name }
        return try user().document
    }
}

extension ChangeLogEntry {
    /// The entry as `JSONEncoder` (sorted keys) writes it, without building its tree: an entry of
    /// a million-row file has a million changes.
    package func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + changes.count * 40)
        JSONByteWriter.field("{\"asOf\":", asOf, to: &out)
        JSONByteWriter.raw(",\"changes\":[", to: &out)
        for (i, change) in changes.enumerated() {
            if i > 0 { JSONByteWriter.raw(",", to: &out) }
            JSONByteWriter.field("{\"document\":", change.document, to: &out)
            JSONByteWriter.field(",\"kind\":", change.kind.rawValue, to: &out)
            JSONByteWriter.raw("}", to: &out)
        }
        JSONByteWriter.raw("],\"sequence\":", to: &out)
        JSONByteWriter.int(sequence, to: &out)
        JSONByteWriter.field(",\"source\":", source, to: &out)
        JSONByteWriter.raw("}", to: &out)
        return out
    }
}
