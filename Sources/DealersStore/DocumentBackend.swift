import Foundation

/// Reading JSON documents by key: what a store and a transaction in it have in common.
public protocol DocumentReading: AnyObject {
    /// The document's content (compact JSON), or `nil` when there is none.
    func read(_ key: StoreKey) throws -> Data?
    /// Where a document is, as a person reads it in a message.
    func location(of key: StoreKey) -> String
    /// Whether reading many documents in one call (``read(many:)``) saves much over reading them
    /// one by one (a server a round trip away: yes; mapped segments: no). The domain then reads
    /// a file's documents a batch of rows ahead.
    var readsInBatches: Bool { get }
    /// The documents under `keys` as this reader sees them, by key path (a key without a
    /// document is absent from the result).
    func read(many keys: [StoreKey]) throws -> [String: Data]
}

extension DocumentReading {
    /// One by one, unless the backend reads in batches.
    public var readsInBatches: Bool { false }

    /// Each key read on its own.
    public func read(many keys: [StoreKey]) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for key in keys {
            if let data = try read(key) { result[key.path] = data }
        }
        return result
    }
}

extension DocumentReading {
    /// ``read(_:)`` decoded from JSON.
    /// - Throws: ``DealersError`` `.corruptStore` naming the document when it does not decode.
    public func readJSON<T: Decodable>(_ type: T.Type, _ key: StoreKey) throws -> T? {
        guard let data = try read(key) else { return nil }
        return try StoreJSON.decode(type, from: data, path: location(of: key))
    }
}

/// What the application needs of the place its documents live, whatever keeps them: documents
/// by key, the keys and documents under a folder prefix in key order, and transactions that
/// make a file's changes durable all at once (PRODUCT.md §6). ``DocumentStore`` — JSON Lines
/// segments in a folder — is one backend; `PostgresStore` (the `DealersPostgres` target)
/// implements the same two protocols, and the domain (`StoreDomainState`, the change log, the file pipeline) works
/// over either.
public protocol DocumentBackend: DocumentReading {
    /// The backend's transactions.
    associatedtype Transaction: DocumentTransaction
    /// Whether this handle may begin transactions that commit (for the JSON store: it holds the
    /// writer's lock; for PostgreSQL: it was not opened read-only).
    var isWritable: Bool { get }
    /// Calls `body` with each key under a folder prefix (`""`: all), in byte order.
    func forEachKey(under prefix: String, _ body: (StoreKey) throws -> Void) throws
    /// Calls `body` with each document under a folder prefix in key order; the bytes are valid
    /// only during the call.
    func forEachDocument(under prefix: String, _ body: (StoreKey, UnsafeRawBufferPointer) throws -> Void) throws
    /// Begins a transaction: its changes are seen by its own reads, by nobody else until
    /// ``DocumentTransaction/commit()``.
    func beginTransaction() -> Transaction
    /// Opens, on any thread, another read-only handle on the same store (what `store verify`,
    /// the reports and the sync feed read on threads of their own).
    func readOnlyOpener() -> @Sendable () throws -> any DocumentBackend
    /// Releases the handle (its lock, its connections); using it afterwards is an error.
    func close()
}

extension DocumentReading {
    /// Whether a document exists under `key`.
    public func contains(_ key: StoreKey) throws -> Bool {
        try read(key) != nil
    }
}

/// The changes of one transaction: all of them become durable and visible at its commit, or
/// none does (a process killed before the commit point leaves the store as it was).
public protocol DocumentTransaction: DocumentReading {
    /// Sets the full new content of a document from compact JSON bytes, as the store's codecs
    /// write them (a backend may take them without checking their grammar).
    func write(_ key: StoreKey, json bytes: [UInt8]) throws
    /// Writes a document whose key the caller has just made up and believes nobody holds: an
    /// index entry of a user or contract this transaction creates. A backend may then insert it
    /// without looking for a document to replace (PostgreSQL: a plain `INSERT` instead of an
    /// upsert); should one be there after all, the transaction fails with a ``StoreConflict`` and
    /// its retry writes normally. The JSON store writes it as ``write(_:json:)`` does.
    func create(_ key: StoreKey, json bytes: [UInt8]) throws
    /// Encodes a value as the store's JSON and writes it.
    func writeJSON<T: Encodable>(_ value: T, _ key: StoreKey) throws
    /// Removes a document (one that does not exist is fine).
    func delete(_ key: StoreKey) throws
    /// Calls `body` with every key this transaction changes under a folder prefix (`""`: all),
    /// in key order, with its new document (`nil`: deleted).
    func forEachChange(under prefix: String, _ body: (StoreKey, UnsafeRawBufferPointer?) throws -> Void) throws
    /// Calls `body` with every key this transaction changes under a folder prefix, in key order,
    /// as ``forEachChange(under:_:)`` does, except that a document this transaction created — no
    /// document was under its key before the transaction, known without reading it — may come as
    /// ``TransactionChange/created`` without its content: a backend a round trip away need not
    /// send back what it was just sent. The default gives every document's content.
    func forEachChangeKnowingCreated(under prefix: String, _ body: (StoreKey, TransactionChange) throws -> Void) throws
    /// Whether this transaction changes a key `matches` accepts: the keys are asked in no
    /// particular order, the first accepted ends the search, and no document is read. The
    /// default walks ``forEachChange(under:_:)``.
    func changesAnyKey(where matches: (StoreKey) throws -> Bool) throws -> Bool
    /// Asks for many documents ahead of their use: a backend a round trip away sends the read
    /// now and lets the caller go on (applying the rows before the ones that need them), and
    /// ``ReadAhead/documents()`` gives them as the transaction sees them when it is called —
    /// a document the transaction changed meanwhile is read again. The default reads then.
    func readAhead(many keys: [StoreKey]) throws -> ReadAhead
    /// Forgets every uncommitted change; the transaction stays open and empty.
    func discardAll() throws
    /// Makes every change durable and visible at once.
    func commit() throws
    /// Whether other transactions of the same store may change documents while this one is open
    /// (PostgreSQL: no store-wide writer lock; the JSON store: no, one writer at a time). Such a
    /// transaction takes what must stay in commit order — `sequence.json`, the change log — only
    /// after ``lockForCommit()``.
    var appliesConcurrently: Bool { get }
    /// A number the backend hands out itself, unique across concurrent transactions and not
    /// below `floor` (what `sequence.json` says is next), or `nil` when the number comes from
    /// `sequence.json` as in the JSON store.
    func takeNumber(_ counter: StoreCounter, atLeast floor: Int) throws -> Int?
    /// Waits until no other transaction is between this call and its commit, and keeps it so until
    /// this one commits or ends; reads made afterwards see every transaction committed before.
    /// Nothing to do for a store with one writer.
    func lockForCommit() throws
}

