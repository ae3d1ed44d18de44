import Foundation

/// A set of changes to a ``DocumentStore`` that becomes visible and durable all at once on
/// ``commit()``, or not at all.
///
/// Changes are held in memory until the commit, so a transaction costs in proportion to what it
/// writes. Reads see the transaction's own changes first, then the committed store.
///
/// Transactions are not isolated from each other: two open on the same store both read the
/// committed state, and the one that commits last wins for the documents both write. The store
/// has one writer; let the domain layer use one transaction at a time.
public final class StoreTransaction {
    /// The store this transaction writes to.
    public let store: DocumentStore
    private var changes: [StoreKey: StoreChange] = [:]
    private var committed = false

    init(store: DocumentStore) {
        self.store = store
    }

    /// The content of a document as this transaction sees it: its own write or deletion first,
    /// then the committed store.
    public func read(_ key: StoreKey) throws -> Data? {
        switch changes[key] {
        case .write(let data): return data
        case .delete: return nil
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
    public func write(_ key: StoreKey, _ data: Data) {
        changes[key] = .write(data)
    }

    /// Encodes `value` with ``StoreJSON`` (pretty, sorted keys, ISO 8601 dates) and writes it.
    public func writeJSON<T: Encodable>(_ value: T, _ key: StoreKey) throws {
        write(key, try StoreJSON.encode(value))
    }

    /// Removes a document (a document that does not exist is fine).
    public func delete(_ key: StoreKey) {
        changes[key] = .delete
    }

    /// Forgets an uncommitted change to one document.
    public func discardChange(to key: StoreKey) {
        changes[key] = nil
    }

    /// How many documents this transaction changes.
    public var changeCount: Int { changes.count }

    /// The keys this transaction changes, sorted.
    public var changedKeys: [StoreKey] { changes.keys.sorted() }

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
        try store.commit(changes)
        committed = true
        changes = [:]
    }
}
