import Foundation
import Testing
@testable import DealersCore

@Suite("Store recovery")
struct StoreRecoveryTests {
    /// Commits `a` (old), then tries to change `a`, add `b` and delete `c` with a crash at `point`.
    private func crash(at point: CrashPoint, in box: StoreSandbox) throws {
        let store = try box.open()
        let setup = store.beginTransaction()
        try setup.write(try key("d/a.json"), data("a-old"))
        try setup.write(try key("d/c.json"), data("c-old"))
        try setup.commit()

        store.crashPoint = point
        let tx = store.beginTransaction()
        try tx.write(try key("d/a.json"), data("a-new"))
        try tx.write(try key("e/b.json"), data("b-new"))
        try tx.delete(try key("d/c.json"))
        #expect(throws: SimulatedCrash(point: point)) { try tx.commit() }
        let again = store.beginTransaction()
        #expect(dealersError { try again.write(try key("x.json"), data("x")); try again.commit() }?.kind == .internalError) // a crashed store stays dead
        store.close()
    }

    private func expectNew(_ box: StoreSandbox) throws {
        let store = try box.open()
        #expect(try store.read(key("d/a.json")) == data("a-new"))
        #expect(try store.read(key("e/b.json")) == data("b-new"))
        #expect(try store.read(key("d/c.json")) == nil)
        #expect(box.journalNames().isEmpty)
    }

    private func expectOld(_ box: StoreSandbox) throws {
        let store = try box.open()
        #expect(try store.read(key("d/a.json")) == data("a-old"))
        #expect(try store.read(key("e/b.json")) == nil)
        #expect(try store.read(key("d/c.json")) == data("c-old"))
        #expect(box.journalNames().isEmpty)
    }

    @Test("a crash before the commit point loses the transaction; the pending journal is discarded")
    func beforeCommitPoint() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try crash(at: .afterPending, in: box)
        #expect(box.journalNames().count == 1)
        #expect(box.journalNames().first?.hasSuffix(".pending") == true)
        try expectOld(box)
    }

    @Test("a crash after the commit point is completed by the next open",
          arguments: [CrashPoint.afterCommit, .midApply, .afterApply])
    func afterCommitPoint(point: CrashPoint) throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try crash(at: point, in: box)
        #expect(box.journalNames().count == 1)
        #expect(box.journalNames().first?.hasSuffix(".committed") == true)
        switch point {
        case .afterCommit: #expect(box.contents("d/a.json") == "a-old")
        case .midApply: #expect(box.contents("d/a.json") == "a-new" && box.contents("e/b.json") == nil)
        default: #expect(box.contents("e/b.json") == "b-new")
        }
        // A reader refuses the half-applied store instead of showing it.
        #expect(dealersError { _ = try DocumentStore.openReadOnly(directory: box.store, logger: testLogger) }?.kind == .locked)
        try expectNew(box)
    }

    @Test("a hand-made committed journal is replayed, stray temporaries removed, pending ones discarded")
    func replay() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try box.open().close()
        let journalFolder = box.file("journal")
        let committed = Journal(txid: "20260101T000000.000000Z-1-000001",
                                changes: [(try key("u/1.json"), .write(data("one\n\ntwo"))), (try key("u/2.json"), .delete)])
        try committed.write(to: journalFolder.appendingPathComponent(committed.txid + ".committed"))
        let pending = Journal(txid: "20260101T000000.000000Z-1-000002", changes: [(try key("u/3.json"), .write(data("3")))])
        try pending.write(to: journalFolder.appendingPathComponent(pending.txid + ".pending"))
        try FileManager.default.createDirectory(at: box.file("u"), withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: box.file("u/2.json"))
        try Data("half".utf8).write(to: box.file("u/.1.json.99.12345.tmp"))

        let store = try box.open()
        #expect(try store.read(key("u/1.json")) == data("one\n\ntwo"))
        #expect(try store.read(key("u/2.json")) == nil)
        #expect(try store.read(key("u/3.json")) == nil)
        #expect(box.journalNames().isEmpty)
        #expect(!box.exists("u/.1.json.99.12345.tmp"))
    }

    @Test("a damaged committed journal stops the open with corruptStore and is kept",
          arguments: ["flip", "truncate", "count"])
    func damagedJournal(damage: String) throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try box.open().close()
        let journal = Journal(txid: "20260101T000000.000000Z-1-000001", changes: [(try key("u/1.json"), .write(data("{\"a\":1}")))])
        let url = box.file("journal/\(journal.txid).committed")
        try journal.write(to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        switch damage {
        case "flip":
            let index = try #require(bytes.firstIndex(of: UInt8(ascii: "a")))
            bytes[index] = UInt8(ascii: "b")
        case "truncate":
            bytes.removeLast(10)
        default:
            // A consistent checksum over a wrong count: the checksum alone is not the only check.
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "end 1", with: "end 2")
            let body = String(text.prefix(text.count - Journal.trailerLength))
            let digest = Journal.hexDigest(Array(body.utf8))
            bytes = Array((body + "sha256 \(digest)\n").utf8)
        }
        try Data(bytes).write(to: url)

        let error = dealersError { _ = try box.open() }
        #expect(error?.kind == .corruptStore)
        #expect(error?.path == url.path)
        #expect(FileManager.default.fileExists(atPath: url.path))
        #expect(!box.exists("u/1.json"))
    }

    @Test("journal files round-trip any content")
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

    @Test("DEALERS_CRASH_AT names a crash point")
    func environment() {
        #expect(CrashPoint.fromEnvironment(["DEALERS_CRASH_AT": "after-commit"]) == .afterCommit)
        #expect(CrashPoint.fromEnvironment(["DEALERS_CRASH_AT": "mid-apply"]) == .midApply)
        #expect(CrashPoint.fromEnvironment(["DEALERS_CRASH_AT": "nonsense"]) == nil)
        #expect(CrashPoint.fromEnvironment([:]) == nil)
    }
}
