import DealersTestSupport
import Testing
@testable import DealersCore

/// The dry run's fact overlay (``FactOverlay``) gives back the latest facts saved for each
/// document, whether they are in its table, in a sealed table or in the arena's temporary file,
/// and nothing for a document it never kept.
@Suite("The fact overlay of a dry run")
struct FactOverlayTests {
    @Test("the latest facts of every user, across sealed tables and a spilled arena", arguments: [
        FactOverlay.Limits(tableSlots: 8, arenaMemory: 0),
        FactOverlay.Limits(tableSlots: 64, arenaMemory: 4_096),
        FactOverlay.Limits.standard,
    ])
    func keepsTheLatest(limits: FactOverlay.Limits) throws {
        var factory = UserFactory(seed: 30)
        var rng = SeededGenerator(seed: 2)
        let overlay = FactOverlay(limits: limits)
        var expected: [String: User] = [:]
        let documents = (0..<600).map { "D\($0)" }
        for _ in 0..<2_000 {
            var user = factory.user()
            // Documents come back again and again: the latest save wins.
            user.document = documents[Int.random(in: 0..<documents.count, using: &rng)]
            try overlay.save(user.ruleFacts)
            expected[user.document] = user.ruleFacts
        }
        for (document, user) in expected {
            #expect(try overlay.user(document) == user, "\(document)")
        }
        for document in ["D600", "D-1", "", "d1", "D1 "] {
            #expect(try overlay.user(document) == nil)
        }
        if limits.tableSlots == 8 { #expect(overlay.sealedTables > 50) }
    }

    @Test("a record keeps exactly the facts the rules read")
    func codecRoundTrip() throws {
        var factory = UserFactory(seed: 7)
        var writer = SpillWriter()
        for _ in 0..<500 {
            let user = factory.user().ruleFacts
            writer.reset()
            UserFactsCodec.encode(user, into: &writer)
            let decoded = try writer.bytes.withUnsafeBytes { try UserFactsCodec.decode($0, path: "test") }
            #expect(decoded == user)
            #expect(writer.bytes.withUnsafeBytes { UserFactsCodec.isRecord($0, of: user.document) })
            #expect(!writer.bytes.withUnsafeBytes { UserFactsCodec.isRecord($0, of: user.document + "X") })
        }
        // A damaged record is an error, not a wrong user.
        #expect(throws: DealersError.self) { try [UInt8](repeating: 0xFF, count: 12).withUnsafeBytes { try UserFactsCodec.decode($0, path: "test") } }
    }
}

extension FactOverlayTests {
    @Test("two documents of the same hash, in the table and in sealed tables, each get their own facts")
    func sameHash() throws {
        var seen: [UInt32: String] = [:]
        var pair: (String, String)?
        for i in 0..<2_000_000 {
            let document = "X\(i)"
            let hash = FactOverlay.hash(document)
            if let other = seen[hash] {
                pair = (other, document)
                break
            }
            seen[hash] = document
        }
        let (a, b) = try #require(pair)
        var factory = UserFactory(seed: 11)
        for slots in [8, 1 << 10] {
            let overlay = FactOverlay(limits: FactOverlay.Limits(tableSlots: slots, arenaMemory: 0))
            var expected: [String: User] = [:]
            for round in 0..<3 {
                for document in [a, b] + (0..<10).map({ "F\(round)-\($0)" }) {
                    var user = factory.user().ruleFacts
                    user.document = document
                    try overlay.save(user)
                    expected[document] = user
                }
            }
            for (document, user) in expected { #expect(try overlay.user(document) == user, "\(document), \(slots) slots") }
        }
    }
}
