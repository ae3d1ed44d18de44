import Foundation
import Testing
@testable import DealersCore

private struct User: Codable, Equatable {
    var id: String
    var name: String
    var joined: Date
}

@Suite("Store documents")
struct StoreDocumentTests {
    @Test("write, read and delete round trip through commits and reopening")
    func roundTrip() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let k = try key("users/3f/12345678Z.json")
        do {
            let store = try box.open()
            let tx = store.beginTransaction()
            try tx.write(k, data("{\"a\": 1}\n"))
            #expect(tx.changeCount == 1)
            try tx.commit()
            #expect(tx.isCommitted)
            #expect(try store.read(k) == data("{\"a\": 1}\n"))
            store.close()
        }
        do {
            let store = try box.open()
            #expect(try store.read(k) == data("{\"a\": 1}\n"))
            #expect(try store.read(key("users/none.json")) == nil)
            let tx = store.beginTransaction()
            try tx.delete(k)
            try tx.commit()
            #expect(try store.read(k) == nil)
            #expect(!box.exists(k.path))
        }
        #expect(box.journalNames().isEmpty)
        #expect(box.contents("meta.json")?.contains("\"schemaVersion\" : 1") == true)
    }

    @Test("JSON documents are pretty, sorted and decode back; bad JSON names the file")
    func json() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let k = try key("users/u1.json")
        let user = User(id: "u1", name: "Ana/Bo", joined: Date(timeIntervalSince1970: 1_800_000_000))
        let tx = store.beginTransaction()
        try tx.writeJSON(user, k)
        #expect(try tx.readJSON(User.self, k) == user)
        try tx.commit()
        #expect(try store.readJSON(User.self, k) == user)
        #expect(box.contents(k.path) == """
            {
              "id" : "u1",
              "joined" : "2027-01-15T08:00:00Z",
              "name" : "Ana/Bo"
            }

            """)

        let broken = store.beginTransaction()
        try broken.write(k, data("{\"id\": 3}"))
        try broken.commit()
        let error = dealersError { _ = try store.readJSON(User.self, k) }
        #expect(error?.kind == .corruptStore)
        #expect(error?.path == box.file(k.path).path)
    }

    @Test("uncommitted changes are invisible outside their transaction")
    func isolation() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let kept = try key("c/kept.json")
        let setup = store.beginTransaction()
        try setup.write(kept, data("old"))
        try setup.commit()

        let tx = store.beginTransaction()
        try tx.write(try key("c/new.json"), data("new"))
        try tx.delete(kept)
        #expect(try tx.read(key("c/new.json")) == data("new"))
        #expect(try tx.read(kept) == nil)
        #expect(try store.read(key("c/new.json")) == nil)
        #expect(try store.read(kept) == data("old"))
        store.close()

        let other = try box.open()
        #expect(try other.read(key("c/new.json")) == nil)
        #expect(try other.read(kept) == data("old"))
        // The abandoned transaction can no longer commit: its store was closed.
        #expect(dealersError { try tx.commit() }?.kind == .internalError)
    }

    @Test("keys are enumerated lazily, recursively, sorted per folder, skipping store files")
    func keys() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let tx = store.beginTransaction()
        for path in ["users/3f/b.json", "users/3f/a.json", "users/00/z.json", "users/top.json", "collectives/c.json"] {
            try tx.write(try key(path), data("{}"))
        }
        try tx.commit()
        try Data("x".utf8).write(to: box.file("users/3f/.a.json.1.2.tmp"))
        #expect(try store.keys(under: "users").map(\.path)
                == ["users/00/z.json", "users/3f/a.json", "users/3f/b.json", "users/top.json"])
        #expect(try store.keys(under: "users/3f/").map(\.path) == ["users/3f/a.json", "users/3f/b.json"])
        #expect(try store.keys(under: "").map(\.path).first == "collectives/c.json")
        #expect(try store.keys(under: "").map(\.path).count == 5)
        #expect(try Array(store.keys(under: "nothing")).isEmpty)
        var seen: [String] = []
        try store.forEachKey(under: "users/00") { seen.append($0.path) }
        #expect(seen == ["users/00/z.json"])
        #expect(dealersError { _ = try store.keys(under: "../x") }?.kind == .data)
    }

    @Test("meta.json: created on first open, a newer schema is refused, a foreign folder is refused")
    func schemaVersion() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try box.open().close()
        #expect(box.exists("meta.json"))
        try Data("{\"schemaVersion\": 2, \"createdBy\": \"future\"}".utf8).write(to: box.file("meta.json"))
        let error = dealersError { _ = try box.open() }
        #expect(error?.kind == .corruptStore)
        #expect(error?.message.contains("newer") == true)
        #expect(dealersError { _ = try DocumentStore.openReadOnly(directory: box.store, logger: testLogger) }?.kind == .corruptStore)

        let foreign = box.root.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("hi".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        #expect(dealersError { _ = try DocumentStore(directory: foreign, logger: testLogger) }?.kind == .corruptStore)
    }

    @Test("read-only open: no lock, reads committed documents, cannot commit; no store yet reads as empty and creates nothing")
    func readOnly() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let empty = try DocumentStore.openReadOnly(directory: box.store, logger: testLogger)
        #expect(try empty.read(key("a.json")) == nil)
        #expect(!FileManager.default.fileExists(atPath: box.store.path))
        let writer = try box.open()
        let tx = writer.beginTransaction()
        try tx.write(try key("a.json"), data("1"))
        try tx.commit()
        let reader = try DocumentStore.openReadOnly(directory: box.store, logger: testLogger)
        #expect(reader.isReadOnly)
        #expect(try reader.read(key("a.json")) == data("1"))
        let attempt = reader.beginTransaction()
        try attempt.write(try key("b.json"), data("2"))
        #expect(dealersError { try attempt.commit() }?.kind == .internalError)
    }

    @Test("changes that could never be applied are refused before the journal")
    func shapes() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let tx = store.beginTransaction()
        try tx.write(try key("users/a.json"), data("1"))
        try tx.commit()

        let intoDocument = store.beginTransaction()
        try intoDocument.write(try key("users/a.json/b.json"), data("2"))
        #expect(dealersError { try intoDocument.commit() }?.kind == .corruptStore)

        let overFolder = store.beginTransaction()
        try overFolder.write(try key("users"), data("3"))
        #expect(dealersError { try overFolder.commit() }?.kind == .corruptStore)

        let both = store.beginTransaction()
        try both.write(try key("x/y"), data("4"))
        try both.write(try key("x/y/z"), data("5"))
        #expect(dealersError { try both.commit() }?.kind == .internalError)
        #expect(box.journalNames().isEmpty)
        #expect(try store.read(key("users/a.json")) == data("1"))
    }
}
