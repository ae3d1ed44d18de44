import Foundation
import Logging

/// A crash-safe store of JSON documents, one file per document under a folder.
///
/// Layout of the folder (see `docs/store.md`):
///
///     store/meta.json                  {"schemaVersion": 1, ...}
///     store/lock                       flock'd by the one writer; describes the holder
///     store/journal/<txid>.committed   a transaction being applied (normally absent)
///     store/<key>                      a document, e.g. store/users/3f/12345678Z.json
///
/// Opening for writing takes the lock and completes an interrupted commit; changes are made
/// through a ``StoreTransaction`` whose ``StoreTransaction/commit()`` is atomic and durable.
/// Nothing is loaded at open: every operation costs in proportion to the documents it touches.
///
/// An instance is not thread-safe; use it from one task at a time.
public final class DocumentStore {
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
    /// Set between a commit point and the removal of its journal; the next commit replays first.
    var needsRecovery = false
    /// Numbers the transactions committed by this instance (part of the txid).
    var transactionSequence = 0

    /// The crash point at which the test hook throws ``SimulatedCrash`` (unit tests only).
    var crashPoint: CrashPoint? {
        get { crash.simulated }
        set { crash.simulated = newValue }
    }

    /// Opens (creating when absent) the store in `directory`, takes the writer lock and
    /// completes a commit that an earlier process left unfinished.
    ///
    /// - Parameters:
    ///   - directory: the store folder (`store/`); created with its parents when missing.
    ///   - wait: when another process holds the lock, wait for it instead of failing.
    ///   - waitTimeout: with `wait`, give up after this many seconds (`nil`: wait forever).
    ///   - logger: where recovery and waiting are reported.
    /// - Throws: ``DealersError`` `.locked` (held by someone else; the message names the holder),
    ///   `.corruptStore` (newer schema, damaged committed journal, unreadable `meta.json`, a
    ///   non-empty folder that is not a store), `.io` / `.cannotCreate`.
    public convenience init(directory: URL, wait: Bool = false, waitTimeout: TimeInterval? = nil, logger: Logger) throws {
        try AtomicFile.createDirectory(directory)
        let lock = try StoreLock(url: directory.appendingPathComponent("lock"), wait: wait, timeout: waitTimeout, logger: logger)
        let meta = try StoreMeta.load(in: directory, create: true)
        try self.init(directory: directory, lock: lock, schemaVersion: meta.schemaVersion, logger: logger)
        try AtomicFile.createDirectory(journalDirectory)
        try StoreFiles.removeTemporaries(in: directory)
        try recover(trigger: "open")
    }

    /// Opens an existing store for reading only, without the lock and without writing anything.
    ///
    /// Meant for reports and checks while nobody writes. **Caveat:** nothing stops a writer from
    /// committing while this instance reads; each document read is whole (documents are
    /// replaced by rename), but two reads may straddle a commit and see documents from before
    /// and after it. Take the writer lock (``init(directory:wait:waitTimeout:logger:)``) when
    /// a consistent view matters.
    ///
    /// A store with a committed but unfinished transaction (`journal/*.committed`) is refused
    /// with `.locked`: its documents are a mix of old and new until a writer completes it.
    /// Transactions of a read-only instance fail to commit.
    /// A missing or empty folder is read as an empty store (nothing is created).
    /// - Throws: ``DealersError`` `.noInput` (a file there), `.locked` (unfinished commit),
    ///   `.corruptStore` (newer schema, unreadable `meta.json`).
    public static func openReadOnly(directory: URL, logger: Logger) throws -> DocumentStore {
        let entry = try StoreFiles.entry(at: directory)
        guard entry != .file else {
            throw DealersError(.noInput, path: directory.path, "no store here (a file, not a folder)")
        }
        // No store yet (a new workspace): an empty store to read, nothing created.
        if try StoreFiles.names(in: directory).allSatisfy({ $0.hasPrefix(".") }) {
            return try DocumentStore(directory: directory, lock: nil, schemaVersion: StoreMeta.currentSchemaVersion, logger: logger)
        }
        let meta = try StoreMeta.load(in: directory, create: false)
        let store = try DocumentStore(directory: directory, lock: nil, schemaVersion: meta.schemaVersion, logger: logger)
        if let unfinished = try store.journalFiles().committed.first {
            throw DealersError(.locked, path: store.journalDirectory.appendingPathComponent(unfinished).path,
                               "the store has an unfinished commit: a writer is busy or was interrupted; "
                               + "try again later, or run any command that writes to complete it")
        }
        return store
    }

