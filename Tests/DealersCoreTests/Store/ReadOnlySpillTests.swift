import Foundation
import Testing
@testable import DealersCore
@testable import DealersStore

/// A read-only store's transaction (`dealers validate`) spills its index alone, over a spool it
/// keeps (``SpoolRun``): it reads and walks exactly what a model of its changes holds, whatever
/// the runs, blocks and keys (long keys sharing their first 16 bytes included), cannot commit,
/// and leaves no file behind.
@Suite("Store: a read-only transaction's runs over its spool")
struct ReadOnlySpillTests {
    @Test("reads and walks give the newest change of every key across runs of several blocks", arguments: [UInt64(5), 6])
    func matchesAModel(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let writer = try box.open()
        let setup = writer.beginTransaction()
        var committed: [String: String] = [:]
        for i in 0..<40 {
            committed["old/\(i).json"] = "\"old \(i)\""
            try setup.write(try key("old/\(i).json"), data("\"old \(i)\""))
        }
        try setup.commit()
        writer.close()

        let reader = try DocumentStore.openReadOnly(directory: box.store, logger: testLogger)
        var runsFolder: URL?
        do {
            let tx = reader.beginTransaction()
            tx.spillLimit = 150   // runs of two or three blocks of 64 entries
            var changes: [String: String?] = [:]
            let keys = (0..<60).map { "members/EMPRESA-NORTE-Y-SUR/\(String(90_000_000 + $0 * 7)).json" }
                + (0..<120).map { "n/\($0).json" } + committed.keys.sorted()
            for step in 0..<900 {
                let k = keys[Int.random(in: 0..<keys.count, using: &rng)]
                if Int.random(in: 0..<6, using: &rng) == 0 {
                    try tx.delete(try key(k))
                    changes[k] = .some(nil)
                } else {
                    try tx.write(try key(k), data("[\(step)]"))
                    changes[k] = "[\(step)]"
                }
            }
            for k in keys + ["never/was.json", "members/EMPRESA-NORTE-Y-SUR/0.json", "a.json", "zz.json"] {
                let expected = changes[k].map { $0.map(data) } ?? committed[k].map(data)
                #expect(try tx.read(key(k)) == expected, "\(k)")
            }
            for prefix in ["", "members", "n", "old"] {
                var walked: [(String, String?)] = []
                try tx.forEachChange(under: prefix) { k, bytes in walked.append((k.path, bytes.map { String(decoding: $0, as: UTF8.self) })) }
                let model = changes.filter { prefix.isEmpty || $0.key.hasPrefix(prefix + "/") }.sorted { $0.key < $1.key }
                #expect(walked.map(\.0) == model.map(\.key), "under \(prefix)")
                #expect(walked.map(\.1) == model.map(\.value), "under \(prefix)")
            }
            runsFolder = tx.runsFolder
            #expect(runsFolder.map { FileManager.default.fileExists(atPath: $0.path) } == true, "no run was spilled")
            #expect(dealersError { try tx.commit() }?.kind == .internalError)
        }
        #expect(runsFolder.map { FileManager.default.fileExists(atPath: $0.path) } == false)
        #expect(try reader.read(key("old/1.json")) == data("\"old 1\""))
    }
}
