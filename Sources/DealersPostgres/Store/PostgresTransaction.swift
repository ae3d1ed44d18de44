import DealersStore
import Foundation
import PostgresNIO

/// The changes of one input file (or one edit) to a ``PostgresStore``, all committed at once by
/// one SQL transaction, or none of them.
///
/// At its first statement the transaction opens an SQL transaction on the store's writer
/// connection and, for a writable store, waits for the store's writer lock (a transaction-level
/// advisory lock, so only one transaction of any worker changes the store at a time and reads
/// cannot go stale before the commit). Changes go to the session's temporary table
/// `dealers_changes` (key, new document or NULL for a deletion) as they come, in batches of
/// ``batchSize`` (the batch not yet sent is the only part in memory, and reads look there first),
/// so a million-user file needs the memory of one batch, and reads see the transaction's own
/// changes by a join of the two tables. ``commit()`` copies the changes into
/// `dealers_documents` and commits: that `COMMIT` is the commit point. If the process dies
/// before it, the server rolls everything back when the connection drops.
///
/// A transaction of a read-only handle (`dealers validate`) never takes the lock and never
/// commits: its changes stay in the temporary table, are rolled back when it ends, and lock no
/// row anybody else needs.
public final class PostgresTransaction: DocumentTransaction {
    /// The store this transaction writes to.
    public let store: PostgresStore
    private var connection: BlockingConnection?
    /// Changes not yet sent: new content, or `nil` for a deletion.
    private var pending: [String: String?] = [:]
    private var finished = false
    /// Changes kept in memory before they are sent in one statement.
    var batchSize = 1_000

    init(store: PostgresStore) {
        self.store = store
    }

    deinit {
        if connection != nil { rollback() }
    }

    /// The writer connection inside this transaction's SQL transaction, opened on first use.
    private func open() throws -> BlockingConnection {
        if let connection { return connection }
        guard !finished else {
            throw DealersError(.internalError, path: store.url.description, "the transaction is already committed or rolled back")
        }
        guard !store.writerInUse else {
            throw DealersError(.internalError, path: store.url.description, "a second transaction was begun while one is open in this process")
        }
        let writer = try store.writerConnection()
        try writer.execute("BEGIN")
        do {
            if store.isWritable {
                try writer.execute("SELECT pg_advisory_xact_lock(\(AdvisoryLock.space), \(AdvisoryLock.writer))")
            }
            try writer.execute("TRUNCATE dealers_changes")
        } catch {
            try? writer.execute("ROLLBACK")
            throw error
        }
        store.writerInUse = true
        connection = writer
        return writer
    }

    /// Ends the transaction without keeping anything (what dropping it does too).
    public func end() {
        rollback()
        finished = true
    }

    /// Ends the SQL transaction without keeping anything.
    private func rollback() {
        if let connection {
            try? connection.execute("ROLLBACK")
            store.writerInUse = false
        }
        connection = nil
        pending.removeAll()
    }

    // MARK: Reading

    /// The document as this transaction sees it: its own change first, then the store.
    public func read(_ key: StoreKey) throws -> Data? {
        if let change = pending[key.path] { return change.map { Data($0.utf8) } }
        let connection = try open()
        var binds = PostgresBindingsBuilder()
        binds.append(key.path)
        let rows = try connection.query("""
            SELECT CASE WHEN c.key IS NOT NULL THEN c.raw ELSE d.raw END
            FROM (SELECT $1::text COLLATE "C" AS key) k
            LEFT JOIN dealers_changes c ON c.key = k.key
            LEFT JOIN dealers_documents d ON d.key = k.key
            """, binds.bindings)
        guard let buffer = try rows.first?.decode(ByteBuffer?.self) else { return nil }
        return Data(buffer.readableBytesView)
    }

    /// Where a document is, for messages.
    public func location(of key: StoreKey) -> String {
        store.location(of: key)
    }

    // MARK: Writing

