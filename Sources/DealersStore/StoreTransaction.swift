import Foundation

/// A set of changes to a ``DocumentStore`` that becomes visible and durable all at once on
/// ``commit()``, or not at all.
///
/// Each change goes straight to the transaction's spool on disk (``TransactionSpool``); memory
/// holds only an index of the keys changed since the last spill. When that index reaches
/// ``spillLimit`` keys, the latest lines are written, sorted, as a private *run*
/// (``TransactionRun``, in `journal/<txid>.runs/`) by a thread of its own while a new spool and
/// index take the changes (``PendingSpill``; the next spill waits for it): a transaction of
/// millions of documents needs the memory of two indexes of ``spillLimit`` keys. A read-only
/// store's transactions never commit: they spill on the calling thread, the sorted index alone,
/// over a spool that then keeps every line. Reads see the transaction's own
/// changes first (index, then runs newest first), then the committed store. A transaction dropped
/// without a commit removes its spool and runs: nothing happened.
///
/// Documents are JSON: ``write(_:_:)`` stores the compact form of what it is given (white space
/// between tokens removed, everything else byte for byte) and refuses bytes that are not one
/// JSON value.
///
/// Transactions are not isolated from each other: two open on the same store both read the
/// committed state, and the one that commits last wins for the documents both write. The store
/// has one writer; let the domain layer use one transaction at a time.
public final class StoreTransaction: DocumentTransaction {
    /// The store this transaction writes to.
    public let store: DocumentStore
    private var spool: TransactionSpool?
    private var index = SpoolIndex()
    /// Spilled runs, oldest first, each with a filter of its keys (those of the folders read so far).
    private var runs: [(run: TransactionRun, filter: RunFilter)] = []
    /// The folders of the keys read so far: a run's filter holds only its keys in these (see
    /// ``RunFilter``).
    private var readFolders = ReadFolders()
    /// Calls of ``forEachChange(under:_:)`` under way: no spill meanwhile (its body may write).
    private var iterating = 0
    /// Where the runs are, once there are any.
    private(set) var runsFolder: URL?
    private var committed = false
    /// Keys in the index that make it spill to a run: the most a table of 2^18 slots holds
    /// before it doubles (183,500), so that the table never grows to 2^19 slots (4 MiB) for the
    /// last few keys before a spill; half as many for a read-only store's (2^17 slots, 91,750
    /// keys). A read-only spill writes the run's index alone, so spilling twice as often costs
    /// little, and the index it empties is 6 MiB of a validation's peak instead of 12.
    var spillLimit: Int
    /// The spill being written on another thread, if any.
    private var pending: PendingSpill?
    /// Runs started, for their numbers.
    private var runsStarted = 0

    init(store: DocumentStore) {
        self.store = store
        spillLimit = SpoolIndex.keysBefore(growing: store.isReadOnly ? 1 << 17 : 1 << 18)
    }

    deinit {
        _ = try? finishSpill()
        removeRuns()
    }

    /// The content of a document as this transaction sees it: its own write or deletion first,
    /// then the committed store.
    public func read(_ key: StoreKey) throws -> Data? {
        let folder = key.withBytes { readFolders.note($0) }
        if let entry = index.get(key) {
            guard entry.state == .written, let spool else { return nil }
            return try spool.value(of: entry.line)
        }
        if let pending, let entry = pending.index.get(key) {
            return entry.state == .written ? try pending.spool.value(of: entry.line) : nil
        }
        if !runs.isEmpty, let (run, entry) = try key.withBytes({ try newestInRuns($0, folder: folder) }) {
            return entry.isDeletion ? nil : try run.value(of: entry)
        }
        return try store.read(key)
    }

    /// Where a document is, as a person reads it in a message (the store's path for it).
    public func location(of key: StoreKey) -> String {
        store.location(of: key)
    }

    /// Sets the full new content of a document (replacing any earlier change to it here).
    /// - Throws: ``DealersError`` `.data` when `data` is not one JSON value, `.io` when the
    ///   spool cannot be written (a full disk …).
    public func write(_ key: StoreKey, _ data: Data) throws {
        try data.withUnsafeBytes { try write(key, raw: $0) }
    }