    private init(directory: URL, lock: StoreLock?, schemaVersion: Int, logger: Logger) throws {
        self.directory = directory.standardizedFileURL
        self.lock = lock
        self.isReadOnly = lock == nil
        self.schemaVersion = schemaVersion
        var logger = logger
        logger[metadataKey: "store"] = "\(directory.path)"
        self.logger = logger
        self.crash = CrashHook(simulated: nil, exitAt: CrashPoint.fromEnvironment())
    }

    deinit { lock?.release() }

    /// Releases the writer lock; the instance can still read but no longer commit. Idempotent.
    public func close() {
        lock?.release()
        lock = nil
    }

    /// Whether this instance holds the writer lock (opened for writing and not closed).
    public var isWritable: Bool { lock?.isHeld ?? false }

    /// The folder holding the journal files.
    var journalDirectory: URL { directory.appendingPathComponent("journal") }

    /// The file of a document.
    public func url(for key: StoreKey) -> URL {
        directory.appendingPathComponent(key.path)
    }

    /// The committed content of a document, or `nil` when there is none.
    /// - Throws: ``DealersError`` `.io`, or `.corruptStore` when a folder sits where the document should be.
    public func read(_ key: StoreKey) throws -> Data? {
        try StoreFiles.read(url(for: key))
    }

    /// The committed content of a document decoded from JSON, or `nil` when there is none.
    /// - Throws: ``DealersError`` `.corruptStore` naming the file when it does not decode.
    public func readJSON<T: Decodable>(_ type: T.Type, _ key: StoreKey) throws -> T? {
        guard let data = try read(key) else { return nil }
        return try StoreJSON.decode(type, from: data, path: url(for: key).path)
    }

    /// Whether a document exists.
    public func contains(_ key: StoreKey) throws -> Bool {
        try StoreFiles.entry(at: url(for: key)) == .file
    }

    /// The keys of the documents under a folder prefix (e.g. `"users"`; `""` for all), recursively,
    /// enumerated lazily one folder at a time: depth first, each folder's entries sorted by name.
    ///
    /// A prefix with no folder yields nothing. An unreadable folder met during the enumeration
    /// (the prefix folder included) is logged and skipped; use ``forEachKey(under:_:)`` when
    /// that must stop the work instead.
    /// - Throws: ``DealersError`` `.data` for an invalid prefix.
    public func keys(under prefix: String) throws -> StoreKeySequence {
        let walker = try KeyWalker(root: directory, prefix: prefix)
        return StoreKeySequence(walker: walker, logger: logger)
    }

    /// Calls `body` with each key under `prefix` in the order of ``keys(under:)``, stopping at the
    /// first error (including an unreadable subfolder).
    public func forEachKey(under prefix: String, _ body: (StoreKey) throws -> Void) throws {
        var walker = try KeyWalker(root: directory, prefix: prefix)
        while let key = try walker.next() {
            try body(key)
        }
    }

    /// Starts a transaction; nothing it writes is visible to the store until it commits.
    public func beginTransaction() -> StoreTransaction {
        StoreTransaction(store: self)
    }

    /// Names in the journal folder, split by state; each list sorted (which is commit order).
    func journalFiles() throws -> (pending: [String], committed: [String]) {
        let names = try StoreFiles.names(in: journalDirectory).sorted()
        return (names.filter { $0.hasSuffix(Journal.pendingSuffix) },
                names.filter { $0.hasSuffix(Journal.committedSuffix) })
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
