import Foundation

/// A set of changes to a ``DocumentStore`` that becomes visible and durable all at once on
/// ``commit()``, or not at all.
///
/// Each change goes straight to the transaction's spool on disk (``TransactionSpool``); memory
/// holds only an index of the changed keys. Reads see the transaction's own changes first, then
/// the committed store. A transaction dropped without a commit removes its spool: nothing happened.
///
/// Documents are JSON: ``write(_:_:)`` stores the compact form of what it is given (white space
/// between tokens removed, everything else byte for byte) and refuses bytes that are not one
/// JSON value.
///
/// Transactions are not isolated from each other: two open on the same store both read the
/// committed state, and the one that commits last wins for the documents both write. The store
/// has one writer; let the domain layer use one transaction at a time.
public final class StoreTransaction {
    /// The store this transaction writes to.
    public let store: DocumentStore
    private var spool: TransactionSpool?
    private var index = SpoolIndex()
    private var committed = false

    init(store: DocumentStore) {
        self.store = store
    }

    /// The content of a document as this transaction sees it: its own write or deletion first,
    /// then the committed store.
    public func read(_ key: StoreKey) throws -> Data? {
        if let entry = index.get(key) {
            guard entry.state == .written, let spool else { return nil }
            return try spool.value(of: entry.line)
        }
        return try store.read(key)
    }

    /// ``read(_:)`` decoded from JSON.
    /// - Throws: ``DealersError`` `.corruptStore` naming the document when it does not decode.
    public func readJSON<T: Decodable>(_ type: T.Type, _ key: StoreKey) throws -> T? {
        guard let data = try read(key) else { return nil }
        return try StoreJSON.decode(type, from: data, path: store.location(of: key))
    }

    /// Sets the full new content of a document (replacing any earlier change to it here).
    /// - Throws: ``DealersError`` `.data` when `data` is not one JSON value, `.io` when the
    ///   spool cannot be written (a full disk …).
    public func write(_ key: StoreKey, _ data: Data) throws {
        try data.withUnsafeBytes { try write(key, raw: $0) }
    }

    /// Sets the full new content of a document from JSON bytes (compact ones are taken as they
    /// are, after one scan that checks it; others are compacted).
    /// - Throws: ``DealersError`` `.data` when the bytes are not one JSON value, `.io` for the spool.
    public func write(_ key: StoreKey, json bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(key, raw: $0) }
    }

    private func write(_ key: StoreKey, raw: UnsafeRawBufferPointer) throws {
        if JSONCompaction.isCompact(raw) {
            try writeCompact(key, raw)
        } else {
            try JSONCompaction.compact(raw, what: "the document \(key)").withUnsafeBytes { try writeCompact(key, $0) }
        }
    }

    /// Encodes `value` with ``StoreJSON`` (compact, sorted keys, ISO 8601 dates) and writes it.
    public func writeJSON<T: Encodable>(_ value: T, _ key: StoreKey) throws {
        try StoreJSON.encode(value).withUnsafeBytes { try writeCompact(key, $0) }
    }

    /// Writes bytes already known to be compact JSON (``StoreJSON`` output, a segment's value).
    func writeCompact(_ key: StoreKey, _ bytes: UnsafeRawBufferPointer) throws {
        try index.set(key, line: try journal().append(key, value: bytes))
    }

    /// Removes a document (a document that does not exist is fine).
    public func delete(_ key: StoreKey) throws {
        try index.set(key, line: try journal().append(key, value: nil))
    }

    /// Forgets an uncommitted change to one document: the commit leaves it as it was.
    public func discardChange(to key: StoreKey) throws {
        index.discard(key)
    }

    /// How many documents this transaction changes.
    public var changeCount: Int { index.count }

    /// The keys this transaction changes, sorted.
    public var changedKeys: [StoreKey] { index.sorted().map(index.key(of:)) }

    /// The keys this transaction changes under a folder prefix, sorted, each with whether it
    /// deletes the document (a scan of the transaction's index: for rare questions).
    public func changes(under prefix: String) -> [(key: StoreKey, deleted: Bool)] {
        let start = Array((prefix.hasSuffix("/") ? prefix : prefix + "/").utf8)
        return index.sorted().compactMap { entry in
            let matches = index.withKey(entry) { key in start.withUnsafeBytes { KeyBytes.hasPrefix(key, $0) } }
            return matches ? (index.key(of: entry), entry.state == .deleted) : nil
        }
    }

    /// Whether ``commit()`` has succeeded.
    public var isCommitted: Bool { committed }

    /// Commits every change atomically: after it returns, they are durable and visible; if the
    /// process dies before the commit point (the manifest's replacement), none of them happened.
    /// A transaction commits once; committing an empty one does nothing.
    /// - Throws: ``DealersError``: `.io` when writing fails (nothing was committed),
    ///   `.internalError` for a read-only or closed store or a second commit.
    public func commit() throws {
        guard !committed else {
            throw DealersError(.internalError, path: store.directory.path, "the transaction was already committed")
        }
        if let spool, index.count > 0 {
            try store.commit(spool, index: index)
        } else {
            try store.checkWritable()
            spool?.discard()
        }
        committed = true
        spool = nil
        index = SpoolIndex()
    }

    /// The spool, created with the first change.
    private func journal() throws -> TransactionSpool {
        if let spool { return spool }
        guard !committed else {
            throw DealersError(.internalError, path: store.directory.path, "the transaction was already committed")
        }
        let spool = try store.makeSpool()
        self.spool = spool
        return spool
    }
}
