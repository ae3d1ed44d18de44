import DealersTestSupport
/// Shrinks a failing history to a short one that still fails the same way (the same kind of
/// difference), delta-debugging style: first the steps after the failure go, then chunks of
/// steps, then chunks of each file's rows.
struct HistoryShrinker {
    /// The failure to keep.
    let kind: Difference.Kind
    /// Histories played so far (each one a fresh workspace).
    private(set) var plays = 0
    /// When to stop shrinking and print what there is: a shrink never holds the suite for long.
    let deadline: ContinuousClock.Instant

    init(kind: Difference.Kind, budget: Duration = .seconds(240)) {
        self.kind = kind
        deadline = .now + budget
    }

    /// The shortest history found that fails as `failure` did, with its failure.
    mutating func shrink(_ history: History, _ failure: HistoryPlayer.Failure) -> (History, HistoryPlayer.Failure) {
        var best = history
        var bestFailure = failure
        best.steps = Array(best.steps.prefix(failure.step + 1))
        func fails(_ candidate: History) -> Bool {
            guard ContinuousClock.now < deadline else { return false }
            plays += 1
            guard let found = HistoryPlayer.play(candidate), found.difference.kind == kind else { return false }
            best = candidate
            best.steps = Array(candidate.steps.prefix(found.step + 1))
            bestFailure = found
            return true
        }
        // Each success becomes `best`, cut after its failing step; the rows are then shrunk on it.
        _ = Self.minimise(best.steps) { fails(History(start: history.start, steps: $0)) }
        for index in best.steps.indices.reversed() {
            guard index < best.steps.count, !best.steps[index].rows.isEmpty else { continue }
            _ = Self.minimise(best.steps[index].rows) { rows in
                guard !rows.isEmpty, index < best.steps.count else { return false }
                var candidate = best
                candidate.steps[index].rows = rows
                return fails(candidate)
            }
        }
        return (best, bestFailure)
    }

    /// Delta debugging (Zeller's ddmin, complements only): the smallest list found whose
    /// test still holds, removing chunks of halving size.
    static func minimise<T>(_ items: [T], _ holds: ([T]) -> Bool) -> [T] {
        var items = items
        var chunks = 2
        while items.count >= 2 {
            let size = (items.count + chunks - 1) / chunks
            var reduced = false
            var start = 0
            while start < items.count {
                let candidate = Array(items[..<start] + items[min(start + size, items.count)...])
                if holds(candidate) {
                    items = candidate
                    chunks = max(chunks - 1, 2)
                    reduced = true
                    break
                }
                start += size
            }
            if !reduced {
                guard chunks < items.count else { break }
                chunks = min(chunks * 2, items.count)
            }
        }
        if items.count == 1, holds([]) { return [] }
        return items
    }
}
