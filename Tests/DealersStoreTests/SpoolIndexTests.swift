@testable import DealersStore
import DealersTestSupport
import Testing

/// The transaction index against a dictionary: writes, rewrites, deletions and discards of
/// many keys, with spool offsets and key lengths up to the limits an entry packs.
@Suite("Spool index")
struct SpoolIndexTests {
    private struct Expected: Equatable {
        var offset: Int
        var length: Int
        var deletion: Bool
    }

    @Test("agrees with a dictionary through writes, rewrites, deletions and discards")
    func model() throws {
        var index = SpoolIndex()
        var model: [String: Expected] = [:]
        var rng = SeededGenerator(seed: 46)
        let big = SpoolIndex.Entry.maxSpoolOffset
        for step in 0..<20_000 {
            let name = "users/\(Int.random(in: 0..<3_000, using: &rng)).json"
            let key = try StoreKey(name)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                index.discard(key)
                model[name] = nil
            default:
                let deletion = Int.random(in: 0..<4, using: &rng) == 0
                // Offsets near the top of the 46 bits an entry keeps, and small ones.
                let offset = step.isMultiple(of: 2) ? big - step : step * 97
                let length = name.utf8.count + 10 + step % 1000
                try index.set(key, line: Segment.Entry(offset: offset, length: length, keyLength: name.utf8.count, isDeletion: deletion))
                model[name] = Expected(offset: offset, length: length, deletion: deletion)
            }
        }
        #expect(index.count == model.count)
        for (name, expected) in model {
            let entry = try #require(index.get(try StoreKey(name)))
            #expect(Expected(offset: entry.line.offset, length: entry.line.length, deletion: entry.line.isDeletion) == expected)
            #expect(Int(entry.keyLength) == name.utf8.count)
        }
        let sorted = index.sorted().map { index.key(of: $0).path }
        #expect(sorted == model.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    /// How the index under test starts.
    enum Start: String, CaseIterable, CustomTestStringConvertible {
        case new, presized, emptied
        var testDescription: String { rawValue }

        func index() throws -> SpoolIndex {
            switch self {
            case .new: return SpoolIndex()
            case .presized: return SpoolIndex(expecting: 183_500)
            case .emptied:
                // Filled over several chunks with other keys, then emptied as a spill does.
                var index = SpoolIndex()
                for i in 0..<20_000 {
                    let name = "old/\(String(repeating: "o", count: 150))/\(i).json"
                    try index.set(try StoreKey(name), line: Segment.Entry(offset: i, length: 200, keyLength: name.utf8.count, isDeletion: false))
                }
                index.removeAll()
                #expect(index.count == 0)
                #expect(index.get(try StoreKey("old/\(String(repeating: "o", count: 150))/7.json")) == nil)
                #expect(index.sorted().isEmpty)
                return index
            }
        }
    }

    @Test("keys spread over several 1 MiB chunks of key bytes are all found, and sort (new, presized or emptied)",
          arguments: Start.allCases)
    func manyChunks(start: Start) throws {
        var index = try start.index()
        let long = String(repeating: "x", count: 190)
        // About 600 bytes a key: 6,000 keys fill three and a half chunks; no key straddles two.
        let names = (0..<6_000).map { "users/\(long)/\(long)/\(long)/\($0).json" }
        for (i, name) in names.enumerated() {
            try index.set(try StoreKey(name), line: Segment.Entry(offset: i * 1_000, length: name.utf8.count + 20,
                                                                    keyLength: name.utf8.count, isDeletion: false))
        }
        for (i, name) in names.enumerated() {
            let entry = try #require(index.get(try StoreKey(name)))
            #expect(entry.line.offset == i * 1_000)
            #expect(index.key(of: entry).path == name)
        }
        #expect(index.sorted().map { index.key(of: $0).path } == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(index.count == names.count)
    }

    @Test("refuses a spool offset beyond what an entry keeps, with a clear error")
    func offsetLimit() throws {
        var index = SpoolIndex()
        let key = try StoreKey("users/1.json")
        #expect(throws: DealersError.self) {
            try index.set(key, line: Segment.Entry(offset: SpoolIndex.Entry.maxSpoolOffset + 1, length: 40, keyLength: 12, isDeletion: false))
        }
        #expect(index.get(key) == nil)
    }
}
