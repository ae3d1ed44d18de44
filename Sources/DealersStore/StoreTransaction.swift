import Foundation

/// A set of changes to a ``DocumentStore`` that becomes visible and durable all at once on
/// ``commit()``, or not at all.
///
/// Each change goes straight to the transaction's spool on disk (``TransactionSpool``); memory
/// holds only an index of the keys changed since the last spill. When that index reaches
/// ``spillLimit`` keys, the latest lines are written, sorted, as a private *run* (a segment in
/// `journal/<txid>.runs/`), the spool is emptied and the index starts again: a transaction of
/// millions of documents needs the memory of ``spillLimit`` keys. Reads see the transaction's own
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
    /// Spilled runs, oldest first, each with a filter of its keys.
    private var runs: [Segment] = []
    private var filters: [BloomFilter] = []
    /// Calls of ``forEachChange(under:_:)`` under way: no spill meanwhile (its body may write).
    private var iterating = 0
    /// Look-ups in the runs since their pages were last given back, and which runs they searched.
    private var runLookups = 0
    private var searched: [Bool] = []
    private var runsFolder: URL?
    private var committed = false
    /// Keys in the index that make it spill to a run.
    var spillLimit = 200_000

    init(store: DocumentStore) {
        self.store = store
    }

    deinit { removeRuns() }

    /// The content of a document as this transaction sees it: its own write or deletion first,
    /// then the committed store.
    public func read(_ key: StoreKey) throws -> Data? {
        if let entry = index.get(key) {
            guard entry.state == .written, let spool else { return nil }
            return try spool.value(of: entry.line)
        }
        if !runs.isEmpty, let (run, entry) = try key.withBytes({ try newestInRuns($0) }) {
            return entry.isDeletion ? nil : Data(run.value(of: entry))
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
        try spool?.reset()
        index = SpoolIndex()
        removeRuns()
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
        guard let spool else { return }
        var merge = try RunMerge(runs, in: spool.runsFolder, prefix: start)
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
        if let spool, !runs.isEmpty {
            if index.count > 0 { try spill() }
            try store.commit(spool, runs: runs, in: spool.runsFolder)
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

    private func spillIfFull() throws {
        if index.count >= spillLimit, iterating == 0 { try spill() }
    }

    /// Writes the index's latest lines, sorted, as a new run; empties the spool and the index.
    private func spill() throws {
        guard let spool else { return }
        let folder = spool.runsFolder
        runsFolder = folder
        let id = runs.count + 1
        if let info = try DocumentStore.writeSegment(from: spool, index: index, folder: folder, id: id, durable: false, exists: { _ in true }),
           let run = try Segment.open(in: folder, info: info) {
            run.adviseRandom()
            var filter = BloomFilter(capacity: index.count)
            for entry in index.entries where entry.state != .discarded { index.withKey(entry) { filter.insert($0) } }
            runs.append(run)
            filters.append(filter)
        }
        try spool.reset()
        index = SpoolIndex()
    }

    /// The newest line of a key in the runs: runs whose filter rules the key out are skipped;
    /// every ``MappedFile/scatteredReadsPerRelease`` look-ups the pages of the runs they
    /// searched are given back.
    private func newestInRuns(_ key: UnsafeRawBufferPointer) throws -> (Segment, Segment.Entry)? {
        runLookups += 1
        if runLookups >= MappedFile.scatteredReadsPerRelease {
            runLookups = 0
            for i in searched.indices where searched[i] {
                runs[i].releaseAll()
                searched[i] = false
            }
        }
        if searched.count < runs.count { searched += Array(repeating: false, count: runs.count - searched.count) }
        for i in runs.indices.reversed() where filters[i].mayContain(key) {
            searched[i] = true
            if let entry = try runs[i].find(key) { return (runs[i], entry) }
        }
        return nil
    }

    private func removeRuns() {
        runs = []
        filters = []
        searched = []
        if let runsFolder { try? StoreFiles.removeTree(runsFolder) }
        runsFolder = nil
    }
}
