import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// `dealers` with its store in PostgreSQL: the same answers and documents as the JSON store,
/// and the JSON store's crash and idempotency promises, with real processes.
@Suite("PostgreSQL store with real processes", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresRunTests {
    static let asOf = ["--as-of", "2026-11-24"]

    @Test("the sample inbox gives the same receipts, reports and documents on both backends; store verify passes")
    func sameAsJSONStore() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let json = try TestWorkspace.sample(database: nil)
        defer { json.remove() }
        let pg = try TestWorkspace.sample(database: db)
        defer { pg.remove() }
        let jsonRun = try json.run(["run"] + Self.asOf)
        let pgRun = try pg.run(["run"] + Self.asOf)
        #expect(pgRun.status == jsonRun.status, "\(pgRun.stderr)")
        #expect(!pg.exists("store"), "a PostgreSQL workspace has no store/ folder")

        let jsonDocuments = try StoreSnapshot.of(try json.store())
        let pgStore = try db.store()
        defer { pgStore.close() }
        let pgDocuments = try StoreSnapshot.of(pgStore)
        #expect(pgDocuments.count == jsonDocuments.count && !pgDocuments.isEmpty)
        #expect(StoreSnapshot.differences(pgDocuments, jsonDocuments).isEmpty, "\(StoreSnapshot.differences(pgDocuments, jsonDocuments).prefix(3))")
        // Not only equal JSON: the same bytes, for every document without run times.
        try json.store().forEachDocument(under: "users") { key, bytes in
            let copy = try pgStore.read(key)
            #expect(copy == Data(bytes), "\(key)")
        }

        // Every file in the outbox: receipts equal but for their times, reports and error files byte for byte.
        let files = try FileManager.default.subpathsOfDirectory(atPath: json.url("outbox").path).sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: pg.url("outbox").path).sorted() == files)
        // (`reports/.built.json` names the settings the reports were built with: they differ in their store.)
        for file in files where !file.hasSuffix(".xlsx") && !file.hasSuffix(".built.json") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: json.url("outbox/" + file).path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let a = try Data(contentsOf: json.url("outbox/" + file)), b = try Data(contentsOf: pg.url("outbox/" + file))
            if file.hasSuffix(".json") {
                #expect(StoreSnapshot.normalized(a) == StoreSnapshot.normalized(b), "\(file)")
            } else {
                #expect(a == b, "\(file) differs")
            }
        }
        let verify = try pg.run(["store", "verify"] + Self.asOf)
        #expect(verify.status == 0 && verify.stdout.contains("store OK"), "\(verify.stdout)\(verify.stderr)")
        let report = try pg.run(["report", "--format", "csv"] + Self.asOf)
        #expect(report.status == 0, "\(report.stderr)")
    }

    @Test("a file applied again under another name is a DUPLICATE and changes nothing")
    func duplicate() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try TestWorkspace(database: db)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        try ws.write("inbox/usuarios.csv", Samples.bigUsersFile(40))
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        let before = try StoreSnapshot.of(try db.store(), under: "users")
        try ws.write("inbox/usuarios-otra-vez.csv", Samples.bigUsersFile(40))
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        #expect(try ws.receipt("outbox/receipts/usuarios-otra-vez.csv.json").status == .duplicate)
        #expect(try StoreSnapshot.of(try db.store(), under: "users") == before)
        #expect(db.count(under: "users") == 40)
    }

    @Test("validate leaves the database as it was; store verify finds a document removed by hand")
    func validateAndVerify() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try TestWorkspace(database: db)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        try ws.write("inbox/usuarios.csv", Samples.bigUsersFile(20))
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        let before = try StoreSnapshot.of(try db.store())
        let file = try ws.write("nuevos.csv", Samples.bigUsersFile(30))
        let validate = try ws.run(["validate", file.path, "--no-files"] + Self.asOf)
        #expect(validate.stderr.contains("VALIDATED"), "\(validate.stderr)")
        #expect(try StoreSnapshot.of(try db.store()) == before)

        let member = try #require(before.keys.first { $0.hasPrefix("members/") })
        #expect(try ws.run(["store", "delete", member]).status == 0)
        let verify = try ws.run(["store", "verify"] + Self.asOf)
        #expect(verify.status == 65 && verify.stdout.contains("problem"), "\(verify.stdout)")
    }

    @Test("killed before the COMMIT: nothing applied, the next run applies the file once; killed after it: the next run completes it",
          arguments: ["pg-before-commit", "pg-after-commit"])
    func crashAroundCommit(point: String) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try TestWorkspace(database: db, leaseSeconds: 1)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        try ws.write("inbox/usuarios.csv", Samples.bigUsersFile(1_500))
        let crashed = try ws.run(["run"] + Self.asOf, environment: ["DEALERS_CRASH_AT": point])
        #expect(crashed.status == 137)
        #expect(db.count(under: "users") == (point == "pg-before-commit" ? 0 : 1_500))
        #expect(ws.exists("inbox/usuarios.csv"))
        // The dead worker's claim is left to pass (its lease); then the next run takes the file.
        #expect(try db.leasesPassed())
        let finish = try ws.run(["run"] + Self.asOf)
        #expect(finish.status == 0, "\(finish.stderr)")
        #expect(db.count(under: "users") == 1_500)
        #expect(!ws.exists("inbox/usuarios.csv"))
        #expect(try ws.receipt("outbox/receipts/usuarios.csv.json").status == .applied)
        #expect(ws.receiptCounts()["usuarios.csv"] == 1)
        #expect(try ws.run(["store", "verify"] + Self.asOf).status == 0)
    }

    @Test("SIGKILL at random moments of a large file: none or all of it; finishing equals the JSON store's uninterrupted run")
    func killAtRandomMoments() throws {
        // Large enough that the file's work outlasts the moments below on a fast machine (3,000
        // rows were applied before the first kill once the store sent its batches pipelined).
        let rows = 12_000
        let file = Samples.bigUsersFile(rows)
        let reference = try TestWorkspace()
        defer { reference.remove() }
        try reference.write("inbox/colectivos.csv", Samples.plainCollectives)
        #expect(try reference.run(["run"] + Self.asOf).status == 0)
        try reference.write("inbox/usuarios-grande.csv", file)
        #expect(try reference.run(["run"] + Self.asOf).status == 0)

        let db = try TestDatabase()
        defer { db.drop() }
        let ws = try TestWorkspace(database: db, leaseSeconds: 1)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.plainCollectives)
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        try ws.write("inbox/usuarios-grande.csv", file)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<5 where ws.exists("inbox/usuarios-grande.csv") {
            #expect(try db.leasesPassed())   // the claim of the worker killed before
            let process = try ws.start(["run"] + Self.asOf)
            // A random moment of the file's work: once the worker holds its claim, up to 0.8 s on.
            #expect(try eventually { try db.sql("SELECT count(*)::text FROM dealers_claims WHERE key LIKE 'input/%' AND lease_until > clock_timestamp()") == ["1"] || !process.process.isRunning })
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.8, using: &generator))
            process.kill()
            if process.wait().signalled { kills += 1 }
            let users = db.count(under: "users")
            #expect(users == 0 || users == rows, "the store holds \(users) of \(rows) users: half a file")
        }
        #expect(kills > 0)
        #expect(try db.leasesPassed())
        let finish = try ws.run(["run"] + Self.asOf)
        #expect(finish.status == 0, "\(finish.stderr)")
        #expect(!ws.exists("inbox/usuarios-grande.csv"))
        #expect(ws.receiptCounts()["usuarios-grande.csv"] == 1)
        // Contract numbers aside: a killed worker's block of numbers is not handed back, so the
        // numbers after it go on past the block (unique, growing; docs/store.md, "Transactions").
        func numbersAside(_ snapshot: [String: String]) -> [String: String] {
            snapshot.filter { !$0.key.hasPrefix("inputs/") && !$0.key.hasPrefix("contracts/") && $0.key != "sequence.json" }
                .mapValues(StoreSnapshot.withoutContractNumbers)
        }
        let expected = numbersAside(try StoreSnapshot.of(try reference.store()))
        let actual = numbersAside(try StoreSnapshot.of(try db.store()))
        #expect(StoreSnapshot.differences(actual, expected).isEmpty, "\(StoreSnapshot.differences(actual, expected).prefix(3))")
        var referenceContracts = 0
        try reference.store().forEachKey(under: "contracts") { _ in referenceContracts += 1 }
        #expect(db.count(under: "contracts") == referenceContracts)
        #expect(try ws.run(["store", "verify"] + Self.asOf).status == 0)
    }

    @Test("store copy moves a store to PostgreSQL and back to a folder, checked on arrival; compact says it is for the JSON store")
    func copyBothWays() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let json = try TestWorkspace.sample(database: nil)
        defer { json.remove() }
        _ = try json.run(["run"] + Self.asOf)
        let toDatabase = try json.run(["store", "copy", "--to", db.url])
        #expect(toDatabase.status == 0, "\(toDatabase.stderr)")
        let original = try StoreSnapshot.of(try json.store())
        #expect(toDatabase.stdout.contains("\(original.count) documents copied"))
        #expect(try StoreSnapshot.of(try db.store()) == original)
        // A second copy into the same database is refused: it is not empty.
        #expect(try json.run(["store", "copy", "--to", db.url]).status == 73)

        let pg = try TestWorkspace(database: db)
        defer { pg.remove() }
        #expect(try pg.run(["store", "verify"] + Self.asOf).status == 0)
        let folder = pg.url("back")
        let back = try pg.run(["store", "copy", "--to", folder.path])
        #expect(back.status == 0, "\(back.stderr)")
        let copied = try DocumentStore.openReadOnly(directory: folder, logger: quietLogger)
        #expect(try StoreSnapshot.of(copied) == original)
        let compact = try pg.run(["store", "compact"])
        #expect(compact.status == 64 && compact.stderr.contains("JSON store"), "\(compact.stderr)")
    }
}
