import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore
@testable import DealersStore

/// Stores of the previous layout (schema 1: one pretty-printed file per document, journals that
/// are replayed) are upgraded to segments when a writer opens them.
@Suite("Store upgrade from one file per document")
struct StoreMigrationTests {
    /// A schema-1 store as the previous release left it: documents, a committed journal not yet
    /// applied, a pending one, a stray temporary file.
    private func makeLegacyStore(_ box: StoreSandbox) throws {
        try FileManager.default.createDirectory(at: box.file("journal"), withIntermediateDirectories: true)
        try Data("{\n  \"createdBy\" : \"dealers\",\n  \"schemaVersion\" : 1\n}\n".utf8).write(to: box.file("meta.json"))
        for (path, text) in [("users/3f/12345678Z.json", "{\n  \"document\" : \"12345678Z\",\n  \"name\" : \"Jos\u{E9} \\\"P\\\" N\u{FA}\u{F1}ez\"\n}\n"),
                             ("collectives/NORTE.json", "{\n  \"code\" : \"NORTE\",\n  \"price\" : 12.50\n}\n"),
                             ("sequence.json", "{\"nextContract\": 3}\n"),
                             ("users/00/gone.json", "{}\n")] {
            try FileManager.default.createDirectory(at: box.file(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: box.file(path))
        }
        try Data("half".utf8).write(to: box.file("users/3f/.12345678Z.json.99.12345.tmp"))
        let committed = Journal(txid: "20260101T000000.000000Z-1-000001",
                                changes: [(try key("users/00/new.json"), .write(data("{\"a\": [1, 2]}\n"))),
                                          (try key("users/00/gone.json"), .delete)])
        try committed.write(to: box.file("journal/\(committed.txid).committed"))
        let pending = Journal(txid: "20260101T000000.000000Z-1-000002", changes: [(try key("u/3.json"), .write(data("3")))])
        try pending.write(to: box.file("journal/\(pending.txid).pending"))
    }

    private func expectUpgraded(_ box: StoreSandbox) throws {
        let store = try box.open()
        #expect(store.schemaVersion == 2)
        #expect(try store.keys(under: "").map(\.path)
                == ["collectives/NORTE.json", "sequence.json", "users/00/new.json", "users/3f/12345678Z.json"])
        #expect(try store.read(key("users/3f/12345678Z.json")) == data("{\"document\":\"12345678Z\",\"name\":\"Jos\u{E9} \\\"P\\\" N\u{FA}\u{F1}ez\"}"))
        #expect(try store.read(key("collectives/NORTE.json")) == data("{\"code\":\"NORTE\",\"price\":12.50}"))
        #expect(try store.read(key("users/00/new.json")) == data("{\"a\":[1,2]}"))
        #expect(try store.read(key("u/3.json")) == nil)
        #expect(box.journalNames().isEmpty)
        for old in ["users", "collectives", "sequence.json"] { #expect(!box.exists(old), "\(old) left behind") }
        #expect(box.contents("meta.json")?.contains("migratedFrom") == false)
    }

    @Test("a writer's open completes the old journal, copies every document into a segment, checks it and removes the old files")
    func upgrade() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try makeLegacyStore(box)
        // Readers cannot upgrade: they say how.
        let refused = dealersError { _ = try DocumentStore.openReadOnly(directory: box.store, logger: testLogger) }
        #expect(refused?.kind == .locked)
        #expect(refused?.message.contains("store migrate") == true)
        try expectUpgraded(box)
        try expectUpgraded(box)   // a second open changes nothing
    }

    @Test("an upgrade interrupted before its commit point starts again from the old layout")
    func interruptedUpgrade() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try makeLegacyStore(box)
        let lock = try StoreLock(url: box.file("lock"), wait: false, timeout: nil, logger: testLogger)
        let crash = CrashHook(simulated: .midMigration, exitAt: nil)
        let meta = try StoreMeta.load(in: box.store, create: false)
        #expect(throws: SimulatedCrash(point: .midMigration)) {
            _ = try StoreMigration(directory: box.store, logger: testLogger, crash: crash).run(from: meta)
        }
        lock.release()
        #expect(box.exists("segments") && box.exists("manifest.json") && box.exists("users/3f/12345678Z.json"))
        #expect(try StoreMeta.load(in: box.store, create: false).schemaVersion == 1)
        try expectUpgraded(box)
    }

    @Test("a document of the old layout that is not JSON stops the upgrade, naming it; nothing changes")
    func brokenDocument() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try makeLegacyStore(box)
        try Data("{ \"document\": \"12345678Z\", trunc".utf8).write(to: box.file("users/3f/12345678Z.json"))
        let error = dealersError { _ = try box.open() }
        #expect(error?.kind == .corruptStore)
        #expect(error?.path == box.file("users/3f/12345678Z.json").path)
        #expect(try StoreMeta.load(in: box.store, create: false).schemaVersion == 1)
    }

    @Test("a damaged committed journal of the old layout stops the upgrade with corruptStore and is kept",
          arguments: ["flip", "truncate", "count"])
    func damagedJournal(damage: String) throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try makeLegacyStore(box)
        let url = box.file("journal/20260101T000000.000000Z-1-000001.committed")
        var bytes = [UInt8](try Data(contentsOf: url))
        switch damage {
        case "flip":
            let index = try #require(bytes.firstIndex(of: UInt8(ascii: "a")))
            bytes[index] = UInt8(ascii: "b")
        case "truncate":
            bytes.removeLast(10)
        default:
            // A consistent checksum over a wrong count: the checksum alone is not the only check.
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "end 2", with: "end 3")
            let body = String(text.prefix(text.count - Journal.trailerLength))
            bytes = Array((body + "sha256 \(Journal.hexDigest(Array(body.utf8)))\n").utf8)
        }
        try Data(bytes).write(to: url)
        let error = dealersError { _ = try box.open() }
        #expect(error?.kind == .corruptStore)
        #expect(error?.path == url.path)
        #expect(FileManager.default.fileExists(atPath: url.path))
        #expect(!box.exists("manifest.json"))
    }

    @Test("journal files of the old layout round-trip any content")
    func journalRoundTrip() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try FileManager.default.createDirectory(at: box.root, withIntermediateDirectories: true)
        let binary = Data((0...255).map { UInt8($0) } + Array("\nwrite 3 x\n".utf8))
        let journal = Journal(txid: Journal.makeTxid(sequence: 7),
                              changes: [(try key("a"), .write(Data())), (try key("b/c"), .write(binary)), (try key("d"), .delete)])
        let url = box.root.appendingPathComponent("j.committed")
        try journal.write(to: url)
        #expect(try Journal.read(from: url) == journal)
        #expect(journal.txid.hasSuffix("-000007"))
    }
}
