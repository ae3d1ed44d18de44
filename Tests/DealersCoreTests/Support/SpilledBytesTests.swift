import Testing
import DealersTestSupport
@testable import DealersSupport

/// The append-only bytes that keep their head in memory and the rest in a temporary file.
@Suite("Spilled bytes")
struct SpilledBytesTests {
    /// Appends `total` bytes (a known pattern) in pieces of varied sizes.
    func filled(_ bytes: SpilledBytes, total: Int, seed: UInt64) throws -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var expected: [UInt8] = []
        while expected.count < total {
            let piece = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try piece.withUnsafeBufferPointer { try bytes.append($0) }
            expected += piece
        }
        return expected
    }

    @Test("any range reads back what was appended: in the head, across its end, within a block, across blocks", arguments: [0, 5, 100])
    func rangesReadBack(memoryBytes: Int) throws {
        let bytes = SpilledBytes(memoryBytes: memoryBytes, blockSize: 16, cacheBlocks: 2, prefix: "dealers-test")
        let expected = try filled(bytes, total: 1_000, seed: UInt64(memoryBytes))
        #expect(bytes.count == expected.count)
        #expect(bytes.hasSpilled)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let start = Int.random(in: 0..<expected.count, using: &generator)
            let end = Int.random(in: start...min(expected.count, start + 70), using: &generator)
            let read = try bytes.withBytes(start..<end) { Array($0) }
            #expect(read == Array(expected[start..<end]), "\(start)..<\(end)")
        }
    }

    @Test("reading between appends sees the bytes appended since, also in a block that grew")
    func readsBetweenAppends() throws {
        let bytes = SpilledBytes(memoryBytes: 3, blockSize: 8, cacheBlocks: 1, prefix: "dealers-test")
        var expected: [UInt8] = []
        for value in 0..<100 as Range<UInt32> {
            try bytes.append(littleEndian: value)
            withUnsafeBytes(of: value.littleEndian) { expected += $0 }
            #expect(try bytes.integer(UInt32.self, at: Int(value) * 4) == value)
            #expect(try bytes.withBytes(0..<bytes.count) { Array($0) } == expected)
        }
    }

    @Test("under the memory bound nothing goes to a file")
    func smallStaysInMemory() throws {
        let bytes = SpilledBytes(memoryBytes: 1_000, prefix: "dealers-test")
        let expected = try filled(bytes, total: 900, seed: 3)
        #expect(!bytes.hasSpilled)
        #expect(try bytes.withBytes(0..<bytes.count) { Array($0) } == Array(expected[0..<bytes.count]))
    }
}
