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

    /// A store on a fresh database and a transaction in it that sends every 10 changes and, when
    /// `spilled`, lists the keys it changed in `dealers_changes` almost at once.
    static func withTransaction(spilled: Bool, _ body: (TestDatabase, PostgresStore, PostgresTransaction) throws -> Void) throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let store = try PostgresStore(url: try db.postgresURL, logger: quietLogger)
        defer { store.close() }
        let transaction = store.beginTransaction()
        transaction.batchSize = 10
        if spilled { transaction.changedKeysLimit = 200 }
        try body(db, store, transaction)
    }

    @Test("the changes of many batches are walked once each, in byte order, as they are now",
          arguments: [false, true])
    func walkAcrossBatches(spilled: Bool) throws {
        try Self.withTransaction(spilled: spilled) { db, store, transaction in
            store.pageSize = 7
            let users = (0..<95).map { "users/\(String(($0 * 7) % 13, radix: 13))/E\($0).json" }
            for (i, path) in (users + ["usersx/a.json", "a/b.json"]).enumerated() {
                try transaction.write(try Self.key(path), json: Array("{\"n\":\(i)}".utf8))
            }
            // Changed again in later batches, and once more not yet sent: walked once, as now.
            for path in users.prefix(20) { try transaction.write(try Self.key(path), json: Array("{\"n\":\"later\"}".utf8)) }
            try transaction.write(try Self.key(users[2]), json: Array("{\"n\":\"pending\"}".utf8))
            try transaction.delete(try Self.key(users[0]))
            var walked: [String: String?] = [:]
            var order: [String] = []
            try transaction.forEachChange(under: "users") { key, value in
                order.append(key.path)
                walked.updateValue(value.map { String(decoding: $0, as: UTF8.self) }, forKey: key.path)
                // The walk's body may write: the change log does.
                try transaction.write(try Self.key("changelog/\(order.count).json"), json: Array("1".utf8))
            }
            #expect(order == users.sorted(by: Self.byteOrder))
            #expect(walked[users[0]] == .some(nil))
            #expect(walked[users[2]] == .some(#"{"n":"pending"}"#))
            #expect(walked[users[1]] == .some(#"{"n":"later"}"#))
            #expect(walked[users[94]] == .some(#"{"n":94}"#))
            var all = 0
            try transaction.forEachChange(under: "") { _, _ in all += 1 }
            #expect(all == 2 * users.count + 2)
            try transaction.commit()
            #expect(try store.count(under: "changelog") == users.count)
            #expect(try db.sql("SELECT count(*)::text FROM dealers_changes") == ["0"])
            #expect(try store.read(try Self.key(users[1])) == Data(#"{"n":"later"}"#.utf8))
        }
    }

    @Test("whether a key was changed is answered from the changes not yet sent and the list, sent or spilled, deletions included",
          arguments: [false, true])
    func changesAnyKey(spilled: Bool) throws {
        try Self.withTransaction(spilled: spilled) { _, _, transaction in
            #expect(try !transaction.changesAnyKey { _ in true })
            try transaction.write(try Self.key("sequence.json"), json: Array("{\"n\":1}".utf8))
            #expect(try transaction.changesAnyKey { $0.path == "sequence.json" })
            #expect(try !transaction.changesAnyKey { $0.path.hasPrefix("users/") })
            try transaction.delete(try Self.key("members/A/0/E1.json"))
            // Twenty more: the first batches sent, their keys listed (on the server when spilled).
            for i in 0..<20 { try transaction.write(try Self.key("users/0/E\(i).json"), json: Array("{}".utf8)) }
            try transaction.write(try Self.key("due/2026-12-01/0/E1.json"), json: Array("{}".utf8))   // not yet sent
            #expect(try transaction.changesAnyKey { $0.path == "sequence.json" })
            #expect(try transaction.changesAnyKey { $0.path == "users/0/E3.json" })
            #expect(try transaction.changesAnyKey { $0.path == "members/A/0/E1.json" })
            #expect(try transaction.changesAnyKey { $0.path.hasPrefix("due/") })
            #expect(try !transaction.changesAnyKey { $0.path.hasPrefix("nightly/") || $0.path == "users/0/E20.json" })
        }
    }

    @Test("a document the transaction created where none was comes as created, unread; one there before, rewritten or deleted, does not",
          arguments: [false, true])
    func walkKnowingCreated(spilled: Bool) throws {
        try Self.withTransaction(spilled: spilled) { db, store, transaction in
            let before = store.beginTransaction()
            for i in 0..<6 { try before.write(try Self.key("users/a/OLD\(i).json"), json: Array("{\"old\":\(i)}".utf8)) }
            try before.commit()
            func json(_ text: String) -> [UInt8] { Array(text.utf8) }
            for i in 0..<30 { try transaction.create(try Self.key("users/n/N\(i).json"), json: json("{\"n\":\(i)}")) }
            for i in 0..<10 {   // read and found absent, then written: inserted
                #expect(try transaction.read(try Self.key("users/r/R\(i).json")) == nil)
                try transaction.write(try Self.key("users/r/R\(i).json"), json: json("{\"r\":\(i)}"))
            }
            try transaction.write(try Self.key("users/w/W.json"), json: json("{\"w\":1}"))   // new, but upserted
            try transaction.write(try Self.key("users/a/OLD1.json"), json: json("{\"old\":\"new\"}"))
            try transaction.delete(try Self.key("users/a/OLD2.json"))
            try transaction.delete(try Self.key("users/a/OLD3.json"))
            for i in 0..<12 { try transaction.write(try Self.key("pad/\(i).json"), json: json("1")) }   // the batches above sent
            try transaction.create(try Self.key("users/a/OLD2.json"), json: json("{\"old\":\"again\"}"))
            try transaction.write(try Self.key("users/n/N0.json"), json: json("{\"n\":\"later\"}"))
            try transaction.delete(try Self.key("users/n/N1.json"))
            try transaction.delete(try Self.key("users/n/N2.json"))
            for i in 0..<12 { try transaction.write(try Self.key("pad/b\(i).json"), json: json("1")) }
            try transaction.create(try Self.key("users/n/N2.json"), json: json("{\"n\":\"back\"}"))
            var seen: [String: String] = [:]
            try transaction.forEachChangeKnowingCreated(under: "users") { key, change in
                switch change {
                case .created: seen[key.path] = "created"
                case .deleted: seen[key.path] = "deleted"
                case .written(let bytes): seen[key.path] = String(decoding: bytes, as: UTF8.self)
                }
            }
            var expected: [String: String] = [:]
            for i in 0..<30 where i != 1 { expected["users/n/N\(i).json"] = "created" }
            for i in 0..<10 { expected["users/r/R\(i).json"] = "created" }
            expected["users/n/N1.json"] = "deleted"
            expected["users/w/W.json"] = #"{"w":1}"#
            expected["users/a/OLD1.json"] = #"{"old":"new"}"#
            expected["users/a/OLD2.json"] = #"{"old":"again"}"#   // there before the transaction
            expected["users/a/OLD3.json"] = "deleted"
            #expect(seen == expected)
            // Without asking, every document comes with its content.
            var contents: [String: String?] = [:]
            try transaction.forEachChange(under: "users/n") { key, value in
                contents.updateValue(value.map { String(decoding: $0, as: UTF8.self) }, forKey: key.path)
            }
            #expect(contents["users/n/N0.json"] == .some(#"{"n":"later"}"#))
            #expect(contents["users/n/N2.json"] == .some(#"{"n":"back"}"#))
            #expect(contents["users/n/N5.json"] == .some(#"{"n":5}"#))
            #expect(contents["users/n/N1.json"] == .some(nil))
            try transaction.commit()
            #expect(try db.sql("SELECT count(*)::text FROM dealers_changes") == ["0"])
        }
    }

    @Test("a batch the server refuses mid-way leaves nothing of the transaction applied", arguments: [false, true])
    func failureMidWay(spilled: Bool) throws {
        try Self.withTransaction(spilled: spilled) { db, store, transaction in
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