    /// Sets the full new content of a document from compact JSON bytes as the store's codecs
    /// write them (`UserCodec`, `IndexEntryCodec` …): taken as they are, with no scan of their
    /// grammar (debug builds check every write). Bytes holding a line break, which would break a
    /// segment's lines, are checked and compacted as ``write(_:_:)`` does.
    /// - Throws: ``DealersError`` `.data` when such bytes are not one JSON value, `.io` for the spool.
    public func write(_ key: StoreKey, json bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            assert(JSONCompaction.isCompact(raw), "a codec wrote JSON that is not compact for \(key)")
            if let base = raw.baseAddress, memchr(base, 0x0A, raw.count) == nil {
                try writeCompact(key, raw)
            } else {
                try write(key, raw: raw)
            }
        }
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
        try spillIfFull()
    }

    /// Removes a document (a document that does not exist is fine).
    public func delete(_ key: StoreKey) throws {
        try index.set(key, line: try journal().append(key, value: nil))
        try spillIfFull()
    }

    /// Forgets an uncommitted change to one document: the commit leaves it as it was.
    public func discardChange(to key: StoreKey) throws {
        try finishSpill()
        if runs.isEmpty {
            index.discard(key)
        } else if let original = try store.read(key) {
            try original.withUnsafeBytes { try writeCompact(key, $0) }
        } else {
            try delete(key)
        }
    }

    /// Forgets every uncommitted change (spilled runs included): the transaction stays open
    /// and empty, as if just begun.
    public func discardAll() throws {
        guard iterating == 0 else {
            throw DealersError(.internalError, path: store.directory.path, "a transaction's changes were discarded while being walked")
        }
        try finishSpill()
        // The runs first: a read-only store's point into the spool the reset empties.
        removeRuns()
        index = SpoolIndex()
        try spool?.reset()
    }

    /// How many documents this transaction changes.
    public var changeCount: Int {
        get throws {
            var count = 0
            try forEachChange(under: "") { _, _ in count += 1 }
            return count
        }
    }

    /// The keys this transaction changes, sorted.
    public var changedKeys: [StoreKey] {
        get throws {
            var keys: [StoreKey] = []
            try forEachChange(under: "") { key, _ in keys.append(key) }
            return keys
        }
    }

    /// Calls `body` with every key this transaction changes under a folder prefix (`""`: all), in
    /// key order, with its new document (`nil`: deleted), as of the call (what `body` writes is
    /// not visited). The bytes are valid only during the call. A transaction that never spilled is
    /// walked in its index, reading each line back from the spool; one that did spills what is in
    /// memory too and merges its runs.
    public func forEachChange(under prefix: String, _ body: (StoreKey, UnsafeRawBufferPointer?) throws -> Void) throws {
        let start = prefix.isEmpty ? [] : Array((prefix.hasSuffix("/") ? prefix : prefix + "/").utf8)
        try finishSpill()
        if runs.isEmpty {
            guard let spool else { return }
            iterating += 1
            defer { iterating -= 1 }
            for entry in index.sorted() where index.withKey(entry, { key in start.withUnsafeBytes { KeyBytes.hasPrefix(key, $0) } }) {
                let key = index.key(of: entry)
                if entry.state == .deleted {
                    try body(key, nil)
                } else {
                    try spool.value(of: entry.line).withUnsafeBytes { try body(key, $0) }
                }
            }
            return
        }
        if index.count > 0 { try spill() }
        iterating += 1
        defer { iterating -= 1 }
        var merge = try RunMerge(runs.map(\.run), prefix: start)
        try merge.forEach { line, keyBytes, entry in
            let key = StoreKey(trusted: String(decoding: keyBytes, as: UTF8.self))
            let range = DocumentLine.valueRange(lineLength: entry.length, keyLength: entry.keyLength)
            try body(key, entry.isDeletion ? nil : UnsafeRawBufferPointer(rebasing: line[range]))
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
        defer { removeRuns() }
        try finishSpill()
        if !runs.isEmpty {
            try store.checkWritable()   // a read-only store refuses here, before the spill below
            if index.count > 0 { try spill() }
            try store.commit(try journal(), runs: runs.map(\.run))
        } else if let spool, index.count > 0 {
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

    /// Spills a full index: on a thread of its own, unless the store is read-only — its
    /// transactions (`dealers validate`) never commit, and a second index alive would only add
    /// memory (measured: 93 → 130 MiB for a 1 M-row validation, no faster).
    private func spillIfFull() throws {
        guard index.count >= spillLimit, iterating == 0 else { return }
        if store.isReadOnly { try spill() } else { try startSpill() }
    }

    /// Writes the index's latest lines, sorted, as a new run, on this thread (after any spill
    /// under way); empties the spool and the index. A read-only store's run is its index alone
    /// over the spool, which it keeps (see ``TransactionRun``).
    private func spill() throws {
        try finishSpill()
        guard let spool, index.count > 0 else { return }
        let folder = nextRunFolder(spool)
        if store.isReadOnly {
            if let run = try TransactionRun.write(index: index, over: spool, to: folder.appendingPathComponent(Segment.indexName(runsStarted))) {
                runs.append((run, RunFilter(of: index, folders: readFolders)))
            }
            index.removeAll()
            return
        }
        if let written = try PendingSpill.write(spool: spool, index: index, folder: folder, id: runsStarted, folders: readFolders) {
            runs.append(written)
        }
        try spool.reset()
        index.removeAll()
    }

    /// Hands the index and its spool to a thread that writes them as a new run (after the spill
    /// before it is done); the next change starts a new spool and index. Reads meanwhile look in
    /// the handed-over index too.
    private func startSpill() throws {
        try finishSpill()
        guard let spool, index.count > 0 else { return }
        try spool.flushAll()
        pending = PendingSpill(spool: spool, index: index, folder: nextRunFolder(spool), id: runsStarted, folders: readFolders)
        self.spool = nil
        index = SpoolIndex(expecting: spillLimit)
    }

    /// The folder of the transaction's runs (the first spool's), counting one more run.
    private func nextRunFolder(_ spool: TransactionSpool) -> URL {
        let folder = runsFolder ?? spool.runsFolder
        runsFolder = folder
        runsStarted += 1
        return folder
    }

    /// Waits for the spill under way, if any, and adds its run.
    /// - Throws: what writing the run threw (a full disk …). The failure stays: the spill is kept
    ///   and every later call throws it again, so the transaction can never commit without the
    ///   changes that were being spilled.
    private func finishSpill() throws {
        guard let pending else { return }
        let written = try pending.run()
        self.pending = nil
        pending.spool.discard()
        if let written { runs.append(written) }
    }

    /// The newest line of a key of folder number `folder` (``ReadFolders``) in the runs, newest
    /// run first; runs whose filter rules the key out are skipped.
    private func newestInRuns(_ key: UnsafeRawBufferPointer, folder: Int) throws -> (TransactionRun, Segment.Entry)? {
        let probe = BloomFilter.Probe(key)
        for (run, filter) in runs.reversed() where filter.mayContain(folder: folder, probe) {
            if let entry = try run.find(key) { return (run, entry) }
        }
        return nil
    }

    private func removeRuns() {
        runs = []
        if let runsFolder { try? StoreFiles.removeTree(runsFolder) }
        runsFolder = nil
    }
}

/// A spill under way on a thread of its own: the index and spool handed over, and the run being
/// written from them.
///
/// The spool and the index go to that thread unchecked (`Handed`): once handed over they are only
/// read — the spill thread reads lines with `pread` into a buffer of its own (`withLine`), the
/// transaction reads them with `pread` into new `Data` (`value(of:)`) and looks keys up in the
/// index; the spool was flushed whole before, so neither writes. The run and its filter are read
/// only after ``run()`` has waited for the thread.
private final class PendingSpill {
    let spool: TransactionSpool
    let index: SpoolIndex
    private let work: BackgroundWork<Written>

    /// What the spill thread is given (see above for why it may have it).
    private struct Handed: @unchecked Sendable {
        let spool: TransactionSpool
        let index: SpoolIndex
        let folders: ReadFolders
    }

    /// What the spill thread made.
    private struct Written: @unchecked Sendable {
        var run: TransactionRun?
        var filter: RunFilter?
    }

    /// - Parameter folders: the folders read so far, whose keys the run's filter holds.
    init(spool: TransactionSpool, index: SpoolIndex, folder: URL, id: Int, folders: ReadFolders) {
        self.spool = spool
        self.index = index
        let handed = Handed(spool: spool, index: index, folders: folders)
        // Behind the applying and reading threads: the next spill or the commit waits for it,
        // a spill's worth of changes later.
        work = BackgroundWork(priority: .background) {
            let written = try PendingSpill.write(spool: handed.spool, index: handed.index, folder: folder, id: id,
                                                 folders: handed.folders)
            return Written(run: written?.0, filter: written?.1)
        }
    }

    /// Writes a run from the latest lines an index names, and the filter of its keys in
    /// `folders`; `nil` when nothing was left to write.
    static func write(spool: TransactionSpool, index: SpoolIndex, folder: URL, id: Int,
                      folders: ReadFolders) throws -> (TransactionRun, RunFilter)? {
        guard let info = try DocumentStore.writeSegment(from: spool, index: index, folder: folder, id: id, durable: false,
                                                        exists: { _ in true }) else { return nil }
        let run = try TransactionRun(indexPath: folder.appendingPathComponent(Segment.indexName(id)).path,
                                     lines: .file(folder.appendingPathComponent(Segment.dataName(id)).path),
                                     count: info.documents + info.deletions, dataSize: info.bytes)
        return (run, RunFilter(of: index, folders: folders))
    }

    /// Waits for the run; `nil` when the spill wrote nothing.
    func run() throws -> (TransactionRun, RunFilter)? {
        let written = try work.value()
        guard let run = written.run, let filter = written.filter else { return nil }
        return (run, filter)
    }
}
