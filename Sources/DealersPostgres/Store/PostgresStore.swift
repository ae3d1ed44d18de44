import DealersStore
import Foundation
import Logging
import PostgresNIO

/// The store in a PostgreSQL database: the same documents under the same keys as the JSON store
/// (``DocumentStore``), one row each in `dealers_documents` (docs/store.md, "The PostgreSQL
/// backend").
///
/// A handle holds up to three connections on its own one-thread event loop group
/// (``BlockingConnection`` explains the blocking bridge): a *reader* for reads outside
/// transactions, a *writer*, opened at the first transaction, for transactions, and one for the
/// leases of a shared inbox (``claimInput(checksum:)``, ``LeaseKeeper``), opened at the first
/// claim. Many processes on many hosts may hold writable handles on one database at once, and
/// their transactions apply concurrently (``PostgresTransaction`` says how: row locks on what a
/// file reads to change, a commit lock for the last step only). No advisory lock and no
/// temporary table is used, so the same SQL serves engines that have neither (docs/scaling.md).
///
/// A read-only handle (``openReadOnly(_:logger:)``: reports, `validate`, `store show`) reads
/// one consistent state for its whole life (a `REPEATABLE READ` transaction on its reader), like
/// the JSON store's read-only view; its transactions keep their changes to themselves and cannot
/// commit.
public final class PostgresStore: DocumentBackend {
    /// The database (no password in it).
    public let url: PostgresURL
    /// Whether transactions may commit.
    public let isWritable: Bool
    let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private var reader: BlockingConnection?
    private var writer: BlockingConnection?
    /// This handle's leases, made at the first claim.
    private(set) var leases: LeaseKeeper?
    /// Whether a transaction of this handle is using the writer connection.
    var writerInUse = false
    /// Nesting depth of scans on the reader (a writable handle's scan reads one snapshot).
    private var scanDepth = 0
    /// Rows per page of a scan.
    var pageSize = 1_000
    /// The reader and the writer: what a lost lease closes (``SeverableConnections``).
    private let severable = SeverableConnections()
    /// Where `DEALERS_CRASH_AT` asks the process to die (tests).
    let crashPoint = PostgresCrashPoint.fromEnvironment()

    /// Opens a store for reading and writing, creating or upgrading its tables.
    /// - Throws: ``DealersError`` `.io` when the server cannot be reached or refuses a statement,
    ///   `.corruptStore` when its schema is newer than this program's or its schema version is
    ///   not the documents' (2).
    public convenience init(url: PostgresURL, logger: Logger) throws {
        try self.init(url: url, writable: true, logger: logger)
    }

    /// Opens a read-only handle: no tables are created, one consistent state is read until
    /// ``close()``.
    public static func openReadOnly(_ url: PostgresURL, logger: Logger) throws -> PostgresStore {
        try PostgresStore(url: url, writable: false, logger: logger)
    }

