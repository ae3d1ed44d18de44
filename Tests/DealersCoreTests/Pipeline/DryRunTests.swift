import Foundation
import Logging
import DealersTestSupport
import Testing
@testable import DealersCore

/// `dealers validate` predicts `dealers run`: a dry run keeps users as the rules read them
/// (``User/ruleFacts``, without history or contact data), and still gives every row the answer
/// the run gives it, whatever the rules read back of what the file itself did (altas followed
/// by bajas, extensions and moves of the same people, dependants of holders cancelled earlier in
/// the file, re-altas after a baja), with a cache small enough that those
/// users leave it and are read back from the transaction.
@Suite("A dry run predicts the run")
struct DryRunTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// What a person compares between the two: the rows' counts and actions and the error files.
    struct Answers: Equatable {
        var rows: Receipt.Rows
        var actions: [String: Int]
        var errors: String
        var rejected: Data
    }

    /// Applies `stored` for real, then processes `changes` as a run or a dry run (whose users
    /// leaving the cache go to `overlay`).
    func answers(stored: String, changes: String, dryRun: Bool, cacheLimit: Int,
                 overlay: DryRunOverlay = .standard) throws -> Answers {
        try RuleMixWorkspace.with(stored: stored, changes: changes, cacheLimit: cacheLimit) { mix in
            mix.processor.dryRunOverlay = overlay
            let store = try DocumentStore(directory: mix.workspace.store, logger: mix.logger)
            _ = try mix.processor.process(mix.files.collectives, dealer: nil, store: store)
            _ = try mix.processor.process(mix.files.stored, dealer: nil, store: store)
            let receipt = try mix.processor.process(mix.files.changes, dealer: nil, store: store, dryRun: dryRun)
            let folder = mix.root.appendingPathComponent(dryRun ? "outbox/validate" : "outbox/errors/2026-11-24")
            return Answers(rows: receipt.rows, actions: receipt.actions,
                           errors: try String(contentsOf: folder.appendingPathComponent("cambios.csv.errors.csv"), encoding: .utf8),
                           rejected: try Data(contentsOf: folder.appendingPathComponent("cambios.rejected.csv")))
        }
    }

    @Test("the same rows, actions and error files as the run, with users leaving a small cache", arguments: [UInt64(3), 4])
    func predictsTheRun(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let families = 30
        let stored = RuleMixFiles.stored(families: families)
        let changes = RuleMixFiles.changes(rows: 400, families: families, using: &rng)
        let run = try answers(stored: stored, changes: changes, dryRun: false, cacheLimit: StoreDomainState.defaultCacheLimit)
        let codes = Dictionary(grouping: run.errors.split(separator: "\r\n").dropFirst().map { $0.split(separator: ";")[4] }) { $0 }
            .mapValues(\.count)
        #expect(run.rows.applied > 80 && run.rows.rejected > 100, "\(run.rows) \(codes)")
        for code in ["UNKNOWN_USER", "ACTIVE_CONTRACT_EXISTS", "HOLDER_NOT_FOUND", "CONTRACT_CANCELLED", "COLLECTIVE_INACTIVE",
                     "UNKNOWN_COLLECTIVE", "HOLDER_HAS_DEPENDANTS"] {
            #expect(run.errors.contains(code), "no \(code) in the mix")
        }
        for limit in [1, 7, StoreDomainState.defaultCacheLimit] {
            let dry = try answers(stored: stored, changes: changes, dryRun: true, cacheLimit: limit)
            #expect(dry == run, "cache of \(limit) users")
        }
        // The run's answers do not depend on the cache either.
        #expect(try answers(stored: stored, changes: changes, dryRun: false, cacheLimit: 1) == run)
    }

    @Test("the state hands back the user last saved, the same document asked twice or after its cache was emptied",
          arguments: [false, true])
    func lastSaved(dryRun: Bool) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-laststate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let logger = Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() }
        let store = try DocumentStore(directory: root, logger: logger)
        let state = StoreDomainState(store: store, transaction: store.beginTransaction(), dryRun: dryRun, cacheLimit: 2)
        let date = try #require(CivilDate(iso: "2026-11-01"))
        func user(_ document: String, _ name: String) -> User {
            User(document: document, firstName: name, lastName: "", relationship: .titular, dependants: [], collective: "ACME-1",
                 contracts: [], history: [], createdOn: date, updatedOn: date)
        }
        let a = RuleMixFiles.dni(1), b = RuleMixFiles.dni(2), c = RuleMixFiles.dni(3)
        #expect(try state.user(a) == nil)
        try state.save(user(a, "Ana"))
        #expect(try state.user(a)?.firstName == "Ana")
        try state.save(user(a, "Ana María"))   // the same document, saved twice in a row
        #expect(try state.user(a)?.firstName == "Ana María")
        #expect(try state.user(b) == nil)
        _ = try state.user(c)                  // a full cache: emptied, Ana written first
        #expect(try state.user(a)?.firstName == "Ana María")
        try state.save(user(b, "Berta"))
        #expect(try state.user(b)?.firstName == "Berta")
        #expect(try state.user(a)?.firstName == "Ana María")
    }

    @Test("a dry run keeps what the rules read and nothing they only write")
    func ruleFacts() throws {
        let date = try #require(CivilDate(iso: "2026-11-01"))
        let contract = Contract(number: "C00000001", start: date, end: date, cancelledOn: nil, collective: "ACME-1")
        let user = User(document: "12345678Z", documentType: "DNI", firstName: "Ana", lastName: "Núñez", email: "a@example.es",
                        phone: "+34612345678", birthDate: date, relationship: .conyuge, holder: "23456789D",
                        dependants: ["X"], collective: "ACME-1", contracts: [contract],
                        history: [ContractEvent(date: date, document: "12345678Z", collective: "ACME-1", kind: .alta,
                                                contract: "C00000001", endBefore: nil, endAfter: date, sourceFile: "f.csv",
                                                sourceLine: 2, note: nil, recordedOn: date)],
                        createdOn: date, updatedOn: date)
        let facts = user.ruleFacts
        #expect(facts.history.isEmpty && facts.email == nil && facts.phone == nil && facts.birthDate == nil)
        #expect(facts.document == user.document && facts.firstName == user.firstName && facts.relationship == user.relationship)
        #expect(facts.holder == user.holder && facts.dependants == user.dependants && facts.collective == user.collective)
        #expect(facts.contracts == user.contracts)
    }
}
