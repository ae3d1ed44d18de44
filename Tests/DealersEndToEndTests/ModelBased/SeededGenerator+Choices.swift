import DealersTestSupport

/// The choices a history generator makes, drawn from the shared seeded generator (SplitMix64):
/// the same seed gives the same history on every machine, so a failing seed can be kept and run again.
extension SeededGenerator {
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
