import Foundation
import DealersTestSupport
import Testing
@testable import DealersCore
@testable import DealersStore

/// A spilled run's filter holds only its keys in the folders the transaction had read by then
/// (``RunFilter``): a key of another folder is never ruled out, so every read stays exact —
/// whether its folder was read before the spills, only after them, or never — while the filters
/// of an import's write-only keys (members, contract numbers, the date index) take no memory.
@Suite("Store: run filters over the folders read")
struct RunFilterTests {
    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("a key's folder is its bytes up to the first slash, or the whole key")
    func folders() {
        var folders = ReadFolders()
        #expect(Self.bytes("users/0a/1Z.json").withUnsafeBytes { folders.note($0) } == 0)
        #expect(Self.bytes("sequence.json").withUnsafeBytes { folders.note($0) } == 1)
        #expect(Self.bytes("users/ff/3Z.json").withUnsafeBytes { folders.note($0) } == 0)
        for (key, number) in [("users/ff/2Z.json", 0), ("users", 0), ("sequence.json", 1), ("usersx/1.json", nil),
                              ("user/1.json", nil), ("due/2026-12-01/0a/1Z.json", nil), ("sequence.jso", nil)] {
            #expect(Self.bytes(key).withUnsafeBytes { folders.number(of: $0) } == number, "\(key)")
        }
        #expect(folders.count == 2)
    }

    @Test("holds the keys of the folders read only, and never rules out a key of another folder")
    func coversFoldersRead() throws {
        var index = SpoolIndex()
        let users = (0..<500).map { "users/\(String($0 % 256, radix: 16))/\(10_000_000 + $0)Z.json" }
        let others = (0..<1_500).map { i -> String in
            ["members/NORTE/", "due/2026-12-01/", "contracts/"][i % 3] + "\(String(i % 256, radix: 16))/\(10_000_000 + i).json"
        }
        for (i, k) in (users + others).enumerated() {
            try index.set(try key(k), line: Segment.Entry(offset: i * 10, length: 10, keyLength: k.utf8.count, isDeletion: false))
        }
        var folders = ReadFolders()
        _ = Self.bytes("users/00/x.json").withUnsafeBytes { folders.note($0) }
        let filter = RunFilter(of: index, folders: folders)
        #expect(filter.keyCount == users.count)
        // Folders read after the spill are numbered on: the filter does not cover them.
        func mayContain(_ k: String) -> Bool {
            Self.bytes(k).withUnsafeBytes { filter.mayContain(folder: folders.note($0), BloomFilter.Probe($0)) }
        }
        #expect((users + others).allSatisfy(mayContain))
        let absentUsers = (0..<10_000).map { "users/\(String($0 % 256, radix: 16))/\(20_000_000 + $0)Z.json" }
        #expect(absentUsers.count(where: mayContain) < 200, "about 1 % false positives among users not there")
        #expect(mayContain("members/NORTE/00/99999999.json"), "a folder the filter does not cover is never ruled out")
    }

    @Test("reads are exact whenever their folder is first read: before the spills, between them, after them, or never",
          arguments: [UInt64(11), 12])
    func readsStayExact(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let store = try box.open()
        let setup = store.beginTransaction()
        for i in 0..<30 { try setup.write(try key("due/old/\(i).json"), data("[\(i)]")) }
        try setup.commit()
        let folders = ["users", "members", "due", "dates", "contracts"]
        var model: [String: String?] = [:]
        let tx = store.beginTransaction()
        tx.spillLimit = 50   // dozens of runs, each filtered over the folders read by its spill
        for step in 0..<4_000 {
            let folder = folders[Int.random(in: 0..<folders.count, using: &rng)]
            let k = "\(folder)/\(Int.random(in: 0..<300, using: &rng)).json"
            if Int.random(in: 0..<8, using: &rng) == 0 {
                try tx.delete(try key(k))
                model[k] = .some(nil)
            } else {
                try tx.write(try key(k), data("[\(step)]"))
                model[k] = "[\(step)]"
            }
            // `users` is read from the start, `members` from the middle on, the others only at the end.
            if step % 3 == 0 || (step > 2_000 && step % 5 == 0) {
                let read = step > 2_000 && step % 5 == 0 ? "members" : "users"
                let r = "\(read)/\(Int.random(in: 0..<300, using: &rng)).json"
                #expect(try tx.read(key(r)) == model[r].map { $0.map(data) } ?? nil, "\(r) at step \(step)")
            }
        }
        #expect(try tx.changeCount == model.count)
        for folder in folders + ["due/old"] {
            for i in 0..<300 {
                let k = "\(folder)/\(i).json"
                let committed = folder == "due/old" && i < 30 ? data("[\(i)]") : nil
                #expect(try tx.read(key(k)) == (model[k].map { $0.map(data) } ?? committed), "\(k)")
            }
        }
        try tx.commit()
        for (k, value) in model { #expect(try store.read(key(k)) == value.map(data), "\(k)") }
    }
}
