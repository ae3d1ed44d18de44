import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore

@Suite("Outbox: sync feed")
struct SyncFeedTests {
    func lines(_ f: ReportFixture, _ path: String) throws -> [SyncFeedLine] {
        try f.text(path).split(separator: "\n").map { try JSONDecoder().decode(SyncFeedLine.self, from: Data($0.utf8)) }
    }

    func feed(_ f: ReportFixture) throws -> SyncFeed.Result? {
        try SyncFeed(context: RunContext(workspace: f.workspace, asOf: date("2026-11-24"), logger: testLogger)).write(store: f.store)
    }

    @Test("feeds continue where the last ended, per audience, and an empty period writes nothing")
    func roundTrip() throws {
        let f = try ReportFixture()
        try f.addCollective("NORTE", dealer: "ACME")
        try f.addCollective("PYME", dealer: "IBERIA")
        #expect(try feed(f) == nil)

        try f.addUser("A1", collective: "NORTE", email: "a1@example.es", start: "2026-01-10", end: "2027-01-09")
        try f.addUser("B1", collective: "PYME", start: "2026-01-10", end: "2027-01-09")
        try f.logChanges([("A1", .created), ("B1", .created)])
        try f.logChanges([("A1", .changed)])
        let first = try #require(try feed(f))
        let name1 = SyncFeed.fileName(first: 1, last: 2)
        #expect(name1 == "feed-0000000001-0000000002.jsonl")
        #expect(first.files == ["ACME/sync/\(name1)", "IBERIA/sync/\(name1)", "sync/\(name1)"])
        let all = try lines(f, "outbox/sync/\(name1)")
        // One line per user: created then changed in the period is still CREATED, with the last sequence.
        #expect(all.map(\.user.document) == ["B1", "A1"])
        #expect(all.map(\.sequence) == [1, 2])
        #expect(all.map(\.kind) == [.created, .created])
        #expect(all.allSatisfy { $0.feed == 1 })
        let a1 = try #require(all.last)
        #expect(a1.user.email == "a1@example.es" && a1.user.dealer == "ACME" && a1.user.collective == "NORTE")
        #expect(a1.user.contract == SyncContract(number: "C-A1", start: date("2026-01-10"), end: date("2027-01-09"),
                                                 status: .active))
        #expect(try lines(f, "outbox/ACME/sync/\(name1)").map(\.user.document) == ["A1"])

        // Nothing new: no file, the position unchanged.
        #expect(try feed(f) == nil)

        // The next period touches only ACME: IBERIA gets no file; ACME's feed number continues.
        try f.addUser("A1", collective: "NORTE", start: "2026-01-10", end: "2027-01-09", cancelledOn: "2026-11-24")
        try f.logChanges([("A1", .deactivated)])
        let second = try #require(try feed(f))
        let name2 = SyncFeed.fileName(first: 3, last: 3)
        #expect(second.files == ["ACME/sync/\(name2)", "sync/\(name2)"])
        let next = try lines(f, "outbox/ACME/sync/\(name2)")
        #expect(next.map(\.kind) == [.deactivated] && next.map(\.sequence) == [3] && next.map(\.feed) == [2])
        #expect(next.first?.user.contract?.status == .cancelled)
        #expect(try lines(f, "outbox/sync/\(name2)").map(\.feed) == [2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.url("outbox/IBERIA/sync").path) == [name1])
        let position = try #require(try f.store.readJSON(SyncPosition.self, SyncPosition.key()))
        #expect(position == SyncPosition(lastSequence: 3, feeds: ["_operator": 2, "ACME": 2, "IBERIA": 1]))
    }

    @Test("reports on a writable store refresh the feed too")
    func generatorRefreshesFeed() throws {
        let f = try ReportFixture()
        try f.addCollective("NORTE", dealer: "ACME")
        try f.addUser("A1", collective: "NORTE", start: "2026-01-10", end: "2027-01-09")
        try f.logChanges([("A1", .created)])
        try f.generator().generate(store: f.store)
        #expect(f.exists("outbox/sync/feed-0000000001-0000000001.jsonl"))
    }

    @Test("a period larger than its memory spills: each user's last change, CREATED kept, by sequence then document, as in memory")
    func periodSpills() throws {
        let f = try ReportFixture()
        try f.logChanges([("A1", .created), ("B1", .created), ("C1", .changed)])
        try f.logChanges([("A1", .changed), ("D1", .created)], asOf: "2026-11-25")
        try f.logChanges([("B1", .deactivated), ("C1", .changed), ("E1", .changed)], asOf: "2026-11-26")
        func latest(after: Int, runLength: Int) throws -> [String] {
            let period = try SyncFeedPeriod(after: after, in: f.store, runLength: runLength)
            #expect(period.last == 3)
            var out: [String] = []
            try period.forEachLatest { out.append("\($0.sequence) \($0.document) \($0.kind.rawValue) \($0.asOf)") }
            return out
        }
        let whole = ["2 A1 CREATED 2026-11-25", "2 D1 CREATED 2026-11-25", "3 B1 CREATED 2026-11-26", "3 C1 CHANGED 2026-11-26",
                     "3 E1 CHANGED 2026-11-26"]
        #expect(try latest(after: 0, runLength: 2) == whole)
        #expect(try latest(after: 0, runLength: 1_000) == whole)
        let tail = ["2 A1 CHANGED 2026-11-25", "2 D1 CREATED 2026-11-25", "3 B1 DEACTIVATED 2026-11-26", "3 C1 CHANGED 2026-11-26",
                    "3 E1 CHANGED 2026-11-26"]
        #expect(try latest(after: 1, runLength: 1) == tail)
        #expect(try SyncFeedPeriod(after: 3, in: f.store).last == 3)
    }
}
