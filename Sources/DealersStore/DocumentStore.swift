import Foundation
import Logging

/// A crash-safe store of JSON documents under keys, packed into a few segment files.
///
/// Layout of the folder (see `docs/store.md`):
///
///     store/meta.json                     {"schemaVersion": 2, ...}
///     store/manifest.json                 the live segments; replacing it is the commit point
///     store/segments/<id>.jsonl           documents as JSON Lines, sorted by key
///     store/segments/<id>.idx             the binary index of that segment
///     store/journal/<txid>.pending        a transaction being written (normally absent)
///     store/lock                          flock'd by the one writer; describes the holder
///
/// A commit writes the transaction's documents as one new segment and then replaces the
/// manifest; small segments are merged into larger ones as they accumulate. Opening for writing
/// takes the lock, upgrades a store of the previous layout (one file per document) and removes
/// what an interrupted commit or merge left. Nothing is loaded at open: segments are mapped, and
/// a read is a binary search in each segment's index, newest first.
///
/// An instance is not thread-safe; use it from one task at a time.
public final class DocumentStore: DocumentBackend {
    /// The store folder.
    public let directory: URL
    /// Whether this instance was opened with ``openReadOnly(directory:logger:)``.
    public let isReadOnly: Bool
    /// The schema version recorded in `meta.json`.
    public let schemaVersion: Int

    let logger: Logger
    private var lock: StoreLock?
    /// Crash points for tests (see ``CrashPoint``).
    var crash: CrashHook
    /// Set after a ``SimulatedCrash``: the instance behaves like a dead process until closed.
    var crashed = false
    /// Numbers the transactions started by this instance (part of the txid).
    var transactionSequence = 0
    /// The segments this instance reads: the manifest as of open or of its own last commit.
    var view: SegmentSet

    /// The crash point at which the test hook throws ``SimulatedCrash`` (unit tests only).
    var crashPoint: CrashPoint? {
        get { crash.simulated }
        set { crash.simulated = newValue }
    }

    /// Opens (creating when absent) the store in `directory`, takes the writer lock, upgrades a
    /// store of the previous layout and removes what an interrupted commit left.
    ///
    /// - Parameters:
    ///   - directory: the store folder (`store/`); created with its parents when missing.
    ///   - wait: when another process holds the lock, wait for it instead of failing.
    ///   - waitTimeout: with `wait`, give up after this many seconds (`nil`: wait forever).
    ///   - clock: what the wait for the lock is measured with and pauses on.
    ///   - logger: where recovery, migration and waiting are reported.
    /// - Throws: ``DealersError`` `.locked` (held by someone else; the message names the holder),
    ///   `.corruptStore` (newer schema, a missing or damaged segment, unreadable `meta.json`, a
    ///   non-empty folder that is not a store), `.io` / `.cannotCreate`.
    public convenience init(directory: URL, wait: Bool = false, waitTimeout: TimeInterval? = nil,
                            clock: any WallClock = SystemClock(), logger: Logger) throws {
        try AtomicFile.createDirectory(directory)
        let lock = try StoreLock(url: directory.appendingPathComponent("lock"), wait: wait, timeout: waitTimeout,
                                 clock: clock, logger: logger)
        let crash = CrashHook(simulated: nil, exitAt: CrashPoint.fromEnvironment())
        var meta = try StoreMeta.load(in: directory, create: true)
        if meta.schemaVersion < StoreMeta.currentSchemaVersion {
            meta = try StoreMigration(directory: directory, logger: logger, crash: crash).run(from: meta)
        }
        let manifest = try StoreRecovery(directory: directory, logger: logger).run(meta: meta)
        guard let view = try SegmentSet.open(manifest, folder: directory.appendingPathComponent(Self.segmentsFolder)) else {
            throw DealersError(.corruptStore, path: directory.appendingPathComponent(Self.segmentsFolder).path,
                               "a segment listed in \(Manifest.fileName) is missing; restore the store from a backup")
        }
        try self.init(directory: directory, lock: lock, schemaVersion: meta.schemaVersion, view: view, logger: logger)
        self.crash = crash
    }

    /// Opens an existing store for reading only, without the lock and without writing anything.
    ///
    /// The instance reads the store as it was when it opened, whatever a writer commits
    /// meanwhile: segments are immutable, and one a merge replaces stays readable while mapped.
    /// Transactions of a read-only instance fail to commit. A missing or empty folder is read
    /// as an empty store (nothing is created).
    /// - Throws: ``DealersError`` `.noInput` (a file there), `.locked` (a store of the previous
    ///   layout, which only a writer can upgrade), `.corruptStore` (newer schema, unreadable
    ///   `meta.json` or manifest, a missing segment).
    public static func openReadOnly(directory: URL, logger: Logger) throws -> DocumentStore {
        let entry = try StoreFiles.entry(at: directory)
        guard entry != .file else {
            throw DealersError(.noInput, path: directory.path, "no store here (a file, not a folder)")
        }
        // No store yet (a new workspace): an empty store to read, nothing created.
        if try StoreFiles.names(in: directory).allSatisfy({ $0.hasPrefix(".") || $0 == "lock" }) {
            return try DocumentStore(directory: directory, lock: nil, schemaVersion: StoreMeta.currentSchemaVersion,
                                     view: SegmentSet(segments: [], manifest: .empty), logger: logger)
        }
        let meta = try StoreMeta.load(in: directory, create: false)
        guard meta.schemaVersion == StoreMeta.currentSchemaVersion else {
            throw DealersError(.locked, path: directory.path,
                               "the store has the layout of an earlier dealers (one file per document); "
                               + "run `dealers store migrate`, or any command that writes, to upgrade it")
        }
        let folder = directory.appendingPathComponent(segmentsFolder)
        // A merge may replace the manifest between reading it and mapping its segments: read again.
        for _ in 0..<20 {
            guard let manifest = try Manifest.load(in: directory) else {
                throw DealersError(.corruptStore, path: directory.appendingPathComponent(Manifest.fileName).path, "is missing")
            }
            if let view = try SegmentSet.open(manifest, folder: folder) {
                return try DocumentStore(directory: directory, lock: nil, schemaVersion: meta.schemaVersion, view: view, logger: logger)
            }
        }
        throw DealersError(.corruptStore, path: folder.path, "a segment listed in \(Manifest.fileName) is missing")
    }

