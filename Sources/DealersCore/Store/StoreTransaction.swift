import Foundation

/// A set of changes to a ``DocumentStore`` that becomes visible and durable all at once on
/// ``commit()``, or not at all.
///
/// Each change goes straight to the transaction's journal on disk (``JournalSpool``); memory
/// holds only an index of the changed keys, so a transaction of a million documents costs a
/// million index entries, not a million documents. Reads see the transaction's own changes first
/// (read back from the journal), then the committed store. A transaction dropped without a
/// commit removes its journal: nothing happened.
///
/// Transactions are not isolated from each other: two open on the same store both read the
/// committed state, and the one that commits last wins for the documents both write. The store
/// has one writer; let the domain layer use one transaction at a time.
public final class StoreTransaction {
    /// Where the latest change of a key is in the journal.
    enum IndexEntry {
        case written(offset: Int64, length: Int)
        case deleted

        var isWrite: Bool { if case .written = self { return true } else { return false } }
    }

    /// The store this transaction writes to.
    public let store: DocumentStore
    private var spool: JournalSpool?
    private var index: [StoreKey: IndexEntry] = [:]
    private var committed = false

    init(store: DocumentStore) {
        self.store = store
    }

    /// The content of a document as this transaction sees it: its own write or deletion first,
    /// then the committed store.
    public func read(_ key: StoreKey) throws -> Data? {
        switch index[key] {
        case .written(let offset, let length)?:
            guard let spool else { return nil }
            return try spool.read(offset: offset, length: length)
        case .deleted?: return nil
        case nil: return try store.read(key)
        }
    }

    /// ``read(_:)`` decoded from JSON.
    /// - Throws: ``DealersError`` `.corruptStore` naming the file when it does not decode.
    public func readJSON<T: Decodable>(_ type: T.Type, _ key: StoreKey) throws -> T? {
        guard let data = try read(key) else { return nil }
        return try StoreJSON.decode(type, from: data, path: store.url(for: key).path)
    }

    /// Sets the full new content of a document (replacing any earlier change to it here).
    /// - Throws: ``DealersError`` `.io` when the journal cannot be written (a full disk …).
    public func write(_ key: StoreKey, _ data: Data) throws {
        let place = try journal().appendWrite(key, data)
        index[key] = .written(offset: place.offset, length: place.length)
    }

    /// Encodes `value` with ``StoreJSON`` (pretty, sorted keys, ISO 8601 dates) and writes it.
    public func writeJSON<T: Encodable>(_ value: T, _ key: StoreKey) throws {
        try write(key, try StoreJSON.encode(value))
    }

    /// Removes a document (a document that does not exist is fine).
    public func delete(_ key: StoreKey) throws {
        try journal().appendDelete(key)
        index[key] = .deleted
    }

    /// Forgets an uncommitted change to one document: the journal records the committed content
    /// again, so the commit and a replay both leave the document as it was.
    public func discardChange(to key: StoreKey) throws {
        guard index[key] != nil else { return }
        if let original = try store.read(key) { try write(key, original) } else { try delete(key) }
        index[key] = nil
    }

    /// How many documents this transaction changes.
    public var changeCount: Int { index.count }

    /// The keys this transaction changes, sorted.
    public var changedKeys: [StoreKey] { index.keys.sorted() }

    /// Whether ``commit()`` has succeeded.
    public var isCommitted: Bool { committed }

    /// Commits every change atomically: after it returns, they are durable and visible; if the
    /// process dies before the journal's commit point, none of them happened; if it dies after,
    /// the next open completes them. A transaction commits once; committing an empty one does nothing.
    /// - Throws: ``DealersError``: `.corruptStore` when a change could never be applied (a folder
    ///   where a document should go), `.io` when writing fails (the message says whether the
    ///   transaction was committed nonetheless), `.internalError` for a read-only or closed store
    ///   or a second commit.
    public func commit() throws {
        guard !committed else {
            throw DealersError(.internalError, path: store.directory.path, "the transaction was already committed")
        }
        if let spool, !index.isEmpty {
            try store.commit(spool, index: index)
        } else {
            try store.checkWritable()
            spool?.discard()
        }
        committed = true
        spool = nil
        index = [:]
    }

    /// The journal, created with the first change.
    private func journal() throws -> JournalSpool {
        if let spool { return spool }
        guard !committed else {
            throw DealersError(.internalError, path: store.directory.path, "the transaction was already committed")
        }
        let spool = try store.makeSpool()
        self.spool = spool
        return spool
    }
}
