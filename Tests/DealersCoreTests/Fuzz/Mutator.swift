import DealersTestSupport
import Foundation

/// Byte-level mutations of a seed input, the kind that break parsers: flipped bits, bytes
/// inserted or removed, truncation, repeated chunks, and the characters a format cares about.
enum Mutator {
    static let interesting: [UInt8] = [0x22, 0x3B, 0x2C, 0x0A, 0x0D, 0x00, 0xFF, 0xEF, 0xBB, 0xBF, 0x3C, 0x3E, 0x26, 0x80, 0xC3]

    static func mutate(_ input: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        let rounds = Int.random(in: 1...8, using: &rng)
        for _ in 0..<rounds {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            case 1:
                bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: position)
            case 2 where !bytes.isEmpty:
                bytes.remove(at: position)
            case 3:
                bytes = Array(bytes.prefix(position))
            case 4 where !bytes.isEmpty:
                let length = Int.random(in: 1...min(64, bytes.count - position), using: &rng)
                let chunk = bytes[position..<(position + length)]
                bytes.insert(contentsOf: Array(repeating: chunk, count: Int.random(in: 1...20, using: &rng)).flatMap { $0 }, at: position)
            case 5 where !bytes.isEmpty:
                bytes[position] = UInt8.random(in: 0...255, using: &rng)
            default:
                bytes.insert(contentsOf: (0..<Int.random(in: 1...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: position)
            }
        }
        return bytes
    }

    /// Iterations per seed: `DEALERS_FUZZ_ITERATIONS` for long local runs, a few hundred in CI.
    static var iterations: Int {
        ProcessInfo.processInfo.environment["DEALERS_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 300
    }

    /// One case to replay, by the seed a failure printed: `DEALERS_FUZZ_CASE`.
    static var replayCase: UInt64? {
        ProcessInfo.processInfo.environment["DEALERS_FUZZ_CASE"].flatMap(UInt64.init)
    }

    /// The base seed: `DEALERS_FUZZ_SEED` to replay a run, fixed otherwise so CI is repeatable.
    static var baseSeed: UInt64 {
        ProcessInfo.processInfo.environment["DEALERS_FUZZ_SEED"].flatMap(UInt64.init) ?? 0xDEA1_E55
    }
}
