import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// Files applied concurrently on PostgreSQL (issue 33, items 1 and 2): no store-wide writer lock,
/// row locks on what a file changes, the change log numbered in commit order, so the sync feed
/// neither skips nor repeats a change.
@Suite("PostgreSQL files applied concurrently", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresConcurrencyTests {
    static let asOf = ["--as-of", "2026-11-24"]
    static let date = CivilDate(year: 2026, month: 11, day: 24)

    /// The document of holder `i` in ``PostgresWorkersTests/users(first:count:collective:)``.
    static func document(_ i: Int) -> String {
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")
        let n = 20_000_000 + i * 13
        return "\(n)\(letters[n % 23])"
    }

    /// A workspace with its collectives and holders 0–4 applied.
    static func workspace(_ db: TestDatabase) throws -> TestWorkspace {
        let ws = try StoreSnapshot.workspace(db, collectives: PostgresWorkersTests.collectives)
        try ws.write("inbox/u-0.csv", PostgresWorkersTests.users(first: 0, count: 5, collective: "NORTE"))
        #expect(try ws.run(["run"] + asOf).status == 0)
        return ws
    }

    /// Another worker's transaction, open, that has changed holder `i`'s e-mail (and so holds
    /// the user's row) and not committed.
    static func holdingUser(_ i: Int, email: String, in db: TestDatabase) throws -> (PostgresStore, StoreDomainState) {
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        let state = StoreDomainState(store: store, transaction: store.beginTransaction())
        var user = try #require(try state.user(document(i)))
        user.email = email
        try state.save(user)
        try state.flush()
        return (store, state)
    }

    /// The operator's sync feed files, as (first, last) change-log sequences, in order.
    static func feedPeriods(_ ws: TestWorkspace) throws -> [(first: Int, last: Int)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: ws.url("outbox/sync").path)) ?? []
        return names.filter { $0.hasPrefix("feed-") }.sorted().compactMap { name in
            let parts = name.dropFirst("feed-".count).dropLast(".jsonl".count).split(separator: "-")
            guard parts.count == 2, let first = Int(parts[0]), let last = Int(parts[1]) else { return nil }
            return (first, last)
        }
    }

    /// The change-log entries' sources, by sequence.
    static func changeLogSources(_ db: TestDatabase) throws -> [Int: String] {
        let store = try db.store()
        defer { store.close() }
        var result: [Int: String] = [:]
        try store.forEachDocument(under: "changelog") { key, bytes in
            let entry = try JSONDecoder().decode(ChangeLogEntry.self, from: Data(bytes))
            result[entry.sequence] = entry.source
        }
        return result
    }

    @Test("a file applies while another worker's transaction holds other users; the change log follows the commits and the feed covers each change once")
    func changeLogFollowsCommits() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try Self.workspace(db)
        defer { ws.remove() }
        let start = try #require(try Self.changeLogSources(db).keys.max())

        // Another worker's transaction changes holder 0 and stays open.
        let (store, state) = try Self.holdingUser(0, email: "t1@example.com", in: db)
        defer { store.close() }

        // Meanwhile a file of other holders is applied, committed and fed (no store-wide lock).
        try ws.write("inbox/u-1.csv", PostgresWorkersTests.users(first: 10, count: 5, collective: "SUR"))
        let other = try ws.start(["run"] + Self.asOf)
        let finished = try eventually(timeout: .seconds(60)) { !other.process.isRunning }
        #expect(finished, "the file waited for the open transaction")
        // The transaction that began first commits last, and is numbered after the file.
        try state.recordChanges(asOf: try #require(Self.date), source: "t1")
        try state.commit()
        #expect(other.wait().status == 0)
        try ws.write("inbox/u-2.csv", PostgresWorkersTests.users(first: 20, count: 5, collective: "SUR"))
        #expect(try ws.run(["run"] + Self.asOf).status == 0)

        let sources = try Self.changeLogSources(db)
        #expect(sources[start + 1] == "u-1.csv" && sources[start + 2] == "t1" && sources[start + 3] == "u-2.csv", "\(sources)")
        #expect(Set(sources.keys) == Set(1...(start + 3)), "the change log has no gap")
        // The feeds: one after another, each sequence in one of them, t1's in the last.
        let periods = try Self.feedPeriods(ws)
        #expect(periods.first?.first == 1 && periods.last?.last == start + 3, "\(periods)")
        for (a, b) in zip(periods, periods.dropFirst()) { #expect(b.first == a.last + 1, "\(periods)") }
        let last = try #require(periods.last)
        let feed = try String(contentsOf: ws.url("outbox/sync/" + SyncFeed.fileName(first: last.first, last: last.last)), encoding: .utf8)
        #expect(last.first == start + 2 && feed.contains(Self.document(0)), "\(periods): \(feed)")
        #expect(try ws.run(["store", "verify"] + Self.asOf).status == 0)
    }

    @Test("a file that changes a user another transaction holds waits for it, then applies on top of its change")
    func waitsForTheSameUser() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try Self.workspace(db)
        defer { ws.remove() }
        let (store, state) = try Self.holdingUser(3, email: "t3@example.com", in: db)
        defer { store.close() }

        try ws.write("inbox/cambio.csv", """
            Acción;Colectivo;Nº Documento;Nombre;Relación;Documento titular\r
            MODIFICACION;NORTE;\(Self.document(3));Persona Cambiada;TITULAR;\r

            """)
        let file = try ws.start(["run"] + Self.asOf)
        let waits = try db.someSessionWaitsForALock()
        #expect(waits, "the file did not wait for the transaction holding the user")
        try state.recordChanges(asOf: try #require(Self.date), source: "t3")
        try state.commit()
        let result = file.wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ws.receipt("outbox/receipts/cambio.csv.json").rows.applied == 1)
        let reader = try db.store()
        defer { reader.close() }
        let stored = try #require(try reader.read(try StoreLayout.user(Self.document(3))))
        let text = String(decoding: stored, as: UTF8.self)
        #expect(text.contains("t3@example.com") && text.contains("Cambiada"), "both changes, the file's on top: \(text)")
        #expect(try ws.run(["store", "verify"] + Self.asOf).status == 0)
    }

    @Test("a file that creates a user another transaction creates meanwhile is applied again from the start: the receipt's retries and the retries metric say so")
    func retryAfterConflict() throws {
        // The user document holder 40 gets, made in a database of its own.
        let elsewhere = try TestDatabase()
        defer { elsewhere.drop() }
        let scratch = try Self.workspace(elsewhere)
        defer { scratch.remove() }
        try scratch.write("inbox/u-40.csv", PostgresWorkersTests.users(first: 40, count: 1, collective: "NORTE"))
        #expect(try scratch.run(["run"] + Self.asOf).status == 0)
        let key = try StoreLayout.user(Self.document(40))
        let made = try elsewhere.store()
        let bytes = try #require(try made.read(key))
        made.close()

        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try Self.workspace(db)
        defer { ws.remove() }
        // Another worker's transaction creates holder 40 and has not committed yet.
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { store.close() }
        let other = store.beginTransaction()
        other.batchSize = 1   // sent to the server at once
        try other.write(key, json: Array(bytes))
        try ws.write("inbox/nuevos.csv", PostgresWorkersTests.users(first: 40, count: 2, collective: "NORTE"))
        let worker = try ws.start(["watch", "--metrics-port", "0"] + Self.asOf)
        let waits = try db.someSessionWaitsForALock()
        #expect(waits, "the file did not wait for the transaction creating the same user")
        try other.commit()
        let answered = eventually(timeout: .seconds(60)) { ws.exists("outbox/receipts/nuevos.csv.json") }
        #expect(answered, "\(worker.stderrSoFar)")
        let receipt = try ws.receipt("outbox/receipts/nuevos.csv.json")
        #expect(receipt.retries == 1, "\(worker.stderrSoFar)")
        // Applied again on top of the other transaction's user: holder 40 exists now, 41 is new.
        #expect(receipt.rows.applied == 1, "\(receipt.rows)")
        let port = try #require(MetricsScrape.port(of: worker), "\(worker.stderrSoFar)")
        let metrics = try MetricsScrape.get(port)
        #expect(metrics.value("dealers_file_retries_total") == 1, "\(metrics.body)")
        worker.kill(SIGTERM)
        let result = worker.wait()
        #expect(result.stderr.contains("applying the file again from the start (retry 1 of 5)"), "\(result.stderr)")
    }

    @Test("an index entry left behind under a new user's key does not stop the file: the plain insert meets it, the file is applied again with upserts, once")
    func indexEntryLeftBehind() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try Self.workspace(db)
        defer { ws.remove() }
        // A membership entry of holder 60, who does not exist yet (a hand edit, an old bug).
        let member = try StoreLayout.member("NORTE", Self.document(60)).path
        _ = try db.sql("INSERT INTO dealers_documents (key, raw) VALUES ('\(member)', '{\"document\":\"\(Self.document(60))\"}')")
        try ws.write("inbox/nuevo.csv", PostgresWorkersTests.users(first: 60, count: 2, collective: "NORTE"))
        let run = try ws.run(["run"] + Self.asOf)
        #expect(run.status == 0, "\(run.stderr)")
        let receipt = try ws.receipt("outbox/receipts/nuevo.csv.json")
        #expect(receipt.status == .applied && receipt.rows.applied == 2, "\(receipt.rows)")
        #expect(receipt.retries == 1, "\(run.stderr)")
        #expect(try db.sql("SELECT count(*)::text FROM dealers_documents WHERE key = '\(member)'") == ["1"])
        let verify = try ws.run(["store", "verify"] + Self.asOf)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        // The next file trusts new keys again (plain inserts) and is applied at once.
        try ws.write("inbox/otro.csv", PostgresWorkersTests.users(first: 70, count: 2, collective: "NORTE"))
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        #expect(try ws.receipt("outbox/receipts/otro.csv.json").retries == nil)
    }

    /// Pair `p`'s files: `a-p.csv` makes holders 20p…20p+11 in NORTE, `b-p.csv` holders
    /// 20p+6…20p+17 in SUR: six holders in both.
    static func writePair(_ p: Int, _ which: String, to ws: TestWorkspace) throws {
        let (first, collective) = which == "a" ? (p * 20, "NORTE") : (p * 20 + 6, "SUR")
        try ws.write("inbox/\(which)-\(p).csv", PostgresWorkersTests.users(first: first, count: 12, collective: collective))
    }

    /// The users and members of pair `p`'s holders, contract numbers left out.
    static func pairDomain(_ domain: [String: String], _ p: Int) -> [String: String] {
        let documents = (p * 20..<(p * 20 + 18)).map(document)
        return domain.filter { entry in documents.contains { entry.key.contains($0) } }
    }

    @Test("pairs of files changing the same users, applied by four workers at once: each pair's users as one order or the other leaves them, never a mix")
    func pairsGiveOneOrderOrTheOther() throws {
        let pairs = 8
        // The two orders, on the JSON store.
        func reference(_ order: [String]) throws -> [String: String] {
            let ws = try TestWorkspace()
            defer { ws.remove() }
            try ws.write("inbox/colectivos.csv", PostgresWorkersTests.collectives)
            #expect(try ws.run(["run"] + Self.asOf).status == 0)
            for which in order {
                for p in 0..<pairs { try Self.writePair(p, which, to: ws) }
                #expect(try ws.run(["run"] + Self.asOf).status != 1)
            }
            var result: [String: String] = [:]
            for prefix in ["users", "members"] {
                for (key, document) in try StoreSnapshot.of(try ws.store(), under: prefix) {
                    result[key] = StoreSnapshot.withoutContractNumbers(document)
                }
            }
            return result
        }
        let aFirst = try reference(["a", "b"]), bFirst = try reference(["b", "a"])
        #expect(aFirst != bFirst, "the two orders must differ for the test to mean anything")

        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try StoreSnapshot.workspace(db, collectives: PostgresWorkersTests.collectives)
        defer { ws.remove() }
        for p in 0..<pairs {
            try Self.writePair(p, "a", to: ws)
            try Self.writePair(p, "b", to: ws)
        }
        let workers = try (0..<4).map { _ in try ws.start(["run"] + Self.asOf) }
        for result in workers.map({ $0.wait() }) { #expect(result.status == 0 || result.status == 65, "\(result.stderr)") }
        let domain = try PostgresWorkersTests.domain(db)
        for p in 0..<pairs {
            let actual = Self.pairDomain(domain, p)
            #expect(actual == Self.pairDomain(aFirst, p) || actual == Self.pairDomain(bFirst, p),
                    "pair \(p): \(StoreSnapshot.differences(actual, Self.pairDomain(aFirst, p)).prefix(3))")
            for which in ["a", "b"] { #expect(ws.receiptCounts()["\(which)-\(p).csv"] == 1) }
        }
        // Contract numbers unique across the workers; the change log without a gap.
        let numbers = try db.sql("SELECT key FROM dealers_documents WHERE key LIKE 'contracts/%'")
        #expect(Set(numbers).count == numbers.count && !numbers.isEmpty)
        let sources = try Self.changeLogSources(db)
        #expect(Set(sources.keys) == Set(1...(sources.keys.max() ?? 0)))
        let verify = try ws.run(["store", "verify"] + Self.asOf)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }
}
