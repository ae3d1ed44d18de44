/// A small seeded random number generator (SplitMix64): the same seed gives the same history on
/// every machine, so a failing seed can be kept and run again.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// An integer in a closed range.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// One element of a non-empty collection, `nil` for an empty one.
    mutating func pick<C: Collection>(_ items: C) -> C.Element? {
        guard !items.isEmpty else { return nil }
        return items[items.index(items.startIndex, offsetBy: int(0...(items.count - 1)))]
    }

    /// One of several choices, by weight.
    mutating func weighted<T>(_ choices: [(weight: Int, value: T)]) -> T? {
        let total = choices.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        var roll = int(0...(total - 1))
        for choice in choices {
            if roll < choice.weight { return choice.value }
            roll -= choice.weight
        }
        return nil
    }
}