    /// Sets a document from compact JSON bytes (the store's codecs' output).
    /// - Throws: ``DealersError`` `.data` when the bytes are not UTF-8, `.io` from the server
    ///   (which refuses text that is not JSON when the batch is sent).
    public func write(_ key: StoreKey, json bytes: [UInt8]) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DealersError(.data, path: location(of: key), "the document is not UTF-8 text")
        }
        try change(key, text)
    }

    /// Encodes `value` as the store's JSON and writes it.
    public func writeJSON<T: Encodable>(_ value: T, _ key: StoreKey) throws {
        try write(key, json: [UInt8](try StoreJSON.encode(value)))
    }

    /// Removes a document.
    public func delete(_ key: StoreKey) throws {
        try change(key, nil)
    }

    private func change(_ key: StoreKey, _ content: String?) throws {
        _ = try open()
        pending[key.path] = .some(content)
        if pending.count >= batchSize { try flush() }
    }

    /// Sends the pending changes in one statement (`unnest` of two arrays; a later change of a
    /// key replaces an earlier one).
    private func flush() throws {
        guard !pending.isEmpty else { return }
        let connection = try open()
        var keys: [String] = []
        var contents: [String] = []
        var deleted: [String] = []
        keys.reserveCapacity(pending.count)
        for (key, content) in pending {
            if let content {
                keys.append(key)
                contents.append(content)
            } else {
                deleted.append(key)
            }
        }
        pending.removeAll(keepingCapacity: true)
        if !keys.isEmpty {
            var binds = PostgresBindingsBuilder()
            binds.append(keys)
            binds.append(contents)
            try connection.query("""
                INSERT INTO dealers_changes (key, raw) SELECT * FROM unnest($1::text[], $2::text[])
                ON CONFLICT (key) DO UPDATE SET raw = EXCLUDED.raw
                """, binds.bindings)
        }
        if !deleted.isEmpty {
            var binds = PostgresBindingsBuilder()
            binds.append(deleted)
            try connection.query("""
                INSERT INTO dealers_changes (key, raw) SELECT unnest($1::text[]), NULL
                ON CONFLICT (key) DO UPDATE SET raw = NULL
                """, binds.bindings)
        }
    }

    /// Every change under a prefix in key order, a page at a time (`body` may write).
    public func forEachChange(under prefix: String, _ body: (StoreKey, UnsafeRawBufferPointer?) throws -> Void) throws {
        try flush()
        let connection = try open()
        let range = KeyRange(prefix: prefix)
        var last: String?
        let pageSize = 1_000
        while true {
            let (condition, values) = range.condition(after: last)
            var binds = PostgresBindingsBuilder()
            for value in values { binds.append(value) }
            let rows = try connection.query(
                "SELECT key, raw FROM dealers_changes WHERE \(condition) ORDER BY key LIMIT \(pageSize)", binds.bindings)
            for row in rows {
                let (key, raw) = try row.decode((String, ByteBuffer?).self)
                let storeKey = try StoreKey(key)
                if let raw {
                    try raw.withUnsafeReadableBytes { try body(storeKey, $0) }
                } else {
                    try body(storeKey, nil)
                }
            }
            guard rows.count == pageSize, let end = rows.last else { return }
            last = try end.decode(String.self)
        }
    }

    /// Forgets every change; the transaction stays open (and keeps the writer lock).
    public func discardAll() throws {
        pending.removeAll()
        guard let connection else { return }
        try connection.execute("TRUNCATE dealers_changes")
    }

    /// Copies the changes into the store and commits the SQL transaction (the commit point).
    /// - Throws: ``DealersError`` `.locked` on a read-only handle, `.io` from the server (then
    ///   nothing was committed).
    public func commit() throws {
        guard store.isWritable else {
            rollback()
            finished = true
            throw DealersError(.locked, path: store.url.description, "the store is open read-only")
        }
        guard connection != nil || !pending.isEmpty else {
            finished = true
            return
        }
        do {
            try flush()
            let connection = try open()
            try connection.execute("""
                INSERT INTO dealers_documents (key, raw) SELECT key, raw FROM dealers_changes WHERE raw IS NOT NULL
                ON CONFLICT (key) DO UPDATE SET raw = EXCLUDED.raw
                """)
            try connection.execute("""
                DELETE FROM dealers_documents d USING dealers_changes c WHERE c.raw IS NULL AND d.key = c.key
                """)
            store.crashPoint.exitIf(.beforeCommit)
            try connection.execute("COMMIT")
            store.crashPoint.exitIf(.afterCommit)
            store.writerInUse = false
            self.connection = nil
            finished = true
        } catch {
            rollback()
            finished = true
            throw error
        }
    }
}