/// Ends the walk of ``DocumentTransaction/changesAnyKey(where:)``'s default at the first key accepted.
private struct ChangeFound: Error {}

/// A key's change as ``DocumentTransaction/forEachChangeKnowingCreated(under:_:)`` gives it.
public enum TransactionChange {
    /// A document the transaction created where there was none before it (its content not given).
    case created
    /// The key's new document.
    case written(UnsafeRawBufferPointer)
    /// The document removed.
    case deleted
}

/// Documents asked for ahead of their use (``DocumentTransaction/readAhead(many:)``).
public final class ReadAhead {
    private let answer: () throws -> [String: Data]

    /// A read whose answer `answer` gives when asked for.
    public init(answer: @escaping () throws -> [String: Data]) {
        self.answer = answer
    }

    /// The documents under the keys asked for, as the transaction sees them now, by key path (a
    /// key without a document is absent). Call it once.
    public func documents() throws -> [String: Data] {
        try answer()
    }
}

/// The counters a backend may keep itself (``DocumentTransaction/takeNumber(_:atLeast:)``).
public enum StoreCounter: Sendable {
    /// Contract numbers (`C00000001` …).
    case contract
}

/// A transaction met another transaction's changes (a deadlock, a document another transaction
/// created meanwhile, a serialization failure): it was rolled back, and doing the same work again
/// from the start, on a new transaction, is safe and will see the other's changes.
public struct StoreConflict: Error, CustomStringConvertible, Sendable {
    /// What the backend said.
    public var reason: String

    /// Creates the error.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "the transaction met a concurrent one and was rolled back: \(reason)" }
}

extension DocumentTransaction {
    /// Read when asked for, unless the backend can send the read ahead.
    public func readAhead(many keys: [StoreKey]) throws -> ReadAhead {
        ReadAhead { try self.read(many: keys) }
    }

    /// Every change with its content, unless the backend knows better.
    public func forEachChangeKnowingCreated(under prefix: String, _ body: (StoreKey, TransactionChange) throws -> Void) throws {
        try forEachChange(under: prefix) { key, content in
            try body(key, content.map(TransactionChange.written) ?? .deleted)
        }
    }

    /// The changes walked in key order until one is accepted, unless the backend knows better.
    public func changesAnyKey(where matches: (StoreKey) throws -> Bool) throws -> Bool {
        do {
            try forEachChange(under: "") { key, _ in
                if try matches(key) { throw ChangeFound() }
            }
        } catch is ChangeFound {
            return true
        }
        return false
    }

    /// One writer at a time, unless the backend says otherwise.
    public var appliesConcurrently: Bool { false }

    /// `sequence.json`'s counters, unless the backend keeps its own.
    public func takeNumber(_ counter: StoreCounter, atLeast floor: Int) throws -> Int? { nil }

    /// Nothing to wait for with one writer at a time.
    public func lockForCommit() throws {}

    /// A write like any other, unless the backend can do better.
    public func create(_ key: StoreKey, json bytes: [UInt8]) throws {
        try write(key, json: bytes)
    }
}

extension DocumentTransaction {
    /// The keys this transaction changes under a folder prefix, sorted, each with whether it
    /// deletes the document.
    public func changes(under prefix: String) throws -> [(key: StoreKey, deleted: Bool)] {
        var result: [(key: StoreKey, deleted: Bool)] = []
        try forEachChange(under: prefix) { key, value in result.append((key, value == nil)) }
        return result
    }
}
