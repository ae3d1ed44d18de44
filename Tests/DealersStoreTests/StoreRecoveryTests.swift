import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore
@testable import DealersStore

@Suite("Store recovery")
struct StoreRecoveryTests {
    /// Commits `a` and `c` (old), then tries to change `a`, add `b` and delete `c` with a crash at `point`.
    private func crash(at point: CrashPoint, in box: StoreSandbox) throws {
        let store = try box.open()
        let setup = store.beginTransaction()
        try setup.write(try key("d/a.json"), data("\"a-old\""))
        try setup.write(try key("d/c.json"), data("\"c-old\""))
        try setup.commit()

        store.crashPoint = point
        let tx = store.beginTransaction()
        try tx.write(try key("d/a.json"), data("\"a-new\""))
        try tx.write(try key("e/b.json"), data("\"b-new\""))
        try tx.delete(try key("d/c.json"))
        #expect(throws: SimulatedCrash(point: point)) { try tx.commit() }
        let again = store.beginTransaction()
        #expect(dealersError { try again.write(try key("x.json"), data("1")); try again.commit() }?.kind == .internalError) // a crashed store stays dead
        store.close()
    }

    private func expectNew(_ box: StoreSandbox) throws {
        let store = try box.open()
        #expect(try store.read(key("d/a.json")) == data("\"a-new\""))
        #expect(try store.read(key("e/b.json")) == data("\"b-new\""))
        #expect(try store.read(key("d/c.json")) == nil)
        #expect(box.journalNames().isEmpty)
        #expect(try store.keys(under: "").map(\.path) == ["d/a.json", "e/b.json"])
    }

    private func expectOld(_ box: StoreSandbox) throws {
        let store = try box.open()
        #expect(try store.read(key("d/a.json")) == data("\"a-old\""))
        #expect(try store.read(key("e/b.json")) == nil)
        #expect(try store.read(key("d/c.json")) == data("\"c-old\""))
        #expect(box.journalNames().isEmpty)
    }

    @Test("a crash before the manifest names the new segment loses the transaction; its files are removed")
    func beforeCommitPoint() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try crash(at: .afterSegment, in: box)
        #expect(box.journalNames().count == 1)
        #expect(box.segmentFiles().count == 4)   // the committed segment and the orphan
        // A reader sees the store as the manifest says: the old state.
        let reader = try DocumentStore.openReadOnly(directory: box.store, logger: testLogger)
        #expect(try reader.read(key("e/b.json")) == nil)
        try expectOld(box)
        #expect(box.segmentFiles().count == 2)
    }

    @Test("a crash after the manifest names the new segment keeps the transaction, whatever the merge was doing",
          arguments: [CrashPoint.afterCommit, .midCompaction, .afterCompaction])
    func afterCommitPoint(point: CrashPoint) throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        try crash(at: point, in: box)
        // Readers need no recovery: the manifest is the state.
        let reader = try DocumentStore.openReadOnly(directory: box.store, logger: testLogger)
        #expect(try reader.read(key("d/a.json")) == data("\"a-new\""))
        #expect(try reader.read(key("d/c.json")) == nil)
        try expectNew(box)
        let manifest = try #require(try Manifest.load(in: box.store))
        #expect(box.segmentFiles().count == 2 * manifest.segments.count)
    }

    @Test("a reader keeps the state it opened while a writer commits and merges")
    func snapshotReads() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let setup = store.beginTransaction()
        try setup.write(try key("k.json"), data("1"))
        try setup.commit()
        let reader = try DocumentStore.openReadOnly(directory: box.store, logger: testLogger)
        for value in 2...6 {
            let tx = store.beginTransaction()
            try tx.write(try key("k.json"), data(String(value)))
            try tx.commit()
        }
        #expect(try reader.read(key("k.json")) == data("1"))
        #expect(try DocumentStore.openReadOnly(directory: box.store, logger: testLogger).read(key("k.json")) == data("6"))
        #expect(try Manifest.load(in: box.store)?.segments.count == 1)   // small segments were merged
    }

    @Test("a segment the manifest lists but the folder lacks, or a damaged index, stops the open with corruptStore")
    func missingSegment() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let tx = store.beginTransaction()
        try tx.write(try key("a.json"), data("1"))
        try tx.commit()
        store.close()
        let index = try #require(box.segmentFiles().first { $0.hasSuffix(".idx") })
        let bytes = try Data(contentsOf: box.file("segments/" + index))
        try bytes.dropLast(3).write(to: box.file("segments/" + index))
        #expect(dealersError { _ = try box.open() }?.kind == .corruptStore)
        try FileManager.default.removeItem(at: box.file("segments/" + index))
        let error = dealersError { _ = try box.open() }
        #expect(error?.kind == .corruptStore)
        #expect(error?.message.contains("missing") == true)
    }

    @Test("DEALERS_CRASH_AT names a crash point")
    func environment() {
        #expect(CrashPoint.fromEnvironment(["DEALERS_CRASH_AT": "after-commit"]) == .afterCommit)
        #expect(CrashPoint.fromEnvironment(["DEALERS_CRASH_AT": "mid-compaction"]) == .midCompaction)
        #expect(CrashPoint.fromEnvironment(["DEALERS_CRASH_AT": "nonsense"]) == nil)
        #expect(CrashPoint.fromEnvironment([:]) == nil)
    }

    @Test("the merge policy: similar sizes merge, a small old segment under a large new one stays")
    func mergePolicy() {
        let mib = 1 << 20
        #expect(DocumentStore.mergeRun(sizes: [5]) == nil)
        #expect(DocumentStore.mergeRun(sizes: [5, 7]) == 0..<2)                   // both below the floor
        #expect(DocumentStore.mergeRun(sizes: [2 * mib, 500 * mib]) == nil)       // small old, large new
        #expect(DocumentStore.mergeRun(sizes: [500 * mib, 2 * mib]) == nil)       // large old, small new
        #expect(DocumentStore.mergeRun(sizes: [500 * mib, 4 * mib, 3 * mib]) == 1..<3)
        #expect(DocumentStore.mergeRun(sizes: [8 * mib, 4 * mib, 3 * mib]) == 0..<3)
        let many = (0..<25).map { $0 % 2 == 0 ? 1024 * mib : mib }   // more than maxSegments, none similar
        #expect(DocumentStore.mergeRun(sizes: many) == 23..<25)
    }
}
