import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// The PostgreSQL backend through the store interface, on a fresh database each.
@Suite("PostgreSQL store", .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresStoreTests {
    static func key(_ path: String) throws -> StoreKey { try StoreKey(path) }

    @Test("a transaction's changes are its own until the commit, then everyone's, byte for byte")
    func commitVisibility() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { store.close() }
        let transaction = store.beginTransaction()
        let document = #"{"b":[1.50,2e3],"a":"ñ \"x\""}"#
        try transaction.write(try Self.key("users/3f/1Z.json"), json: Array(document.utf8))
        #expect(try transaction.read(try Self.key("users/3f/1Z.json")) == Data(document.utf8))
        #expect(try store.read(try Self.key("users/3f/1Z.json")) == nil)
        try transaction.commit()
        // The exact bytes come back (jsonb alone would reorder keys and rewrite numbers).
        #expect(try store.read(try Self.key("users/3f/1Z.json")) == Data(document.utf8))
        #expect(try db.sql("SELECT doc->>'a' FROM dealers_documents_jsonb") == [#"ñ "x""#])
    }

    @Test("a transaction dropped without a commit, or discarded, leaves nothing")
    func dropAndDiscard() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { store.close() }
        do {
            let transaction = store.beginTransaction()
            try transaction.write(try Self.key("a.json"), json: Array("1".utf8))
        }
        #expect(try store.read(try Self.key("a.json")) == nil)
        let transaction = store.beginTransaction()
        try transaction.write(try Self.key("a.json"), json: Array("1".utf8))
        try transaction.discardAll()
        #expect(try transaction.read(try Self.key("a.json")) == nil)
        try transaction.write(try Self.key("b.json"), json: Array("2".utf8))
        try transaction.commit()
        var keys: [String] = []
        try store.forEachKey(under: "") { keys.append($0.path) }
        #expect(keys == ["b.json"])
    }

    @Test("scans walk a prefix in byte order across pages; a large transaction is sent in batches and read back")
    func scansAndBatches() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { store.close() }
        store.pageSize = 7
        let transaction = store.beginTransaction()
        transaction.batchSize = 10
        let paths = (0..<95).map { "users/\(String($0 % 16, radix: 16))/D\($0).json" } + ["users.json", "usersx/a.json", "a/b.json", "Users/a.json"]
        for (i, path) in paths.enumerated() { try transaction.write(try Self.key(path), json: Array("{\"n\":\(i)}".utf8)) }
        try transaction.delete(try Self.key("users/0/D0.json"))
        var changed: [String] = []
        try transaction.forEachChange(under: "users") { key, value in
            changed.append(key.path)
            if key.path == "users/0/D0.json" { #expect(value == nil) }
        }
        #expect(changed == paths.filter { $0.hasPrefix("users/") }.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }))
        #expect(try transaction.read(try Self.key("users/1/D1.json")) == Data("{\"n\":1}".utf8))
        try transaction.commit()
        var scanned: [String] = []
        try store.forEachDocument(under: "users") { key, bytes in
            scanned.append(key.path)
            #expect(bytes.first == UInt8(ascii: "{"))
        }
        let expected = paths.filter { $0.hasPrefix("users/") && $0 != "users/0/D0.json" }
            .sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(scanned == expected)
        #expect(try store.count(under: "users") == expected.count)
    }

    @Test("a read-only handle reads one state, and its transactions cannot commit")
    func readOnly() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { store.close() }
        let first = store.beginTransaction()
        try first.write(try Self.key("a.json"), json: Array("1".utf8))
        try first.commit()
        let view = try PostgresStore.openReadOnly(try db.postgresURL, logger: quietLogger)
        defer { view.close() }
        #expect(try view.read(try Self.key("a.json")) == Data("1".utf8))
        let second = store.beginTransaction()
        try second.write(try Self.key("a.json"), json: Array("2".utf8))
        try second.commit()
        #expect(try view.read(try Self.key("a.json")) == Data("1".utf8))
        let attempt = view.beginTransaction()
        try attempt.write(try Self.key("b.json"), json: Array("3".utf8))
        #expect(throws: DealersError.self) { try attempt.commit() }
        #expect(try store.read(try Self.key("b.json")) == nil)
    }

    @Test("the schema is created once and recorded; a newer one is refused")
    func schema() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try PostgresStore(url: try db.postgresURL, logger: quietLogger).close()
        try PostgresStore(url: try db.postgresURL, logger: quietLogger).close()
        #expect(try db.sql("SELECT string_agg(version::text, ',' ORDER BY version) FROM dealers_migrations") == ["1,2,3"])
        #expect(try db.sql("SELECT value FROM dealers_meta WHERE name = 'schemaVersion'") == ["2"])
        _ = try db.sql("INSERT INTO dealers_migrations (version, description) VALUES (99, 'future') RETURNING 'x'")
        #expect(throws: DealersError.self) { try PostgresStore(url: try db.postgresURL, logger: quietLogger) }
    }

    @Test("a store of schema 2 (a stored jsonb column) is upgraded: each document stored once, jsonb through the view, text that is not JSON refused")
    func documentsStoredOnce() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        try PostgresStore(url: try db.postgresURL, logger: quietLogger).close()
        // Back to what schema 2 made, a document in it.
        _ = try db.sql("DROP VIEW dealers_documents_jsonb")
        _ = try db.sql("ALTER TABLE dealers_documents DROP CONSTRAINT dealers_documents_raw_is_json")
        _ = try db.sql("ALTER TABLE dealers_documents ADD COLUMN doc jsonb GENERATED ALWAYS AS (raw::jsonb) STORED")
        _ = try db.sql(#"INSERT INTO dealers_documents (key, raw) VALUES ('users/00/1Z.json', '{"b":1.50,"a":"x"}') RETURNING 'x'"#)
        _ = try db.sql("DELETE FROM dealers_migrations WHERE version = 3 RETURNING 'x'")
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { store.close() }
        #expect(try db.sql("SELECT string_agg(column_name::text, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'dealers_documents'") == ["key,raw"])
        #expect(try store.read(try Self.key("users/00/1Z.json")) == Data(#"{"b":1.50,"a":"x"}"#.utf8))
        #expect(try db.sql("SELECT doc->>'b' FROM dealers_documents_jsonb WHERE key = 'users/00/1Z.json'") == ["1.50"])
        let transaction = store.beginTransaction()
        try transaction.write(try Self.key("users/00/2Z.json"), json: Array("{\"a\":".utf8))
        #expect(throws: DealersError.self) { try transaction.commit() }
        #expect(try store.read(try Self.key("users/00/2Z.json")) == nil)
    }

    @Test("a claim is held by one worker at a time and ends with its connection")
    func claims() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let a = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        let b = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { b.close() }
        let checksum = String(repeating: "ab", count: 32)
        #expect(try a.claimInput(checksum: checksum))
        #expect(try !b.claimInput(checksum: checksum))
        a.close()   // the worker goes away: its claim with it
        #expect(try eventually { try b.claimInput(checksum: checksum) })
        b.releaseInput(checksum: checksum)
    }
}

