import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore
@testable import DealersStore

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
            #expect(try tx.changeCount == 1)
            try tx.commit()
            #expect(tx.isCommitted)
            #expect(try store.read(k) == data("{\"a\":1}"))
            store.close()
        }
        do {
            let store = try box.open()
            #expect(try store.read(k) == data("{\"a\":1}"))
            #expect(try store.read(key("users/none.json")) == nil)
            let tx = store.beginTransaction()
            try tx.delete(k)
            try tx.commit()
            #expect(try store.read(k) == nil)
        }
        #expect(box.journalNames().isEmpty)
        #expect(box.contents("meta.json")?.contains("\"schemaVersion\" : 2") == true)
        #expect(box.contents("manifest.json")?.contains("\"segments\"") == true)
    }

    @Test("JSON documents are compact, sorted, one line each in a segment, and decode back; bad JSON names the document")
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
        #expect(try store.read(k) == data(#"{"id":"u1","joined":"2027-01-15T08:00:00Z","name":"Ana/Bo"}"#))
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: box.file("segments").path).first { $0.hasSuffix(".jsonl") })
        #expect(box.contents("segments/" + segment)?.contains(#"{"k":"users/u1.json","v":{"id":"u1","#) == true)

        let broken = store.beginTransaction()
        try broken.write(k, data("{\"id\": 3}"))
        try broken.commit()
        let error = dealersError { _ = try store.readJSON(User.self, k) }
        #expect(error?.kind == .corruptStore)
        #expect(error?.path == box.file(k.path).path)
    }

    @Test("a large document, whose pages a read gives back at once, reads the same every time, as do its neighbours")
    func largeDocumentsReadAgain() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let large = Data(("[\"" + String(repeating: "añ", count: SegmentSet.largeDocument) + "\"]").utf8)
        let t = store.beginTransaction()
        try t.write(try key("a/small.json"), Data("[1]".utf8))
        try t.write(try key("b/large.json"), large)
        try t.write(try key("c/small.json"), Data("[2]".utf8))
        try t.commit()
        for _ in 0..<3 {
            #expect(try store.read(key("b/large.json")) == large)
            #expect(try store.read(key("a/small.json")) == Data("[1]".utf8))
            #expect(try store.read(key("c/small.json")) == Data("[2]".utf8))
        }
    }

    @Test("uncommitted changes are invisible outside their transaction")
    func isolation() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let kept = try key("c/kept.json")
        let setup = store.beginTransaction()
        try setup.write(kept, data("\"old\""))
        try setup.commit()

        let tx = store.beginTransaction()
        try tx.write(try key("c/new.json"), data("\"new\""))
        try tx.delete(kept)
        #expect(try tx.read(key("c/new.json")) == data("\"new\""))
        #expect(try tx.read(kept) == nil)
        #expect(try store.read(key("c/new.json")) == nil)
        #expect(try store.read(kept) == data("\"old\""))
        store.close()

        let other = try box.open()
        #expect(try other.read(key("c/new.json")) == nil)
        #expect(try other.read(kept) == data("\"old\""))
        // The abandoned transaction can no longer commit: its store was closed.
        #expect(dealersError { try tx.commit() }?.kind == .internalError)
    }

    @Test("keys are enumerated lazily in byte order under a folder prefix")
    func keys() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let tx = store.beginTransaction()
        for path in ["users/3f/b.json", "users/3f/a.json", "users/00/z.json", "users/top.json", "collectives/c.json"] {
            try tx.write(try key(path), data("{}"))
        }
        try tx.commit()
        let more = store.beginTransaction()
        try more.delete(try key("users/3f/b.json"))
        try more.write(try key("users/3f/b.json"), data("[1]"))
        try more.write(try key("users/3f/c.json"), data("{}"))
        try more.delete(try key("users/3f/c.json"))
        try more.delete(try key("collectives/c.json"))
        try more.write(try key("collectives/c.json"), data("{}"))
        try more.commit()
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
        try Data("{\"schemaVersion\": 3, \"createdBy\": \"future\"}".utf8).write(to: box.file("meta.json"))
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

    @Test("a key and keys under it are independent documents; writes that are not JSON are refused")
    func flatKeys() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let tx = store.beginTransaction()
        try tx.write(try key("users/a.json"), data("1"))
        try tx.write(try key("users/a.json/b.json"), data("2"))
        try tx.commit()
        #expect(try store.read(key("users/a.json")) == data("1"))
        #expect(try store.read(key("users/a.json/b.json")) == data("2"))
        #expect(try store.keys(under: "users/a.json").map(\.path) == ["users/a.json/b.json"])
        let bad = store.beginTransaction()
        for text in ["", "not json", "{\"a\": 1", "1 2", "\"line\nbreak\""] {
            #expect(dealersError { try bad.write(try key("x.json"), data(text)) }?.kind == .data, "\(text)")
        }
        #expect(try bad.changeCount == 0)
    }

    @Test("a transaction larger than its spill limit spills sorted runs, reads through them, and commits the newest of each key")
    func spilledRuns() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let setup = store.beginTransaction()
        try setup.write(try key("old/kept.json"), data("\"kept\""))
        try setup.write(try key("old/gone.json"), data("\"gone\""))
        try setup.commit()

        let tx = store.beginTransaction()
        tx.spillLimit = 8
        for i in 0..<50 { try tx.write(try key("n/\(i).json"), data(String(i))) }
        for i in stride(from: 0, to: 50, by: 5) { try tx.write(try key("n/\(i).json"), data("[\(i)]")) }
        try tx.delete(try key("old/gone.json"))
        try tx.delete(try key("n/7.json"))
        try tx.delete(try key("never/was.json"))
        #expect(box.exists("journal") && box.journalNames().contains { $0.hasSuffix(".runs") })
        #expect(try tx.read(key("n/5.json")) == data("[5]"))
        #expect(try tx.read(key("n/6.json")) == data("6"))
        #expect(try tx.read(key("n/7.json")) == nil)
        #expect(try tx.read(key("old/gone.json")) == nil)
        #expect(try tx.read(key("old/kept.json")) == data("\"kept\""))
        try tx.discardChange(to: key("n/6.json"))
        #expect(try tx.read(key("n/6.json")) == nil)
        #expect(try tx.changes(under: "old").map(\.key.path) == ["old/gone.json"])
        #expect(try tx.changeCount == 52)   // n/0…49, old/gone, never/was
        try tx.commit()

        #expect(box.journalNames().isEmpty)
        #expect(Array(try store.keys(under: "n")).count == 48)   // n/0…49 without 6 and 7
        #expect(try store.read(key("n/10.json")) == data("[10]"))
        #expect(try store.read(key("n/11.json")) == data("11"))
        #expect(try store.read(key("old/gone.json")) == nil)
        #expect(try store.read(key("never/was.json")) == nil)
        #expect(try store.verifyFiles().isEmpty)
    }

    @Test("a spill written on its own thread: the keys it holds are read meanwhile, a newer write wins, and a dropped transaction leaves nothing")
    func backgroundSpill() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let tx = store.beginTransaction()
        tx.spillLimit = 4
        // The fourth write hands the first four keys to the spill thread; the reads and writes
        // that follow race it, and must see the same thing whenever it ends.
        for i in 0..<4 { try tx.write(try key("k/\(i).json"), data(String(i))) }
        #expect(try tx.read(key("k/1.json")) == data("1"))
        try tx.write(try key("k/2.json"), data("[2]"))
        try tx.delete(try key("k/3.json"))
        #expect(try tx.read(key("k/2.json")) == data("[2]"))
        #expect(try tx.read(key("k/3.json")) == nil)
        for i in 4..<11 { try tx.write(try key("k/\(i).json"), data(String(i))) }
        #expect(try tx.read(key("k/0.json")) == data("0") && tx.read(key("k/9.json")) == data("9"))
        #expect(try tx.changeCount == 11)
        try tx.commit()
        #expect(try store.read(key("k/2.json")) == data("[2]"))
        #expect(try store.read(key("k/3.json")) == nil)
        #expect(Array(try store.keys(under: "k")).count == 10)
        #expect(box.journalNames().isEmpty)

        var dropped: StoreTransaction? = store.beginTransaction()
        dropped?.spillLimit = 2
        for i in 0..<9 { try dropped?.write(try key("d/\(i).json"), data(String(i))) }
        dropped = nil
        #expect(box.journalNames().isEmpty, "\(box.journalNames())")
        #expect(try store.read(key("d/0.json")) == nil)
    }
}
