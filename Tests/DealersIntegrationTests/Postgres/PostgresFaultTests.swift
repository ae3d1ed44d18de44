import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// The faults of issue 33 not covered elsewhere: a server that restarts in the middle of a file,
/// a worker whose clock is minutes off. (A claims table dropped by hand: `PostgreSQL leases`.)
@Suite("PostgreSQL faults", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresFaultTests {
    static let asOf = ["--as-of", "2026-11-24"]
    /// libfaketime's wrapper (Debian's `faketime`).
    static let faketime = "/usr/bin/faketime"
    static let faketimeMissing: Comment = "needs faketime (scripts/setup.sh installs it with DEALERS_WITH_TEST_TOOLS=1)"

    /// The launcher of a worker whose wall clock is `offset` (`+5m`, `-5m`) off, through
    /// libfaketime's wrapper: it makes libfaketime's shared state and names it in
    /// `FAKETIME_SHARED` *before* the worker starts. (`LD_PRELOAD` of libfaketime alone makes the
    /// library add that variable itself, in its constructor: `setenv` of a new variable moves
    /// `environ` off the initial stack, and Swift's runtime on Linux, which finds `argv` by
    /// walking back from `environ` there, then sees no arguments: the worker printed its help.)
    static func clock(_ offset: String) -> [String] { [faketime, "-f", offset] }

    /// The `dealers` process under a launcher (the wrapper forks it): the wrapper's only child.
    static func child(of launcher: RunningProcess) -> Int32? {
        let children = try? String(contentsOfFile: "/proc/\(launcher.pid)/task/\(launcher.pid)/children", encoding: .utf8)
        return children?.split(separator: " ").first.flatMap { Int32($0) }
    }

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

    @Test("a worker whose clock is 5 minutes ahead or behind does not take over a live lease (lease times are the database's); it applies the next file, with its own clock",
          .enabled(if: FileManager.default.isExecutableFile(atPath: faketime), faketimeMissing), arguments: [5, -5])
    func wrongClockStealsNothing(minutes: Int) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        // The files were written ten minutes ago: settled for either clock (a worker behind would
        // otherwise wait for a file it sees modified in its future, and never ask for its lease).
        let settled = Date(timeIntervalSinceNow: -600)
        let (ws, rows, holder) = try PostgresWorkersTests.workerOnLargeFile(db, rows: 12_000, modified: settled)
        defer { ws.remove() }
        let offset = minutes > 0 ? "+\(minutes)m" : "\(minutes)m"
        let wrong = try ws.start(["watch", "--verbose"] + Self.asOf, environment: ["FAKETIME_DONT_FAKE_MONOTONIC": "1"], launcher: Self.clock(offset))
        // Every holder the file's claim had while the first worker applied it (read while the
        // file was still in the inbox: once archived, its claim is released and the other worker
        // may take it, find the file gone and let it go).
        var holders: Set<String> = []
        let finished = try eventually(timeout: .seconds(240)) {
            let seen = try db.sql("SELECT worker FROM dealers_claims WHERE key LIKE 'input/%'")
            if ws.exists("inbox/grande.csv") { holders.formUnion(seen) }
            return !holder.process.isRunning
        }
        let first = holder.wait()
        #expect(finished && first.status == 0, "the holder: \(first.status) \(first.stderr)")
        #expect(holders.count == 1, "\(holders)")
        #expect(try ws.receipt("outbox/receipts/grande.csv.json").status == .applied)
        // The worker with the wrong clock is alive and claims files: it applies the next one.
        let later = try ws.write("inbox/tarde.csv", PostgresWorkersTests.users(first: rows, count: 20, collective: "NORTE"))
        try FileManager.default.setAttributes([.modificationDate: settled], ofItemAtPath: later.path)
        let applied = eventually(timeout: .seconds(60)) { ws.exists("outbox/receipts/tarde.csv.json") }
        let worker = try #require(Self.child(of: wrong), "\(wrong.stderrSoFar)")
        kill(worker, SIGTERM)
        let watcher = wrong.wait()
        #expect(applied, "\(watcher.status) \(watcher.stderr) \(watcher.stdout.prefix(300))")
        #expect(!watcher.stderr.contains("took over the lease"), "\(watcher.stderr)")
        // It did ask for the file's lease while the holder had it (the database said no).
        #expect(watcher.stderr.contains("grande.csv: claimed by another worker"), "\(watcher.stderr.prefix(2_000))")
        // Its clock really was off: the receipt's times are its own.
        let started = try #require(Receipt.date(try ws.receipt("outbox/receipts/tarde.csv.json").startedAt))
        let skew = started.timeIntervalSinceNow
        #expect(minutes > 0 ? skew > 240 : skew < -240, "\(started) is \(skew) s from now")
        #expect(ws.receiptCounts()["grande.csv"] == 1 && ws.receiptCounts()["tarde.csv"] == 1, "\(ws.receiptCounts())")
        #expect(db.count(under: "users") == rows + 20)
        #expect(try ws.run(["store", "verify"] + Self.asOf).status == 0)
    }
}
