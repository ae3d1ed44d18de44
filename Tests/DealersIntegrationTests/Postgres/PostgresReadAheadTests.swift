import Foundation
import Logging
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// On PostgreSQL a file's users are read a batch of rows ahead, the read sent before the rows
/// ahead of them are applied: those rows may change the very users it read (create, move, cancel
/// them; or push them out of the cache into the transaction). Whatever the cache, the file gives
/// the answers and the users the JSON store gives, which applies each row as it comes.
@Suite("PostgreSQL reads a file's users ahead", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostgresReadAheadTests {
    /// What a file left: its rows' counts and actions, its error file and every user.
    struct Outcome: Equatable {
        var rows: Receipt.Rows
        var actions: [String: Int]
        var errors: String
        var users: [String: String]
    }

    /// Applies the collectives, `stored` and `changes` to the store `backend` opens in a new
    /// workspace, with a cache of `cacheLimit` users, reading `readAheadRows` rows' users at a time.
    func outcome(stored: String, changes: String, cacheLimit: Int, readAheadRows: Int = RowApplier.defaultReadAheadRows,
                 backend: (Workspace, Logger) throws -> any DocumentBackend) throws -> Outcome {
        try RuleMixWorkspace.with(stored: stored, changes: changes, cacheLimit: cacheLimit, readAheadRows: readAheadRows) { mix in
            let store = try backend(mix.workspace, mix.logger)
            _ = try mix.processor.process(mix.files.collectives, dealer: nil, store: store)
            _ = try mix.processor.process(mix.files.stored, dealer: nil, store: store)
            let receipt = try mix.processor.process(mix.files.changes, dealer: nil, store: store)
            var users: [String: String] = [:]
            try store.forEachDocument(under: "users") { key, bytes in users[key.path] = String(decoding: bytes, as: UTF8.self) }
            let errors = try String(contentsOf: mix.root.appendingPathComponent("outbox/errors/2026-11-24/cambios.csv.errors.csv"), encoding: .utf8)
            return Outcome(rows: receipt.rows, actions: receipt.actions, errors: errors, users: users)
        }
    }

    /// The files the tests apply: stored families and a change file.
    enum Mix: String, CaseIterable, CustomTestStringConvertible {
        /// Some 2,400 rows acting on the same people again and again across batches read ahead.
        case ruleMix = "a rule mix"
        /// 1,800 dependants waiting for holders that come after them, retried in batches.
        case holdersLast = "holders after their dependants"

        var testDescription: String { rawValue }

        var files: (stored: String, changes: String) {
            switch self {
            case .ruleMix:
                var rng = SeededGenerator(seed: 5)
                let families = 300
                return (RuleMixFiles.stored(families: families), RuleMixFiles.changes(rows: 2_400, families: families, using: &rng))
            case .holdersLast:
                return (RuleMixFiles.stored(families: 10), RuleMixFiles.holdersAfterTheirDependants(holders: 900))
            }
        }
    }

    @Test("the same answers and users as the JSON store, with users the rows ahead change and a cache they leave",
          arguments: Mix.allCases)
    func sameAsTheJSONStore(mix: Mix) throws {
        let (stored, changes) = mix.files
        let expected = try outcome(stored: stored, changes: changes, cacheLimit: StoreDomainState.defaultCacheLimit) { workspace, logger in
            try DocumentStore(directory: workspace.store, logger: logger)
        }
        #expect(expected.rows.applied > 500 && expected.rows.rejected > 500, "\(expected.rows)")
        // Caches of one user, of a few, of the default size; batches read ahead of 500 rows (the
        // files in several), of 97 (a batch's users leave a small cache before it is applied),
        // and of the default size.
        for (limit, rows) in [(1, 500), (7, 97), (StoreDomainState.defaultCacheLimit, RowApplier.defaultReadAheadRows)] {
            let db = try TestDatabase()
            defer { db.drop() }
            let got = try outcome(stored: stored, changes: changes, cacheLimit: limit, readAheadRows: rows) { _, logger in
                try PostgresStore(url: try db.postgresURL, logger: logger)
            }
            let setting = "cache of \(limit) users, \(rows) rows read ahead"
            #expect(got.rows == expected.rows && got.actions == expected.actions, "\(setting)")
            #expect(got.errors == expected.errors, "\(setting)")
            #expect(got.users == expected.users, "\(setting): \(got.users.filter { expected.users[$0.key] != $0.value }.keys.sorted().prefix(5))")
        }
    }
}
