import DealersStore
import Foundation
import PostgresNIO

/// The changes of one input file (or one edit) to a ``PostgresStore``, all committed at once by
/// one SQL transaction, or none of them.
///
/// At its first statement the transaction opens an SQL transaction on the store's writer
/// connection and, for a writable store, locks the store's writer row (`dealers_meta`
/// `writer`, `FOR UPDATE`: only one transaction of any worker changes the store at a time, and
/// reads cannot go stale before the commit), then marks a savepoint that ``discardAll()``
/// returns to. Changes go straight to `dealers_documents` inside that SQL transaction, in
/// batches of ``batchSize`` (the batch not yet sent is the only part in memory, and reads look
/// there first), so a million-user file needs the memory of one batch and of the keys it changed,
/// and nobody else sees them before the `COMMIT`. The keys changed are listed in the client
/// (``ChangedKeys``, about their length in bytes each) for ``forEachChange(under:_:)``; past
/// ``changedKeysLimit`` bytes they go to `dealers_changes` under the transaction's number
/// instead (rows removed again before the commit). ``commit()`` checks the worker's leases (their fencing tokens)
/// and commits: that `COMMIT` is the commit point. If the process dies before it, the server
/// rolls everything back when the connection drops.
///
/// A transaction of a read-only handle (`dealers validate`) never locks the writer row, never
/// writes to the database and never commits: its changes stay in memory and are forgotten
/// when it ends, so it locks no row anybody else needs.
public final class PostgresTransaction: DocumentTransaction {
    /// The store this transaction writes to.
    public let store: PostgresStore
    private var connection: BlockingConnection?
    /// Changes not yet sent (all of them, for a read-only handle): new content, or `nil` for a deletion.
    private var pending: [String: String?] = [:]
    /// This transaction's number in `dealers_changes`.
    private var number: Int64 = 0
    private var finished = false
    /// Changes kept in memory before they are sent in one statement. postgres-nio sends a
    /// connection's next statement only once the server has answered the one before, so the
    /// server waits for the client between statements: 4,000 changes a statement (some 1 MiB
    /// of documents; at most ``BlockingConnection/maxInFlight`` statements wait to be answered)
    /// made the 100,000-row file's apply 0.3 s faster than 1,000 (docs/scaling.md, "Fewer, larger statements").
    var batchSize = 4_000
    /// Keys this transaction read and found no document under: it must create them itself, and
    /// finding one made meanwhile by another transaction is a ``StoreConflict``.
    private var readAbsent: Set<String> = []
    /// Keys written through ``create(_:json:)`` and not yet sent: inserted, not upserted.
    private var believedAbsent: Set<String> = []
    /// Whether ``create(_:json:)`` is taken at its word: not in the transaction right after one
    /// that met a duplicate key on the same connection (the retry of a file that met another's
    /// new document, or an index entry left behind), which upserts everything.
    private var trustsCreates = true
    /// The keys changed while a read sent ahead waits to be answered (``readAhead(many:)``);
    /// `nil` when none waits.
    private var changedDuringReadAhead: Set<String>?
    /// Whether this transaction holds the commit lock (``lockForCommit()``).
    private var commitLocked = false
    /// Contract numbers taken for this transaction.
    private var contractNumbers = NumberBlock()
    /// The keys of the changes sent, while they are listed in the client.
    private var changed = ChangedKeys()
    /// Whether the keys changed are listed in `dealers_changes` (the list grew past ``changedKeysLimit``).
    private var changesSpilled = false
    /// The most memory the list of keys changed takes in the client (32 MiB: some 800,000
    /// documents, a file of some 140,000 users) before it moves to `dealers_changes`.
    var changedKeysLimit = 32 << 20

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
        trustsCreates = !writer.takeDuplicateKeyMet()
        try writer.execute("BEGIN")
        do {
            if store.isWritable {
                number = try writer.query("SELECT nextval('dealers_transactions')").first?.decode(Int64.self) ?? 0
            }
            try writer.execute("SAVEPOINT dealers_start")
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
            try? connection.drain()
            try? connection.execute("ROLLBACK")
            store.writerInUse = false
        }
        connection = nil
        pending.removeAll()
        readAbsent.removeAll()
        believedAbsent.removeAll()
        changedDuringReadAhead = nil
        forgetChanges()
        try? contractNumbers.giveBack(to: store)
    }

    /// Empties the list of keys changed (their rows in `dealers_changes` go with the rollback).
    private func forgetChanges() {
        changed.removeAll()
        changesSpilled = false
    }

    // MARK: Concurrency

    /// Transactions of a writable handle apply alongside other workers' (no store-wide lock).
    public var appliesConcurrently: Bool { store.isWritable }

    /// How a read locks the rows it finds until the commit: users (and everything a file reads
    /// to change it) `FOR UPDATE`, so two files that change the same user take turns; collectives
    /// and the contract index, which most files only read, `FOR SHARE`; `sequence.json`, written
    /// only under the commit lock, not at all. A read-only handle locks nothing.
    private func lockClause(_ key: String) -> String {
        guard store.isWritable, key != "sequence.json" else { return "" }
        if key.hasPrefix("collectives/") || key.hasPrefix("contracts/") { return " FOR SHARE" }
        return " FOR UPDATE"
    }

    /// Waits for the store's commit lock (the `writer` row of `dealers_meta`, `FOR UPDATE`) and
    /// holds it until the commit: commits, and what must follow their order (`sequence.json`, the
    /// change log's numbers), go one at a time, while the files' work before them overlaps.
    public func lockForCommit() throws {
        guard store.isWritable, !commitLocked else { return }
        try flush()
        try open().execute("SELECT value FROM dealers_meta WHERE name = 'writer' FOR UPDATE")
        commitLocked = true
    }

    /// Contract numbers from the counter row `nextContract`, in blocks (``NumberBlock``); `nil`
    /// for a read-only handle (`validate` numbers as `sequence.json` says).
    public func takeNumber(_ counter: StoreCounter, atLeast floor: Int) throws -> Int? {
        guard store.isWritable else { return nil }
        switch counter {
        case .contract: return try contractNumbers.take(atLeast: floor, from: store)
        }
    }

    // MARK: Reading

    /// The document as this transaction sees it: its own change first, then the store (which
    /// holds the changes already sent).
    public func read(_ key: StoreKey) throws -> Data? {
        if let change = pending[key.path] { return change.map { Data($0.utf8) } }
        let connection = try open()
        var binds = PostgresBindingsBuilder()
        binds.append(key.path)
        let rows = try connection.query("SELECT raw FROM dealers_documents WHERE key = $1\(lockClause(key.path))", binds.bindings)
        guard let buffer = try rows.first?.decode(ByteBuffer.self) else {
            if store.isWritable { readAbsent.insert(key.path) }
            return nil
        }
        try checkStillAbsent([key.path])
        return Data(buffer.readableBytesView)
    }

    /// A round trip per statement: the domain reads a file's documents in batches.
    public var readsInBatches: Bool { true }

    /// Many documents in one round trip (`WHERE key = ANY($1)`), this transaction's own changes first.
    public func read(many keys: [StoreKey]) throws -> [String: Data] {
        var result: [String: Data] = [:]
        var asked: [String] = []
        for key in keys {
            if let change = pending[key.path] {
                if let change { result[key.path] = Data(change.utf8) }
            } else {
                asked.append(key.path)
            }
        }
        guard !asked.isEmpty else { return result }
        let connection = try open()
        // One statement per lock mode, each locking its rows in key order.
        for (clause, keys) in Dictionary(grouping: asked, by: { self.lockClause($0) }).sorted(by: { $0.key < $1.key }) {
            var binds = PostgresBindingsBuilder()
            binds.append(keys)
            let rows = try connection.query(
                "SELECT key, raw FROM dealers_documents WHERE key = ANY($1::text[]) ORDER BY key\(clause)", binds.bindings)
            var found: [String] = []
            for row in rows {
                let (key, raw) = try row.decode((String, ByteBuffer).self)
                result[key] = Data(raw.readableBytesView)
                found.append(key)
            }
            try checkStillAbsent(found)
            if store.isWritable {
                for key in keys where result[key] == nil { readAbsent.insert(key) }
            }
        }
        return result
    }

    /// Sends the read of `keys` not changed in memory now (one statement, rows locked as
    /// ``read(many:)`` locks them) and answers when asked: the keys this transaction changed in
    /// the meantime, and those of other lock modes or changed in memory at the start, are read
    /// again then. One read ahead at a time; a second one, or a read-only handle's, reads when asked.
    public func readAhead(many keys: [StoreKey]) throws -> ReadAhead {
        let asked = keys.map(\.path).filter { pending[$0] == nil }
        let clauses = Set(asked.map(lockClause))
        guard store.isWritable, changedDuringReadAhead == nil, clauses.count == 1, let clause = clauses.first else {
            return ReadAhead { try self.read(many: keys) }
        }
        var binds = PostgresBindingsBuilder()
        binds.append(asked)
        let rows = try open().startQuery(
            "SELECT key, raw FROM dealers_documents WHERE key = ANY($1::text[]) ORDER BY key\(clause)", binds.bindings)
        changedDuringReadAhead = []
        return ReadAhead { try self.finishReadAhead(keys, asked: asked, rows) }
    }

    /// The answer of a read sent ahead: what it found of the keys nobody changed since, the rest
    /// read now.
    private func finishReadAhead(_ keys: [StoreKey], asked: [String], _ rows: BlockingConnection.PendingRows) throws -> [String: Data] {
        let changedSince = changedDuringReadAhead ?? []
        changedDuringReadAhead = nil
        var found: [String: Data] = [:]
        for row in try open().finish(rows) {
            let (key, raw) = try row.decode((String, ByteBuffer).self)
            if !changedSince.contains(key) { found[key] = Data(raw.readableBytesView) }
        }
        try checkStillAbsent(Array(found.keys))
        let askedAhead = Set(asked).subtracting(changedSince)
        for key in askedAhead where found[key] == nil { readAbsent.insert(key) }
        let again = keys.filter { !askedAhead.contains($0.path) }
        guard !again.isEmpty else { return found }
        return found.merging(try read(many: again)) { _, now in now }
    }

    /// A key read before as absent that now has a document: another transaction created it
    /// meanwhile, and what this one decided from its absence no longer holds.
    private func checkStillAbsent(_ keys: [String]) throws {
        guard !readAbsent.isEmpty, let key = keys.first(where: readAbsent.contains) else { return }
        throw StoreConflict("\(key) was created by another transaction meanwhile")
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
        try change(key, try text(bytes, key))
    }

    /// Writes a document the caller believes nobody holds (a new user's index entries): sent in
    /// the plain `INSERT` of the documents found absent, unless this transaction already changed
    /// the key (a deletion not yet sent is replaced by an upsert) or does not trust the word.
    /// A document there after all is a duplicate key: a ``StoreConflict``, and the retry upserts.
    public func create(_ key: StoreKey, json bytes: [UInt8]) throws {
        let text = try text(bytes, key)
        _ = try open()
        if store.isWritable, trustsCreates, pending[key.path] == nil { believedAbsent.insert(key.path) }
        try change(key, text)
    }

    /// A document's bytes as the text the server stores.
    private func text(_ bytes: [UInt8], _ key: StoreKey) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DealersError(.data, path: location(of: key), "the document is not UTF-8 text")
        }
        return text
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
        changedDuringReadAhead?.insert(key.path)
        if store.isWritable, pending.count >= batchSize { try flush() }
    }

    /// Sends the pending changes (a writable handle's): one multi-row insert of the documents
    /// created and one upsert of the others (`unnest` of two arrays), one delete; their keys are
    /// listed (``list(changed:)``). Each statement takes its rows' locks in key order (the
    /// arrays sorted, the delete's rows locked `ORDER BY key`), as reads do, so two
    /// transactions writing the same documents wait for each other instead of deadlocking.
    private func flush() throws {
        guard store.isWritable, !pending.isEmpty else { return }
        let connection = try open()
        var written: [String] = []
        var writtenContents = TextArray()
        var created: [String] = []
        var createdContents = TextArray()
        var deleted: [String] = []
        for (key, content) in pending.sorted(by: { $0.key < $1.key }) {   // byte order for the keys (ASCII)
            if let content, readAbsent.contains(key) || believedAbsent.contains(key) {
                created.append(key)
                createdContents.append(content)
            } else if let content {
                written.append(key)
                writtenContents.append(content)
            } else {
                deleted.append(key)
            }
        }
        pending.removeAll(keepingCapacity: true)
        believedAbsent.removeAll(keepingCapacity: true)
        // Sent without waiting: the rules go on while the server stores the batch; a failure
        // comes from the next statement waited for (BlockingConnection).
        if !created.isEmpty {
            // Documents this transaction found absent: inserted only while still absent (an insert
            // of the same key by another open transaction waits for that one to end; a key
            // another one made meanwhile is a duplicate key: a StoreConflict).
            var binds = PostgresBindingsBuilder()
            binds.append(Self.textArray(created))
            binds.append(createdContents)
            try connection.send("""
                INSERT INTO dealers_documents (key, raw) SELECT * FROM unnest($1::text[], $2::text[])
                """, binds.bindings, uniqueViolationIsConflict: true)
            readAbsent.subtract(created)
        }
        if !written.isEmpty {
            var binds = PostgresBindingsBuilder()
            binds.append(Self.textArray(written))
            binds.append(writtenContents)
            try connection.send("""
                INSERT INTO dealers_documents (key, raw) SELECT * FROM unnest($1::text[], $2::text[])
                ON CONFLICT (key) DO UPDATE SET raw = EXCLUDED.raw
                """, binds.bindings)
        }
        if !deleted.isEmpty {
            var binds = PostgresBindingsBuilder()
            binds.append(Self.textArray(deleted))
            try connection.send("""
                DELETE FROM dealers_documents d USING (
                    SELECT key FROM dealers_documents WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE) locked
                WHERE d.key = locked.key
                """, binds.bindings)
        }
        try list([(written, .written), (created, .created), (deleted, .deleted)])
    }

    /// Keys as one `text[]` parameter.
    private static func textArray(_ keys: [String]) -> TextArray {
        var array = TextArray()
        for key in keys { array.append(key) }
        return array
    }

    /// Lists keys changed: in the client until the list passes ``changedKeysLimit``, then (all
    /// of it, each key once, and every later key) in `dealers_changes`.
    private func list(_ batches: [(keys: [String], kind: ChangedKeys.Kind)]) throws {
        if !changesSpilled {
            for batch in batches { changed.append(contentsOf: batch.keys, batch.kind) }
            guard changed.byteCount > changedKeysLimit else { return }
            changesSpilled = true
            let listed = changed
            let entries = listed.sorted(under: "")
            changed.removeAll()
            for start in stride(from: 0, to: entries.count, by: Self.keysPerStatement) {
                let page = entries[start..<min(start + Self.keysPerStatement, entries.count)]
                try insertChanges(page.map { listed.key(at: $0.place) }, page.map(\.kind))
            }
        } else {
            for batch in batches where !batch.keys.isEmpty {
                try insertChanges(batch.keys, Array(repeating: batch.kind, count: batch.keys.count))
            }
        }
    }

    /// Keys sent in one statement when the list moves to `dealers_changes`.
    private static let keysPerStatement = 10_000

    /// Lists keys in `dealers_changes`, each at most once in `keys`: a key's first listing says
    /// whether the transaction created it, its last whether it deleted it.
    private func insertChanges(_ keys: [String], _ kinds: [ChangedKeys.Kind]) throws {
        var binds = PostgresBindingsBuilder()
        binds.append(number)
        binds.append(keys)
        binds.append(kinds.map { (kind: ChangedKeys.Kind) -> Bool in kind == .created })
        binds.append(kinds.map { (kind: ChangedKeys.Kind) -> Bool in kind == .deleted })
        try open().send("""
            INSERT INTO dealers_changes (tx, key, created, deleted)
            SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::boolean[])
            ON CONFLICT (tx, key) DO UPDATE SET deleted = EXCLUDED.deleted
            """, binds.bindings)
    }

    /// Every change under a prefix in key order, a page at a time (`body` may write): the keys
    /// from the client's list (or a page of them from `dealers_changes`), their documents in one
    /// statement per page, this transaction's changes not yet sent first.
    public func forEachChange(under prefix: String, _ body: (StoreKey, UnsafeRawBufferPointer?) throws -> Void) throws {
        guard store.isWritable else { return try forEachPendingChange(under: prefix, body) }
        try walkChanges(under: prefix, knowingCreated: false) { key, change in
            switch change {
            case .written(let content): try body(key, content)
            case .deleted, .created: try body(key, nil)   // never `.created` when not knowing it
            }
        }
    }

    /// Every change under a prefix in key order, as ``forEachChange(under:_:)``, a document this
    /// transaction created coming as `.created`, neither read back nor sent again.
    public func forEachChangeKnowingCreated(under prefix: String, _ body: (StoreKey, TransactionChange) throws -> Void) throws {
        guard store.isWritable else {
            return try forEachPendingChange(under: prefix) { key, content in
                try body(key, content.map(TransactionChange.written) ?? .deleted)
            }
        }
        try walkChanges(under: prefix, knowingCreated: true, body)
    }

    /// The walk of a writable handle's changes: the keys listed in the client or in
    /// `dealers_changes`, a page at a time.
    private func walkChanges(under prefix: String, knowingCreated: Bool, _ body: (StoreKey, TransactionChange) throws -> Void) throws {
        try flush()
        guard changesSpilled else {
            let entries = changed.sorted(under: KeyRange(prefix: prefix).folder)
            let listed = changed   // the walk's body may list more
            for start in stride(from: 0, to: entries.count, by: store.pageSize) {
                let page = entries[start..<min(start + store.pageSize, entries.count)]
                try visit(page.map { (listed.key(at: $0.place), $0.kind) }, knowingCreated: knowingCreated, body)
            }
            return
        }
        try forEachSpilledPage(under: prefix) { keys in
            for start in stride(from: 0, to: keys.count, by: store.pageSize) {
                try visit(Array(keys[start..<min(start + store.pageSize, keys.count)]), knowingCreated: knowingCreated, body)
            }
            return true
        }
    }

    /// The keys listed in `dealers_changes` under a prefix, in key order, a page of
    /// ``keysPerStatement`` at a time, each with what the transaction did to it, until `body`
    /// says to stop (`false`).
    private func forEachSpilledPage(under prefix: String, _ body: ([(key: String, kind: ChangedKeys.Kind)]) throws -> Bool) throws {
        let range = KeyRange(prefix: prefix)
        var last: String?
        while true {
            let (condition, values) = range.condition(after: last, firstParameter: 2)
            var binds = PostgresBindingsBuilder()
            binds.append(number)
            for value in values { binds.append(value) }
            // Keys only, then their documents: joining the documents in this statement made the
            // server join every key left before keeping a page (its estimate of the rows of
            // this transaction is far too low), once per page.
            let rows = try open().query("""
                SELECT key, created, deleted FROM dealers_changes WHERE tx = $1 AND \(condition) ORDER BY key LIMIT \(Self.keysPerStatement)
                """, binds.bindings)
            let keys: [(key: String, kind: ChangedKeys.Kind)] = try rows.map {
                let (key, created, deleted) = try $0.decode((String, Bool, Bool).self)
                return (key, deleted ? .deleted : created ? .created : .written)
            }
            guard try body(keys), keys.count == Self.keysPerStatement, let end = keys.last?.key else { return }
            last = end
        }
    }

    /// Whether a key this transaction changed is one `matches` accepts: the changes not yet
    /// sent, then the client's list as it was made (or `dealers_changes`, keys only), with no
    /// sort and no document read.
    public func changesAnyKey(where matches: (StoreKey) throws -> Bool) throws -> Bool {
        for key in pending.keys where try matches(StoreKey(key)) { return true }
        guard store.isWritable else { return false }
        guard changesSpilled else { return try changed.contains { try matches(StoreKey($0)) } }
        var found = false
        try forEachSpilledPage(under: "") { keys in
            found = try keys.contains { try matches(StoreKey($0.key)) }
            return !found
        }
        return found
    }

    /// Calls `body` with each of `keys` (changed, in order) and its document now: a change not
    /// yet sent from memory; a deleted document without a read; a created one, when the caller
    /// knows created documents, as `.created`; the others read in one statement.
    private func visit(_ keys: [(key: String, kind: ChangedKeys.Kind)], knowingCreated: Bool,
                       _ body: (StoreKey, TransactionChange) throws -> Void) throws {
        var documents: [String: ByteBuffer] = [:]
        let asked = keys.filter { pending[$0.key] == nil && ($0.kind == .written || ($0.kind == .created && !knowingCreated)) }
        if !asked.isEmpty {
            var binds = PostgresBindingsBuilder()
            binds.append(asked.map(\.key))
            for row in try open().query("SELECT key, raw FROM dealers_documents WHERE key = ANY($1::text[])", binds.bindings) {
                let (key, raw) = try row.decode((String, ByteBuffer).self)
                documents[key] = raw
            }
        }
        for (key, kind) in keys {
            let storeKey = try StoreKey(key)
            if let change = pending[key] {
                guard var text = change else { try body(storeKey, .deleted); continue }
                try text.withUTF8 { try body(storeKey, .written(UnsafeRawBufferPointer($0))) }
            } else if kind == .created && knowingCreated {
                try body(storeKey, .created)
            } else if let raw = documents[key] {
                try raw.withUnsafeReadableBytes { try body(storeKey, .written($0)) }
            } else {
                try body(storeKey, .deleted)
            }
        }
    }

    /// A read-only handle's changes, all in memory, in key order.
    private func forEachPendingChange(under prefix: String, _ body: (StoreKey, UnsafeRawBufferPointer?) throws -> Void) throws {
        let folder = KeyRange(prefix: prefix).folder
        for key in pending.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where key.hasPrefix(folder) {
            guard let content = pending[key] else { continue }
            let storeKey = try StoreKey(key)
            if let content {
                var text = content
                try text.withUTF8 { try body(storeKey, UnsafeRawBufferPointer($0)) }
            } else {
                try body(storeKey, nil)
            }
        }
    }

    /// Forgets every change; the transaction stays open (and keeps the writer row locked).
    public func discardAll() throws {
        pending.removeAll()
        readAbsent.removeAll()
        believedAbsent.removeAll()
        changedDuringReadAhead = nil
        forgetChanges()
        commitLocked = false
        guard let connection else { return }
        // A batch sent and refused is forgotten with the rest (the savepoint also ends the
        // server's aborted state).
        try? connection.drain()
        if connection.takeDuplicateKeyMet() { trustsCreates = false }
        try connection.execute("ROLLBACK TO SAVEPOINT dealers_start")
    }

    /// Checks the worker's leases and commits the SQL transaction (the commit point).
    /// - Throws: ``DealersError`` `.locked` on a read-only handle or when a lease of this worker
    ///   was taken over, `.io` from the server (then nothing was committed).
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
            if changesSpilled {
                var binds = PostgresBindingsBuilder()
                binds.append(number)
                try connection.query("DELETE FROM dealers_changes WHERE tx = $1", binds.bindings)
            }
            try lockForCommit()
            try store.leases?.fence(on: connection)
            store.crashPoint.exitIf(.beforeCommit)
            try connection.execute("COMMIT")
            store.crashPoint.exitIf(.afterCommit)
            store.writerInUse = false
            self.connection = nil
            finished = true
            try? contractNumbers.giveBack(to: store)
        } catch {
            rollback()
            finished = true
            throw error
        }
    }
}
