import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

extension TestWorkspace {
    /// A workspace whose store is a test database, with `extra` settings (JSON members) added,
    /// and workers' leases of `leaseSeconds` when given.
    init(database: TestDatabase, extra: String = "", leaseSeconds: Double? = nil) throws {
        let lease = leaseSeconds.map { #", "leaseSeconds": \#($0)"# } ?? ""
        try self.init(settings: #"{"dealers": ["ACME", "IBERIA"], "stabilitySeconds": 0, "store": {"backend": "postgresql", "url": "\#(database.url)"\#(lease)}\#(extra)}"#)
    }

    /// The repository's sample inbox and settings, with the store in `database` when given.
    static func sample(database: TestDatabase?) throws -> TestWorkspace {
        let ws = try TestWorkspace()
        let fm = FileManager.default
        try fm.removeItem(at: ws.url("inbox"))
        try fm.copyItem(at: TestWorkspace.repository.appendingPathComponent("inbox"), to: ws.url("inbox"))
        // Files of one kind are applied oldest first: the same times in every copy, the same order.
        for file in try fm.subpathsOfDirectory(atPath: ws.url("inbox").path) {
            try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_795_000_000)], ofItemAtPath: ws.url("inbox/" + file).path)
        }
        var settings = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: TestWorkspace.repository.appendingPathComponent("dealers.json"))) as? [String: Any])
        if let database { settings["store"] = ["backend": "postgresql", "url": database.url] }
        try JSONSerialization.data(withJSONObject: settings).write(to: ws.url("dealers.json"))
        return ws
    }

    /// The receipts of a date's processings, input name → how many receipts it got.
    func receiptCounts(dealer: String? = nil, date: String = "2026-11-24") -> [String: Int] {
        let folder = url((dealer.map { "outbox/\($0)/" } ?? "outbox/") + "receipts/\(date)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var counts: [String: Int] = [:]
        for name in names where name.hasSuffix(".json") {
            // `usuarios.2.csv.json` would be a second processing of usuarios.csv.
            var base = String(name.dropLast(".json".count))
            if let range = base.range(of: #"\.[0-9]+\.csv$"#, options: .regularExpression) { base.replaceSubrange(range, with: ".csv") }
            counts[base, default: 0] += 1
        }
        return counts
    }
}

extension TestDatabase {
    /// The store, read-only (the tests' observer).
    func store() throws -> PostgresStore {
        try PostgresStore.openReadOnly(try postgresURL, logger: quietLogger)
    }

    /// The change log's positions (the sync feed's source), in order: `1...n` when it has no gap.
    func changeLogPositions() throws -> [Int] {
        try sql("SELECT key FROM dealers_documents WHERE key LIKE 'changelog/%' ORDER BY key")
            .compactMap { Int($0.dropFirst("changelog/".count).prefix(10)) }
    }

    /// How many documents the store holds under a prefix (0 when there is no store yet).
    func count(under prefix: String) -> Int {
        guard let store = try? store() else { return 0 }
        defer { store.close() }
        return (try? store.count(under: prefix)) ?? 0
    }
}

/// Documents of any store, key → content, for comparisons across runs and backends: the input
/// records, change-log entries and receipts hold times and inbox identities of their run, so
/// those members are removed from them.
enum StoreSnapshot {
    static func of(_ store: any DocumentBackend, under prefix: String = "") throws -> [String: String] {
        var result: [String: String] = [:]
        try store.forEachDocument(under: prefix) { key, bytes in
            result[key.path] = normalized(Data(bytes))
        }
        return result
    }

    static let runMembers: Set<String> = ["inbox", "processedAt", "startedAt", "finishedAt", "durationSeconds", "ranAt"]

    /// JSON without the members that change from run to run, keys sorted.
    static func normalized(_ data: Data) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return String(decoding: data, as: UTF8.self)
        }
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !runMembers.contains($0.key) }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let data = (try? JSONSerialization.data(withJSONObject: strip(value), options: [.sortedKeys, .fragmentsAllowed])) ?? data
        return String(decoding: data, as: UTF8.self)
    }

    /// A document without its contract numbers, which depend on the order files were applied
    /// in and on the blocks of numbers workers took (docs/store.md, "Transactions").
    static func withoutContractNumbers(_ document: String) -> String {
        document.replacingOccurrences(of: #""(contract|number)":"C[0-9]+""#, with: "", options: .regularExpression)
    }

    /// A fresh workspace on `db` with the collectives of `collectives` applied.
    static func workspace(_ db: TestDatabase, collectives: String) throws -> TestWorkspace {
        let ws = try TestWorkspace(database: db)
        try ws.write("inbox/colectivos.csv", collectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        return ws
    }

    /// The keys whose documents differ, for a readable failure.
    static func differences(_ a: [String: String], _ b: [String: String]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }
}
