import Foundation
import DealersTestSupport
import Testing
@testable import DealersCore
@testable import DealersStore

/// A transaction's spilled runs (``TransactionRun``), looked up by blocks of index entries: a
/// writable store's runs have lines of their own, a read-only store's (`dealers validate`) point
/// into a spool it keeps. Either way reads and walks give exactly what a model of the changes
/// holds, whatever the runs, blocks and keys (long keys sharing their first 16 bytes included);
/// the writable one commits it, the read-only one cannot commit; neither leaves a file behind.
@Suite("Store: a transaction's runs")
struct TransactionRunTests {
    @Test("reads and walks give the newest change of every key across runs of several blocks",
          arguments: [(UInt64(5), true), (6, true), (7, false), (8, false)])
    func matchesAModel(seed: UInt64, readOnly: Bool) throws {
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
        if readOnly { writer.close() }

        let store = readOnly ? try DocumentStore.openReadOnly(directory: box.store, logger: testLogger) : writer
        var runsFolder: URL?
        var changes: [String: String?] = [:]
        let keys = (0..<240).map { "members/EMPRESA-NORTE-Y-SUR/\(String(90_000_000 + $0 * 7)).json" }
            + (0..<480).map { "n/\($0).json" } + committed.keys.sorted()
        do {
            let tx = store.beginTransaction()
            tx.spillLimit = 600   // runs of two or three blocks of 256 entries
            for step in 0..<3_600 {
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
            if readOnly {
                #expect(dealersError { try tx.commit() }?.kind == .internalError)
            } else {
                try tx.commit()
            }
        }
        #expect(runsFolder.map { FileManager.default.fileExists(atPath: $0.path) } == false)
        for k in keys {
            let expected = readOnly ? committed[k].map(data) : changes[k].map { $0.map(data) } ?? committed[k].map(data)
            #expect(try store.read(key(k)) == expected, "\(k) after the transaction")
        }
        if !readOnly { #expect(try store.verifyFiles().isEmpty) }
    }

    @Test("a merge of many runs shares a fixed budget of buffers, and lines longer than a buffer still come whole")
    func manyRunsShareTheirBuffers() throws {
        #expect(RunReader.bufferSize(readers: 1) == RunReader.largestBuffer)
        #expect(RunReader.bufferSize(readers: 32) == RunReader.largestBuffer)
        #expect(RunReader.bufferSize(readers: 128) == RunReader.mergeBudget / 256)
        #expect(RunReader.bufferSize(readers: 5_000) == RunReader.smallestBuffer)
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let long = "\"" + String(repeating: "x", count: 3 * RunReader.smallestBuffer) + "\""
        var model: [String: String] = [:]
        do {
            let tx = store.beginTransaction()
            tx.spillLimit = 2   // 700 runs: each reader gets the smallest buffers
            for i in 0..<1_400 {
                let k = "k/\(String(i * 7919 % 1_400, zeroPaddedTo: 5)).json"
                let value = i % 97 == 0 ? long : "[\(i)]"
                try tx.write(try key(k), data(value))
                model[k] = value
            }
            var walked: [String: String] = [:]
            try tx.forEachChange(under: "k") { k, bytes in walked[k.path] = bytes.map { String(decoding: $0, as: UTF8.self) } }
            #expect(walked == model)
            try tx.commit()
        }
        for (k, value) in model { #expect(try store.read(key(k)) == data(value), "\(k)") }
        #expect(try store.verifyFiles().isEmpty)
    }
}