    private init(directory: URL, lock: StoreLock?, schemaVersion: Int, view: SegmentSet, logger: Logger) throws {
        self.directory = directory.standardizedFileURL
        self.lock = lock
        self.isReadOnly = lock == nil
        self.schemaVersion = schemaVersion
        self.view = view
        var logger = logger
        logger[metadataKey: "store"] = "\(directory.path)"
        self.logger = logger
        self.crash = CrashHook(simulated: nil, exitAt: nil)
    }

    deinit { lock?.release() }

    /// Releases the writer lock; the instance can still read but no longer commit. Idempotent.
    public func close() {
        lock?.release()
        lock = nil
    }

    /// Whether this instance holds the writer lock (opened for writing and not closed).
    public var isWritable: Bool { lock?.isHeld ?? false }

    static let segmentsFolder = "segments"

    /// The folder holding transaction spools.
    var journalDirectory: URL { directory.appendingPathComponent("journal") }
    /// The folder holding the segments.
    var segmentsDirectory: URL { directory.appendingPathComponent(Self.segmentsFolder) }

    /// Where a document is, as a person reads it in a message: `<store>/<key>`.
    public func location(of key: StoreKey) -> String {
        directory.appendingPathComponent(key.path).path
    }

    /// The committed content of a document (compact JSON), or `nil` when there is none.
    /// - Throws: ``DealersError`` `.corruptStore` when a segment's index is damaged.
    public func read(_ key: StoreKey) throws -> Data? {
        try view.read(key)
    }

    /// Whether a document exists.
    public func contains(_ key: StoreKey) throws -> Bool {
        try key.withBytes { try view.holds($0) }
    }

    /// Opens a read-only view of the same folder (``openReadOnly(directory:logger:)``).
    public func readOnlyOpener() -> @Sendable () throws -> any DocumentBackend {
        let directory = directory, logger = logger
        return { try DocumentStore.openReadOnly(directory: directory, logger: logger) }
    }

    /// The keys of the documents under a folder prefix (e.g. `"users"`; `""` for all), in
    /// byte order, read lazily from the segments.
    ///
    /// A damaged segment met during the enumeration is logged and ends it; use
    /// ``forEachKey(under:_:)`` when that must stop the work instead.
    /// - Throws: ``DealersError`` `.data` for an invalid prefix.
    public func keys(under prefix: String) throws -> StoreKeySequence {
        StoreKeySequence(cursor: try cursor(under: prefix), logger: logger)
    }

    /// Calls `body` with each key under `prefix` in the order of ``keys(under:)``, stopping at the
    /// first error.
    public func forEachKey(under prefix: String, _ body: (StoreKey) throws -> Void) throws {
        try forEachDocument(under: prefix) { key, _ in try body(key) }
    }

    /// Calls `body` with each document under `prefix` in key order: one sequential pass over the
    /// segments, no look-up per key. The bytes are valid only during the call.
    public func forEachDocument(under prefix: String, _ body: (StoreKey, UnsafeRawBufferPointer) throws -> Void) throws {
        var cursor = try cursor(under: prefix)
        while let (segment, entry) = try cursor.next() {
            let key = StoreKey(trusted: String(decoding: segment.key(of: entry), as: UTF8.self))
            try body(key, segment.value(of: entry))
        }
    }

    private func cursor(under prefix: String) throws -> DocumentCursor {
        var trimmed = prefix
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        try StoreKey.validate(trimmed, what: "folder prefix", allowEmpty: true)
        return try view.cursor(prefix: trimmed.isEmpty ? [] : Array((trimmed + "/").utf8))
    }

    /// Starts a transaction; nothing it writes is visible to the store until it commits.
    public func beginTransaction() -> StoreTransaction {
        StoreTransaction(store: self)
    }

    /// Throws unless this instance may commit.
    func checkWritable() throws {
        if crashed {
            throw DealersError(.internalError, path: directory.path, "the store crashed (test hook); close and reopen it")
        }
        guard !isReadOnly else {
            throw DealersError(.internalError, path: directory.path, "the store was opened read-only; it cannot commit")
        }
        guard isWritable else {
            throw DealersError(.internalError, path: directory.path, "the store was closed; it cannot commit")
        }
    }
}
