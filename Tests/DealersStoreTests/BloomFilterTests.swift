@testable import DealersStore
import Testing

/// The runs' Bloom filter: never a false "not here", and about as many false "maybe"s as its
/// 10 bits a key promise, for keys shaped like the store's (users, members, contract numbers).
@Suite("Bloom filter")
struct BloomFilterTests {
    private static func keys(_ range: Range<Int>) -> [[UInt8]] {
        range.map { i in
            switch i % 3 {
            case 0: Array("users/\(String(i % 256, radix: 16))/\(10_000_000 + i)Z.json".utf8)
            case 1: Array("members/EMPRESA-NORTE/\(String(i % 256, radix: 16))/\(10_000_000 + i)Z.json".utf8)
            default: Array("contracts/\(String(i % 256, radix: 16))/C\(String(i, radix: 10)).json".utf8)
            }
        }
    }

    private static func probe(_ key: [UInt8]) -> BloomFilter.Probe {
        key.withUnsafeBytes { BloomFilter.Probe($0) }
    }

    @Test("keeps every key it was given and lets about 1 % of the others through",
          arguments: [1, 100, 91_750])
    func falsePositives(capacity: Int) {
        var filter = BloomFilter(capacity: capacity)
        let added = Self.keys(0..<capacity)
        for key in added { key.withUnsafeBytes { filter.insert($0) } }
        #expect(added.allSatisfy { filter.mayContain(Self.probe($0)) })
        let others = Self.keys(capacity..<(capacity + 100_000))
        let passed = others.count { filter.mayContain(Self.probe($0)) }
        // 10 bits a key in blocks of 512 bits: about 1 %; a small filter rounds up to a block.
        #expect(Double(passed) / Double(others.count) < 0.015, "\(passed) of \(others.count) false positives")
    }
}
