@testable import DealersCore
import DealersTestSupport
import Testing

/// The packed line numbers of rows waiting for the end of a file give back exactly what was
/// added, in order: small steps, long jumps, steps back and the extremes of `Int`.
@Suite("Packed line numbers")
struct LineNumbersTests {
    @Test("give back every number added, in order")
    func roundTrip() {
        var rng = SeededGenerator(seed: 61)
        var expected: [Int] = [0, 1, 1, 2, 130, 129, 16_384, 1 << 40, Int.max, Int.min, 7, -7]
        var line = 7
        for _ in 0..<20_000 {
            line += Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 1...1_000_000, using: &rng) : Int.random(in: 1...3, using: &rng)
            expected.append(line)
        }
        var numbers = LineNumbers()
        for n in expected { numbers.append(n) }
        #expect(numbers.count == expected.count)
        #expect(Array(numbers) == expected)
    }
}
