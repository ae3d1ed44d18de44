import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// The faults of issue 33 not covered elsewhere: a server that restarts in the middle of a file.
/// (A claims table dropped by hand: `PostgreSQL leases`.)
@Suite("PostgreSQL faults", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresFaultTests {
    static let asOf = ["--as-of", "2026-11-24"]

    @Test("PostgreSQL restarted in the middle of a file: nothing of the file is applied, it is left for the next worker, which applies it once")
    func serverRestartsMidFile() throws {
        let server = try PrivateServer()
        defer { server.stop() }
        let db = server.database
        let ws = try TestWorkspace(database: db, extra: #", "pollSeconds": 0.2"#, leaseSeconds: 2)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", PostgresWorkersTests.collectives)
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        let rows = 12_000
        try ws.write("inbox/grande.csv", PostgresWorkersTests.users(first: 0, count: rows, collective: "NORTE"))
        let worker = try ws.start(["run"] + Self.asOf)
        // Restarted once the file's transaction has written to the database.
        let writing = try eventually(timeout: .seconds(60)) {
            try db.sql("SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()") != ["0"]
        }
        #expect(writing)
        try server.restart()
        #expect([0, rows].contains(db.count(under: "users")), "never half-applied")
        let ended = eventually(timeout: .seconds(90)) { !worker.process.isRunning }
        if !ended { worker.kill() }
        let first = worker.wait()
        #expect(ended, "the worker was still running 90 s after the restart: \(first.stderr)")
        if first.status == 0 {
            // It committed before the restart reached it: nothing to leave for the next worker.
            #expect(db.count(under: "users") == rows)
        } else {
            #expect(db.count(under: "users") == 0, "never half-applied: \(first.stderr)")
            #expect(ws.exists("inbox/grande.csv") && !ws.exists("outbox/receipts/grande.csv.json"))
        }
        // The next worker (once the dead worker's lease has passed) applies what is left, once.
        #expect(try db.leasesPassed())
        let again = try ws.run(["run"] + Self.asOf)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try ws.receipt("outbox/receipts/grande.csv.json").status == .applied)
        #expect(ws.receiptCounts()["grande.csv"] == 1, "\(ws.receiptCounts())")
        #expect(!ws.exists("inbox/grande.csv"))
        #expect(db.count(under: "users") == rows)
        let verify = try ws.run(["store", "verify"] + Self.asOf)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let positions = try db.changeLogPositions()
        #expect(!positions.isEmpty && positions == Array(1...max(1, positions.count)), "\(positions)")
    }
}
