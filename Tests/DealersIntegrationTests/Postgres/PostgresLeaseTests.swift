import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// Claims as leases in `dealers_claims`: taken once, renewed, taken over when they pass, and a
/// worker whose lease was taken over cannot commit (its fencing token is checked in its
/// transaction). No advisory lock and no temporary table is used.
@Suite("PostgreSQL leases", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresLeaseTests {
    static let checksum = String(repeating: "cd", count: 32)

    /// A handle with leases of `seconds`.
    static func store(_ db: TestDatabase, lease seconds: Double = 30) throws -> PostgresStore {
        var url = try db.postgresURL
        url.leaseSeconds = seconds
        return try PostgresStore(url: url, logger: quietLogger)
    }

    /// Makes every lease in the database pass now, as if their workers had stopped renewing them.
    static func expireLeases(_ db: TestDatabase) throws {
        _ = try db.sql("UPDATE dealers_claims SET lease_until = clock_timestamp() - interval '1 second' RETURNING key")
    }

    @Test("a live lease is not taken; a passed one is taken over, and the worker that lost it cannot commit")
    func takeoverAndFencing() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let a = try Self.store(db), b = try Self.store(db)
        defer { a.close(); b.close() }
        #expect(try a.claimInput(checksum: Self.checksum))
        #expect(try !b.claimInput(checksum: Self.checksum))
        // The lease and its token come from the database: until = its clock + 30 s.
        #expect(try db.sql("""
            SELECT (lease_until BETWEEN clock_timestamp() + interval '25 seconds' AND clock_timestamp() + interval '31 seconds')::text
            FROM dealers_claims
            """) == ["true"])
        let tokenA = try db.sql("SELECT token::text FROM dealers_claims")

        // A starts applying, then stops renewing past its lease; B takes the file over.
        let late = a.beginTransaction()
        try late.write(try StoreKey("users/00/1Z.json"), json: Array(#"{"late":true}"#.utf8))
        try Self.expireLeases(db)
        #expect(try b.claimInput(checksum: Self.checksum))
        #expect(b.leases?.takeovers == 1)
        #expect(try db.sql("SELECT token::text FROM dealers_claims") != tokenA)
        #expect(throws: DealersError.self) { try late.commit() }
        #expect(throws: DealersError.self) { try a.confirmClaims() }
        #expect(try b.read(try StoreKey("users/00/1Z.json")) == nil, "the late commit was refused")

        // B's own transaction commits, under its live lease.
        let current = b.beginTransaction()
        try current.write(try StoreKey("users/00/1Z.json"), json: Array(#"{"late":false}"#.utf8))
        try current.commit()
        try b.confirmClaims()
        b.releaseInput(checksum: Self.checksum)
        #expect(try db.sql("SELECT count(*)::text FROM dealers_claims") == ["0"])
    }

    @Test("the heartbeat renews a lease past its length while its worker works")
    func heartbeat() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let a = try Self.store(db, lease: 1), b = try Self.store(db, lease: 1)
        defer { a.close(); b.close() }
        #expect(try a.claimInput(checksum: Self.checksum))
        let first = try db.sql("SELECT lease_until::text FROM dealers_claims")
        #expect(try eventually { try db.sql("SELECT lease_until::text FROM dealers_claims") != first })
        // Renewed, so still live: B does not get it.
        #expect(try !b.claimInput(checksum: Self.checksum))
        try a.confirmClaims()
    }

    @Test("once-only jobs wait for each other; a job's lease fences the transactions run under it")
    func jobs() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let a = try Self.store(db), b = try Self.store(db)
        defer { a.close(); b.close() }
        try a.exclusively(job: "nightly") {
            #expect(try db.sql("SELECT key FROM dealers_claims") == ["job/nightly"])
            let transaction = a.beginTransaction()
            try transaction.write(try StoreKey("a.json"), json: Array("1".utf8))
            try Self.expireLeases(db)
            #expect(try b.leaseKeeper().claim("job/nightly"))
            #expect(throws: DealersError.self) { try transaction.commit() }
            b.leases?.release("job/nightly")
        }
        #expect(try db.sql("SELECT count(*)::text FROM dealers_claims") == ["0"])
        #expect(try a.read(try StoreKey("a.json")) == nil)
        // A job run inside itself (the reports regenerate the sync feed) does not wait for itself.
        try a.exclusively(job: "reports") {
            try a.exclusively(job: "reports") {}
            #expect(try db.sql("SELECT key FROM dealers_claims") == ["job/reports"], "still held by the outer run")
        }
        #expect(try db.sql("SELECT count(*)::text FROM dealers_claims") == ["0"])
    }

    @Test("nothing of the store uses an advisory lock or a temporary table")
    func portableSQL() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let a = try Self.store(db)
        defer { a.close() }
        #expect(try a.claimInput(checksum: Self.checksum))
        let transaction = a.beginTransaction()
        try transaction.write(try StoreKey("a.json"), json: Array("1".utf8))
        var changed: [String] = []
        try transaction.forEachChange(under: "") { key, _ in changed.append(key.path) }
        #expect(changed == ["a.json"])
        #expect(try db.sql("SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory'") == ["0"])
        #expect(try db.sql("SELECT count(*)::text FROM pg_class WHERE relpersistence = 't'") == ["0"])
        try transaction.commit()
        #expect(try db.sql("SELECT count(*)::text FROM dealers_changes") == ["0"], "a transaction's change list goes with its commit")
    }

    @Test("a table or view of the schema dropped by hand: store verify says so and how to repair it; the repair works",
          arguments: [("DROP TABLE dealers_claims", "dealers_claims", 2), ("DROP VIEW dealers_documents_jsonb", "dealers_documents_jsonb", 3)])
    func droppedSchemaObject(drop: String, name: String, step: Int) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try TestWorkspace(database: db)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", PostgresWorkersTests.collectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        _ = try db.sql(drop)
        let verify = try ws.run(["store", "verify", "--as-of", "2026-11-24"])
        #expect(verify.status == 65)
        #expect(verify.stdout.contains("\(name) is missing") && verify.stdout.contains("DELETE FROM dealers_migrations WHERE version >= \(step)"),
                "\(verify.stdout)")
        _ = try db.sql("DELETE FROM dealers_migrations WHERE version >= \(step) RETURNING 'x'")
        let again = try ws.run(["store", "verify", "--as-of", "2026-11-24"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(try db.sql("SELECT jsonb_typeof(doc) FROM dealers_documents_jsonb WHERE key LIKE 'collectives/%' ORDER BY key LIMIT 1") == ["object"])
    }
}
