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
    /// workspace, with a cache of `cacheLimit` users.
    func outcome(stored: String, changes: String, cacheLimit: Int,
                 backend: (Workspace, Logger) throws -> any DocumentBackend) throws -> Outcome {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-readahead-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestWorkspace.repository.appendingPathComponent("layouts"), to: root.appendingPathComponent("layouts"))
        try Data("{}".utf8).write(to: root.appendingPathComponent("dealers.json"))
        let files = [("colectivos.csv", RuleMixFiles.collectives), ("usuarios.csv", stored), ("cambios.csv", changes)].map { name, text in
            (root.appendingPathComponent("inbox/\(name)"), text)
        }
        for (url, text) in files { try Data(TextEncoding.windows1252.encode(text)).write(to: url) }
        let workspace = try Workspace(root: root)
        let logger = Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() }
        var processor = FileProcessor(context: RunContext(workspace: workspace, asOf: try #require(CivilDate(iso: "2026-11-24")), logger: logger),
                                      catalog: try LayoutCatalog(folder: workspace.layouts))
        processor.userCacheLimit = cacheLimit
        let store = try backend(workspace, logger)
        _ = try processor.process(files[0].0, dealer: nil, store: store)
        _ = try processor.process(files[1].0, dealer: nil, store: store)
        let receipt = try processor.process(files[2].0, dealer: nil, store: store)
        var users: [String: String] = [:]
        try store.forEachDocument(under: "users") { key, bytes in users[key.path] = String(decoding: bytes, as: UTF8.self) }
        let errors = try String(contentsOf: root.appendingPathComponent("outbox/errors/2026-11-24/cambios.csv.errors.csv"), encoding: .utf8)
        return Outcome(rows: receipt.rows, actions: receipt.actions, errors: errors, users: users)
    }

    @Test("the same answers and users as the JSON store, with users the rows ahead change and a cache they leave", arguments: [UInt64(5)])
    func sameAsTheJSONStore(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let families = 300
        let stored = RuleMixFiles.stored(families: families)
        // Some 2,400 rows: five batches read ahead, the same people again and again across them.
        let changes = RuleMixFiles.changes(rows: 2_400, families: families, using: &rng)
        let expected = try outcome(stored: stored, changes: changes, cacheLimit: StoreDomainState.defaultCacheLimit) { workspace, logger in
            try DocumentStore(directory: workspace.store, logger: logger)
        }
        #expect(expected.rows.applied > 500 && expected.rows.rejected > 500, "\(expected.rows)")
        for limit in [1, 7, StoreDomainState.defaultCacheLimit] {
            let db = try TestDatabase()
            defer { db.drop() }
            let got = try outcome(stored: stored, changes: changes, cacheLimit: limit) { _, logger in
                try PostgresStore(url: try db.postgresURL, logger: logger)
            }
            #expect(got.rows == expected.rows && got.actions == expected.actions, "cache of \(limit) users")
            #expect(got.errors == expected.errors, "cache of \(limit) users")
            #expect(got.users == expected.users, "cache of \(limit) users: \(got.users.filter { expected.users[$0.key] != $0.value }.keys.sorted().prefix(5))")
        }
    }
}
