import Foundation
import Testing
@testable import DealersCore

@Suite("Support: external sort")
struct ExternalSortTests {
    /// A sort of texts with their position (a total order), spilling every `runLength`.
    func sort(runLength: Int) -> ExternalSort<(String, Int)> {
        ExternalSort(runLength: runLength, prefix: "dealers-test-sort", by: { a, b in a.0 != b.0 ? a.0 < b.0 : a.1 < b.1 },
                     encode: { element, writer in
                         writer.text(element.0)
                         writer.int(element.1)
                     }, decode: { reader in
                         guard let text = reader.text(), let position = reader.int() else { return nil }
                         return (text, position)
                     })
    }

    @Test("a sort larger than its run length spills and hands back every element in order, as one that fits in memory")
    func spillsAndMerges() throws {
        var generator = SystemRandomNumberGenerator()
        let elements = (0..<2_500).map { i in ("k\(Int.random(in: 0..<400, using: &generator))ñ", i) }
        let small = sort(runLength: 97), large = sort(runLength: 10_000)
        for element in elements {
            try small.add(element)
            try large.add(element)
        }
        #expect(small.spilledRuns == 25)
        #expect(large.spilledRuns == 0)
        var fromRuns: [(String, Int)] = [], inMemory: [(String, Int)] = []
        try small.drain { fromRuns.append($0) }
        try large.drain { inMemory.append($0) }
        let expected = elements.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        #expect(fromRuns.map(\.0) == expected.map(\.0) && fromRuns.map(\.1) == expected.map(\.1))
        #expect(inMemory.map(\.0) == expected.map(\.0) && inMemory.map(\.1) == expected.map(\.1))
    }

    @Test("an empty sort hands back nothing")
    func empty() throws {
        var count = 0
        try sort(runLength: 3).drain { _ in count += 1 }
        #expect(count == 0)
    }
}
