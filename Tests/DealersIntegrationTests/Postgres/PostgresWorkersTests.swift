import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// Several `dealers` workers on one inbox and one PostgreSQL store: each file applied, archived
/// and answered exactly once, whatever the number of workers or a worker's death.
@Suite("Workers sharing an inbox", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresWorkersTests {
    static let asOf = ["--as-of", "2026-11-24"]

    static let collectives = """
    Acción;Código;Nombre;País;Distribuidor;Moneda\r
    ALTA;NORTE;Norte;ES;ACME;EUR\r
    ALTA;SUR;Sur;ES;ACME;EUR\r
    ALTA;ESTE;Este;ES;IBERIA;EUR\r

    """

    /// A users file of `count` holders with documents of their own (numbers from `first`).
    static func users(first: Int, count: Int, collective: String) -> String {
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")
        var lines = ["Acción;Colectivo;Nº Documento;Nombre;Relación;Documento titular"]
        for i in first..<(first + count) {
            let n = 20_000_000 + i * 13
            lines.append("ALTA;\(collective);\(n)\(letters[n % 23]);Persona \(i);TITULAR;")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The inbox of the tests: 24 operator files, 4 copies of some of them under other names,
    /// 4 files of unknown collectives only, 2 ACME files and 2 IBERIA files naming ACME's collective.
    /// Returns the inbox paths, and the pairs of identical files.
    static func fillInbox(_ ws: TestWorkspace) throws -> (files: [String], copies: [(String, String)]) {
        var files: [String] = []
        var copies: [(String, String)] = []
        for f in 0..<24 {
            let path = "inbox/u-\(f).csv"
            try ws.write(path, users(first: f * 15, count: 15, collective: f % 2 == 0 ? "NORTE" : "SUR"))
            files.append(path)
        }
        for f in 0..<4 {
            let path = "inbox/u-\(f)-copia.csv"
            try ws.write(path, users(first: f * 15, count: 15, collective: f % 2 == 0 ? "NORTE" : "SUR"))
            files.append(path)
            copies.append(("u-\(f).csv", "u-\(f)-copia.csv"))
        }
        for f in 0..<4 {
            let path = "inbox/malo-\(f).csv"
            try ws.write(path, users(first: 1_000 + f * 5, count: 5, collective: "NOEXISTE"))
            files.append(path)
        }
        for f in 0..<2 {
            try ws.write("inbox/ACME/acme-\(f).csv", users(first: 2_000 + f * 10, count: 10, collective: "NORTE"))
            try ws.write("inbox/IBERIA/iberia-\(f).csv", users(first: 3_000 + f * 10, count: 10, collective: "NORTE"))
            files += ["inbox/ACME/acme-\(f).csv", "inbox/IBERIA/iberia-\(f).csv"]
        }
        return (files, copies)
    }

    /// The users, members and collectives, without what depends on the order files were applied
    /// in (contract numbers, which of two identical files applied).
    static func domain(_ db: TestDatabase) throws -> [String: String] {
        let store = try db.store()
        defer { store.close() }
        var result: [String: String] = [:]
        for prefix in ["users", "members", "collectives"] {
            for (key, document) in try StoreSnapshot.of(store, under: prefix) {
                result[key] = StoreSnapshot.withoutContractNumbers(document)
                    .replacingOccurrences(of: #""sourceFile":"u-([0-9]+)(-copia)?\.csv""#, with: #""sourceFile":"u-$1""#, options: .regularExpression)
            }
        }
        result["contracts (count)"] = String(db.count(under: "contracts"))
        return result
    }

    /// Runs `workers` `dealers run` processes at once on a fresh inbox and checks every promise.
    func sharedInbox(workers: Int) throws -> [String: String] {
        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try StoreSnapshot.workspace(db, collectives: Self.collectives)
        defer { ws.remove() }
        let (files, copies) = try Self.fillInbox(ws)
        let processes = try (0..<workers).map { _ in try ws.start(["run"] + Self.asOf) }
        let results = processes.map { $0.wait() }
        for result in results { #expect(result.status == 0 || result.status == 65, "\(result.stderr)") }

        // Every file answered once, archived once, and gone from the inbox.
        for path in files {
            #expect(!ws.exists(path), "\(path) is still in the inbox")
            let parts = path.split(separator: "/")
            let dealer = parts.count == 3 ? String(parts[1]) : nil
            #expect(ws.receiptCounts(dealer: dealer)[String(parts.last ?? "")] == 1, "\(path): \(ws.receiptCounts(dealer: dealer))")
        }
        for (a, b) in copies {
            let statuses = try [a, b].map { try ws.receipt("outbox/receipts/\($0).json").status }
            #expect(statuses.sorted { $0.rawValue < $1.rawValue } == [.applied, .duplicate], "\(a), \(b): \(statuses)")
        }
        for f in 0..<4 { #expect(try ws.receipt("outbox/receipts/malo-\(f).csv.json").status == .rejected) }
        // Dealer isolation across workers: IBERIA's files cannot touch ACME's collective.
        for f in 0..<2 {
            #expect(try ws.receipt("outbox/ACME/receipts/acme-\(f).csv.json").status == .applied)
            #expect(try ws.receipt("outbox/IBERIA/receipts/iberia-\(f).csv.json").status == .rejected)
        }
        #expect(db.count(under: "users") == 24 * 15 + 2 * 10)
        let verify = try ws.run(["store", "verify"] + Self.asOf)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        return try Self.domain(db)
    }

    @Test("one, two and four workers on one inbox: one receipt per file, the same store, store verify passes")
    func workersShareAnInbox() throws {
        let single = try sharedInbox(workers: 1)
        for workers in [2, 4] {
            let shared = try sharedInbox(workers: workers)
            #expect(StoreSnapshot.differences(shared, single).isEmpty, "\(workers) workers: \(StoreSnapshot.differences(shared, single).prefix(3))")
        }
    }

    /// A workspace with leases of 2 s, its collectives applied, a large file of `rows` holders in
    /// the inbox (last modified at `modified`, when given), and a `run` worker that has claimed
    /// it (and is applying it).
    static func workerOnLargeFile(_ db: TestDatabase, rows: Int = 4_000, modified: Date? = nil) throws -> (TestWorkspace, Int, RunningProcess) {
        let ws = try TestWorkspace(database: db, extra: #", "pollSeconds": 0.2"#, leaseSeconds: 2)
        try ws.write("inbox/colectivos.csv", Self.collectives)
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        let file = try ws.write("inbox/grande.csv", Self.users(first: 0, count: rows, collective: "NORTE"))
        if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path) }
        let worker = try ws.start(["run"] + Self.asOf)
        let claimed = try eventually {
            try db.sql("SELECT count(*)::text FROM dealers_claims WHERE key LIKE 'input/%' AND lease_until > clock_timestamp()") == ["1"]
        }
        #expect(claimed)
        return (ws, rows, worker)
    }

    @Test("a worker killed in the middle of a large file: another takes the claim over and applies the file once")
    func takeOverAfterKill() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let (ws, rows, first) = try Self.workerOnLargeFile(db)
        defer { ws.remove() }
        // A second worker starts while the first holds the claim; it must leave the file alone.
        let second = try ws.start(["watch"] + Self.asOf)
        Thread.sleep(forTimeInterval: 0.5)
        first.kill()
        #expect(first.wait().signalled)
        #expect(db.count(under: "users") == 0, "the killed worker's transaction was rolled back")
        let done = try eventually(timeout: .seconds(120)) { ws.exists("outbox/receipts/grande.csv.json") && !ws.exists("inbox/grande.csv") }
        second.kill(SIGTERM)
        _ = second.wait()
        #expect(done)
        #expect(try ws.receipt("outbox/receipts/grande.csv.json").status == .applied)
        #expect(ws.receiptCounts()["grande.csv"] == 1)
        #expect(db.count(under: "users") == rows)
        #expect(try ws.run(["store", "verify"] + Self.asOf).status == 0)
    }

    @Test("a worker stopped (SIGSTOP) past its lease: another takes the file over and applies it once (its metrics count the takeover); the stopped one, resumed, commits nothing")
    func takeOverAfterStop() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let (ws, rows, first) = try Self.workerOnLargeFile(db)
        defer { ws.remove() }
        first.kill(SIGSTOP)
        let second = try ws.start(["watch", "--metrics-port", "0"] + Self.asOf)
        let done = try eventually(timeout: .seconds(120)) { ws.exists("outbox/receipts/grande.csv.json") && !ws.exists("inbox/grande.csv") }
        #expect(done)
        // The taker's metrics (docs/scaling.md, "Metrics"): the takeover and the file it answered.
        let port = try #require(MetricsScrape.port(of: second), "\(second.stderrSoFar)")
        #expect(eventually { (try? MetricsScrape.get(port))?.value(#"dealers_files_total{status="APPLIED"}"#) == 1 })
        let metrics = try MetricsScrape.get(port)
        #expect(metrics.value("dealers_lease_takeovers_total") == 1, "\(metrics.body)")
        #expect(metrics.value("dealers_files_claimed_total") == 1)
        #expect(metrics.value(#"dealers_rows_total{action="ALTA"}"#) == Double(rows))
        first.kill(SIGCONT)
        let late = first.wait()
        #expect(late.status != 0, "the stopped worker, resumed, must fail: \(late.stderr)")
        second.kill(SIGTERM)
        let taker = second.wait()
        #expect(taker.stderr.contains("took over the lease on input/"), "\(taker.stderr)")
        #expect(try ws.receipt("outbox/receipts/grande.csv.json").status == .applied)
        #expect(ws.receiptCounts()["grande.csv"] == 1)
        #expect(db.count(under: "users") == rows)
        #expect(try ws.run(["store", "verify"] + Self.asOf).status == 0)
    }

    @Test("nightly run by several workers for one date: the work is done once, the others find nothing to do")
    func nightlyOnce() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try TestWorkspace(database: db)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Self.collectives)
        try ws.write("inbox/u.csv", Self.users(first: 0, count: 50, collective: "NORTE"))
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        // A year later every contract has expired: one nightly adds an EXPIRACION to each.
        let nightlies = try (0..<3).map { _ in try ws.start(["nightly", "--as-of", "2027-11-25"]) }
        for result in nightlies.map({ $0.wait() }) { #expect(result.status == 0, "\(result.stderr)") }
        let store = try db.store()
        defer { store.close() }
        var expiries = 0
        try store.forEachDocument(under: "users") { _, bytes in
            expiries += String(decoding: bytes, as: UTF8.self).components(separatedBy: #""kind":"EXPIRACION""#).count - 1
        }
        #expect(expiries == 50)
        #expect(try ws.run(["store", "verify", "--as-of", "2027-11-25"]).status == 0)
    }
}