    private init(url: PostgresURL, writable: Bool, logger: Logger) throws {
        self.url = url
        self.isWritable = writable
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let connection = try BlockingConnection(url, on: group.next(), logger: logger)
            reader = connection
            severable.add(connection)
            if writable { try PostgresSchema.upgrade(connection) }
            try checkSchemaVersion(connection)
            if !writable { try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    private func checkSchemaVersion(_ connection: BlockingConnection) throws {
        let rows: [PostgresRow]
        do {
            rows = try connection.query("SELECT value FROM dealers_meta WHERE name = 'schemaVersion'")
        } catch {
            throw DealersError(.noInput, path: url.description, "holds no dealers store (open it for writing once, e.g. with dealers run, to create it)")
        }
        let version = try rows.first.map { try $0.decode(String.self) }
        guard version == "2" else {
            throw DealersError(.corruptStore, path: url.description, "the store's documents are schema \(version ?? "none"), this dealers reads schema 2")
        }
    }

    /// Closes the connections (rolling back whatever they had open) and the event loop.
    public func close() {
        leases?.stop()
        leases = nil
        reader?.close()
        writer?.close()
        reader = nil
        writer = nil
        try? group.syncShutdownGracefully()
    }

    /// The reader connection.
    func readerConnection() throws -> BlockingConnection {
        guard let reader else { throw DealersError(.internalError, path: url.description, "the store is closed") }
        return reader
    }

    /// The writer connection, opened (with keepalives and an idle-in-transaction limit) on first use.
    /// - Throws: `.io` when the connection was lost (the server ended it, or the network): the
    ///   transaction it held is gone, and the worker's leases may have passed meanwhile.
    func writerConnection() throws -> BlockingConnection {
        if let writer {
            guard writer.isOpen else {
                throw DealersError(.io, path: url.description, "lost the connection that holds this worker's claims; start the worker again")
            }
            return writer
        }
        guard reader != nil else { throw DealersError(.internalError, path: url.description, "the store is closed") }
        let connection = try BlockingConnection(url, on: group.next(), logger: logger)
        try Self.keepAlive(connection)
        // A worker stopped (SIGSTOP, a hung disk) in the middle of a transaction loses it some time
        // after its lease has passed, so the rows it locked do not hold the other workers up.
        try connection.execute("SET idle_in_transaction_session_timeout = \(Int(url.idleInTransactionSeconds * 1000))")
        writer = connection
        severable.add(connection)
        return connection
    }

    /// The handle's lease keeper, with a connection of its own, made on first use.
    func leaseKeeper() throws -> LeaseKeeper {
        if let leases { return leases }
        guard isWritable else { throw DealersError(.locked, path: url.description, "the store is open read-only") }
        let connection = try BlockingConnection(url, on: group.next(), logger: logger)
        try Self.keepAlive(connection)
        // A lease lost (taken over, or not renewed for its whole length) ends this handle's other
        // connections: a statement of the file's transaction waiting on them fails at once.
        let keeper = LeaseKeeper(connection: connection, seconds: url.leaseSeconds, logger: logger) { [severable] reason in
            severable.sever(reason)
        }
        leases = keeper
        return keeper
    }

    /// A worker that vanishes (host down, network cut) is noticed by the server within about
    /// 25 s (TCP keepalive: 10 s idle, 3 probes 5 s apart, ``DeadPeerDetection``): its
    /// transaction is rolled back.
    private static func keepAlive(_ connection: BlockingConnection) throws {
        for setting in DeadPeerDetection(leaseSeconds: connection.url.leaseSeconds).serverSettings {
            try connection.execute(setting)
        }
    }

    // MARK: Reading

    /// The document's exact bytes, or `nil`.
    public func read(_ key: StoreKey) throws -> Data? {
        var binds = PostgresBindingsBuilder()
        binds.append(key.path)
        let rows = try readerConnection().query("SELECT raw FROM dealers_documents WHERE key = $1", binds.bindings)
        guard let row = rows.first else { return nil }
        return Data(try row.decode(ByteBuffer.self).readableBytesView)
    }

    /// A round trip per statement: callers read in batches.
    public var readsInBatches: Bool { true }

    /// Many committed documents in one round trip (`WHERE key = ANY($1)`), locking nothing.
    public func read(many keys: [StoreKey]) throws -> [String: Data] {
        guard !keys.isEmpty else { return [:] }
        var binds = PostgresBindingsBuilder()
        binds.append(keys.map(\.path))
        var result: [String: Data] = [:]
        for row in try readerConnection().query("SELECT key, raw FROM dealers_documents WHERE key = ANY($1::text[])", binds.bindings) {
            let (key, raw) = try row.decode((String, ByteBuffer).self)
            result[key] = Data(raw.readableBytesView)
        }
        return result
    }

    /// `postgres://user@host:5432/db: users/3f/12345678Z.json`.
    public func location(of key: StoreKey) -> String {
        "\(url): \(key.path)"
    }

    /// Each key under `prefix` in byte order, a page at a time.
    public func forEachKey(under prefix: String, _ body: (StoreKey) throws -> Void) throws {
        try scan(columns: "key", under: prefix) { row in
            try body(try StoreKey(try row.decode(String.self)))
        }
    }

    /// Each document under `prefix` in key order, a page at a time: memory holds one page.
    public func forEachDocument(under prefix: String, _ body: (StoreKey, UnsafeRawBufferPointer) throws -> Void) throws {
        try scan(columns: "key, raw", under: prefix) { row in
            let (key, raw) = try row.decode((String, ByteBuffer).self)
            let storeKey = try StoreKey(key)
            try raw.withUnsafeReadableBytes { try body(storeKey, $0) }
        }
    }

    /// Walks `dealers_documents` under a prefix in pages of ``pageSize`` rows (keyset
    /// pagination on the primary key). A writable handle reads the whole walk in one snapshot.
    private func scan(columns: String, under prefix: String, _ each: (PostgresRow) throws -> Void) throws {
        let connection = try readerConnection()
        let snapshot = isWritable && scanDepth == 0
        if snapshot { try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        scanDepth += 1
        defer {
            scanDepth -= 1
            if snapshot { try? connection.execute("COMMIT") }
        }
        let range = KeyRange(prefix: prefix)
        var last: String?
        while true {
            let (condition, values) = range.condition(after: last)
            var binds = PostgresBindingsBuilder()
            for value in values { binds.append(value) }
            let rows = try connection.query(
                "SELECT \(columns) FROM dealers_documents WHERE \(condition) ORDER BY key LIMIT \(pageSize)", binds.bindings)
            for row in rows { try each(row) }
            guard rows.count == pageSize, let end = rows.last else { return }
            last = try end.decode(String.self)   // the first column is always the key
        }
    }

    /// The number of documents under a prefix.
    public func count(under prefix: String) throws -> Int {
        let (condition, values) = KeyRange(prefix: prefix).condition(after: nil)
        var binds = PostgresBindingsBuilder()
        for value in values { binds.append(value) }
        let rows = try readerConnection().query("SELECT count(*)::bigint FROM dealers_documents WHERE \(condition)", binds.bindings)
        return try Int(rows.first?.decode(Int64.self) ?? 0)
    }

    // MARK: Transactions

    /// A new transaction; it starts its SQL transaction (and waits for the writer lock) at its
    /// first statement.
    public func beginTransaction() -> PostgresTransaction {
        PostgresTransaction(store: self)
    }

    /// Opens, on any thread, a read-only handle on the same database (one committed state).
    public func readOnlyOpener() -> @Sendable () throws -> any DocumentBackend {
        let url = url, logger = logger
        return { try PostgresStore.openReadOnly(url, logger: logger) }
    }
}

extension PostgresStore {
    /// Runs `body` while holding the store's commit lock, so that no worker commits meanwhile and
    /// every read-only handle opened during `body` sees the same state (what `store verify`
    /// needs: it reads on several threads, through several connections).
    public func holdingWriterLock<T>(_ body: () throws -> T) throws -> T {
        let transaction = beginTransaction()
        defer { transaction.end() }
        try transaction.lockForCommit()
        return try body()
    }
}