/// Settings and URLs of the PostgreSQL backend (no server needed).
@Suite("PostgreSQL settings")
struct PostgresSettingsTests {
    @Test("the store URL: user, host, port, database; never a password in it")
    func url() throws {
        let url = try PostgresURL("postgres://dealers@db.example:6543/back_office", environment: ["DEALERS_PG_PASSWORD": "s3cret"])
        #expect(url.user == "dealers" && url.host == "db.example" && url.port == 6543 && url.database == "back_office")
        #expect(url.password == "s3cret")
        #expect(!url.description.contains("s3cret"))
        #expect(try PostgresURL("postgresql://u@h/d", environment: [:]).port == 5432)
        #expect(PostgresURL.isPostgres("POSTGRES://u@h/d"))
        for bad in ["mysql://u@h/d", "postgres://h/d", "postgres://u@h", "postgres://u@h/", "postgres://u@h/d?sslmode=require"] {
            #expect(throws: DealersError.self, "\(bad)") { try PostgresURL(bad, environment: [:]) }
        }
        do {
            _ = try PostgresURL("postgres://u:hunter2@h/d", environment: [:])
            Issue.record("a password in the URL was accepted")
        } catch let error as DealersError {
            #expect(!error.description.contains("hunter2"))
            #expect(error.description.contains("passwordFile"))
        }
    }

    @Test("the password file's first line is the password")
    func passwordFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pg-pass-\(UUID().uuidString)")
        try Data("from-file\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let url = try PostgresURL("postgres://u@h/d", passwordFile: file.path, environment: ["DEALERS_PG_PASSWORD": "env"])
        #expect(url.password == "from-file")
    }

    @Test("dealers.json: the store key selects the backend; JSON by default; mistakes name the key")
    func settings() throws {
        #expect(try Settings.parse(data: Data("{}".utf8), file: "dealers.json").store == .json)
        let pg = try Settings.parse(data: Data(#"{"store": {"backend": "postgresql", "url": "postgres://u@h:5432/d", "passwordFile": "pg.pass"}}"#.utf8), file: "dealers.json")
        #expect(pg.store == .postgresql(url: "postgres://u@h:5432/d", passwordFile: "pg.pass"))
        for bad in [#"{"store": {"backend": "mongo"}}"#, #"{"store": {"backend": "postgresql"}}"#,
                    #"{"store": {"backend": "postgresql", "url": "http://x"}}"#, #"{"store": {"backend": "json", "url": "postgres://u@h/d"}}"#] {
            #expect(throws: DealersError.self, "\(bad)") { try Settings.parse(data: Data(bad.utf8), file: "dealers.json") }
        }
    }
}
