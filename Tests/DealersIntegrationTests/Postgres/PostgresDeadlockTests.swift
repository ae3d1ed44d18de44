import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// Transactions that meet on the same rows wait for each other instead of deadlocking, and the
/// deadlock that is left is retried (issue 33: workers once ended with `deadlock detected`).
@Suite("PostgreSQL deadlocks", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresDeadlockTests {
    /// `t/k00.json` … `t/k19.json`.
    static let keys = (0..<20).map { String(format: "t/k%02d.json", $0) }

    /// A writable handle on `db` with ``keys`` stored (`{"v":0}`).
    static func seeded(_ db: TestDatabase) throws -> PostgresStore {
        let store = try open(db)
        let transaction = store.beginTransaction()
        for key in keys { try transaction.write(StoreKey(key), json: Array(#"{"v":0}"#.utf8)) }
        try transaction.commit()
        return store
    }

    /// A writable handle on `db`, for a thread of its own.
    static func open(_ db: TestDatabase) throws -> PostgresStore {
        try PostgresStore(url: try db.postgresURL, logger: quietLogger)
    }

    @Test("a batch of writes locks its documents in key order, whatever order they were written in")
    func batchLocksInKeyOrder() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let store = try Self.seeded(db)
        defer { store.close() }
        // Another transaction holds the row in the middle.
        let other = try Self.open(db)
        defer { other.close() }
        let holder = other.beginTransaction()
        _ = try holder.read(StoreKey(Self.keys[10]))
        // This one writes all twenty, last key first, in one batch: it must stop at the held
        // row having locked only the keys before it.
        let writer = BackgroundWork {
            let store = try Self.open(db)
            defer { store.close() }
            let transaction = store.beginTransaction()
            for key in Self.keys.reversed() { try transaction.write(StoreKey(key), json: Array(#"{"v":1}"#.utf8)) }
            try transaction.commit()
        }
        #expect(try db.someSessionWaitsForALock())
        let free = try db.sql("SELECT key FROM dealers_documents WHERE key LIKE 't/%' ORDER BY key FOR UPDATE SKIP LOCKED")
        #expect(free == Array(Self.keys[11...]), "\(free)")
        holder.end()
        try writer.value()
        #expect(try db.sql("SELECT raw FROM dealers_documents WHERE key LIKE 't/%'") == Array(repeating: #"{"v":1}"#, count: 20))
    }

    @Test("a transaction counting the data version waits for the commit lock before it locks the counter (the deadlock of the workers test)")
    func dataVersionUnderTheCommitLock() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let store = try Self.seeded(db)
        defer { store.close() }
        // A transaction at its last step: the commit lock held.
        let committing = try Self.open(db)
        defer { committing.close() }
        let last = committing.beginTransaction()
        try last.write(StoreKey(Self.keys[0]), json: Array(#"{"v":2}"#.utf8))
        try last.lockForCommit()
        // Another (a file that applied nothing but its conflicts, a `store` edit, the SEPA
        // records) counts its change: it waits for the commit lock, holding no counter.
        let counting = BackgroundWork {
            let store = try Self.open(db)
            defer { store.close() }
            let transaction = store.beginTransaction()
            try transaction.write(StoreKey(Self.keys[1]), json: Array(#"{"v":3}"#.utf8))
            try DataVersion.noteChanges(in: transaction)
            try transaction.commit()
        }
        #expect(try db.someSessionWaitsForALock())
        // The first counts its change too, and commits: before, it waited for the other's lock
        // on the counter while the other waited for the commit lock — deadlock detected.
        try DataVersion.noteChanges(in: last)
        try last.commit()
        try counting.value()
        #expect(try db.sql("SELECT raw FROM dealers_documents WHERE key = 'dataversion.json'") == [#"{"version":2}"#])
    }

    @Test("two transactions that deadlock across batches: the one rolled back is done again and both commit")
    func deadlockRetried() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        _ = try Self.seeded(db).close()
        let (a, b) = (Self.keys[0], Self.keys[1])
        // Each transaction has locked its first key when the other asks for it: a cycle the
        // server breaks by rolling one back (40P01, a StoreConflict).
        let first = DispatchGroup()
        first.enter()
        first.enter()
        /// Writes `keys` in that order, one statement each; returns how many times it was done again.
        func unit(_ n: Int, _ keys: [String]) -> BackgroundWork<Int> {
            BackgroundWork {
                let store = try Self.open(db)
                defer { store.close() }
                var attempt = 0
                var retries = 0
                try ConflictRetry.run("test \(n)", doing: "writing", logger: quietLogger, onRetry: { retries = $0 }) {
                    attempt += 1
                    let transaction = store.beginTransaction()
                    transaction.batchSize = 1   // each write its own statement
                    try transaction.write(StoreKey(keys[0]), json: Array(#"{"v":\#(n)}"#.utf8))
                    _ = try transaction.read(StoreKey("t/none.json"))   // waits for the write
                    if attempt == 1 {
                        first.leave()
                        first.wait()
                    }
                    try transaction.write(StoreKey(keys[1]), json: Array(#"{"v":\#(n)}"#.utf8))
                    try transaction.commit()
                }
                return retries
            }
        }
        let units = [unit(0, [a, b]), unit(1, [b, a])]
        let retries = try units.map { try $0.value() }
        #expect(retries.reduce(0, +) == 1, "\(retries)")
        // One committed after the other: both keys carry the value of the one that committed last.
        let values = try db.sql("SELECT raw FROM dealers_documents WHERE key IN ('\(a)', '\(b)') ORDER BY key")
        #expect(values.count == 2 && values[0] == values[1], "\(values)")
    }
}
