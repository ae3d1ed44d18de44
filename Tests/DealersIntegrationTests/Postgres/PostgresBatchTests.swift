import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// A transaction larger than one batch: the keys it changed listed in the client or, past their
/// limit, in `dealers_changes`; a batch the server refuses leaves nothing applied.
@Suite("PostgreSQL batches", .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresBatchTests {
    static func key(_ path: String) throws -> StoreKey { try StoreKey(path) }

    static func byteOrder(_ a: String, _ b: String) -> Bool {
        Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }

    @Test("the changes of many batches are walked once each, in byte order, as they are now",
          arguments: [false, true])
    func walkAcrossBatches(spilled: Bool) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { store.close() }
        store.pageSize = 7
        let transaction = store.beginTransaction()
        transaction.batchSize = 10
        if spilled { transaction.changedKeysLimit = 300 }
        let paths = (0..<95).map { "users/\(String($0 % 16, radix: 16))/D\($0).json" } + ["usersx/a.json", "a/b.json"]
        for (i, path) in paths.enumerated() { try transaction.write(try Self.key(path), json: Array("{\"n\":\(i)}".utf8)) }
        // Changed again in a later batch, and once more not yet sent: listed once, the last content.
        try transaction.write(try Self.key("users/1/D1.json"), json: Array("{\"n\":\"again\"}".utf8))
        for path in paths.prefix(20) { try transaction.write(try Self.key(path), json: Array("{\"n\":\"later\"}".utf8)) }
        try transaction.write(try Self.key("users/2/D2.json"), json: Array("{\"n\":\"pending\"}".utf8))
        try transaction.delete(try Self.key("users/0/D0.json"))
        var walked: [String: String?] = [:]
        var order: [String] = []
        try transaction.forEachChange(under: "users") { key, value in
            order.append(key.path)
            walked.updateValue(value.map { String(decoding: $0, as: UTF8.self) }, forKey: key.path)
            // The walk's body may write: the change log does.
            try transaction.write(try Self.key("changelog/\(order.count).json"), json: Array("1".utf8))
        }
        let users = paths.filter { $0.hasPrefix("users/") }
        #expect(order == users.sorted(by: Self.byteOrder))
        #expect(walked["users/0/D0.json"] == .some(nil))
        #expect(walked["users/2/D2.json"] == .some(#"{"n":"pending"}"#))
        #expect(walked["users/1/D1.json"] == .some(#"{"n":"later"}"#))
        #expect(walked["users/e/D94.json"] == .some(#"{"n":94}"#))
        var all = 0
        try transaction.forEachChange(under: "") { _, _ in all += 1 }
        #expect(all == paths.count + users.count)
        try transaction.commit()
        #expect(try store.count(under: "changelog") == users.count)
        #expect(try db.sql("SELECT count(*)::text FROM dealers_changes") == ["0"])
        #expect(try store.read(try Self.key("users/1/D1.json")) == Data(#"{"n":"later"}"#.utf8))
    }

    @Test("a batch the server refuses mid-way leaves nothing of the transaction applied", arguments: [false, true])
    func failureMidWay(spilled: Bool) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { store.close() }
        let transaction = store.beginTransaction()
        transaction.batchSize = 10
        if spilled { transaction.changedKeysLimit = 100 }
        #expect(throws: DealersError.self) {
            for i in 0..<45 {
                // The 31st document is not JSON: its batch, the fourth, is refused by the server.
                let content = i == 30 ? "{not json" : "{\"n\":\(i)}"
                try transaction.write(try Self.key("users/0/D\(i).json"), json: Array(content.utf8))
            }
            try transaction.commit()
        }
        transaction.end()
        #expect(try store.count(under: "") == 0)
        #expect(try db.sql("SELECT count(*)::text FROM dealers_changes") == ["0"])
        // The handle stays usable.
        let next = store.beginTransaction()
        try next.write(try Self.key("a.json"), json: Array("1".utf8))
        try next.commit()
        #expect(try store.count(under: "") == 1)
    }

    @Test("a document two transactions both found absent and created: the later one's batch is a conflict, and nothing of it stays")
    func createdByBoth() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let first = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { first.close() }
        let second = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { second.close() }
        let user = try Self.key("users/0/D1.json")
        let a = first.beginTransaction()
        let b = second.beginTransaction()
        #expect(try a.read(user) == nil)
        #expect(try b.read(user) == nil)
        try a.write(user, json: Array("{\"by\":\"a\"}".utf8))
        try a.commit()
        try b.write(try Self.key("users/0/D2.json"), json: Array("2".utf8))
        try b.write(user, json: Array("{\"by\":\"b\"}".utf8))
        #expect(throws: StoreConflict.self) { try b.commit() }
        #expect(try first.read(user) == Data("{\"by\":\"a\"}".utf8))
        #expect(try first.read(try Self.key("users/0/D2.json")) == nil)
    }
}
