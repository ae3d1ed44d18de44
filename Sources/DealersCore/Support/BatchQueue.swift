import Foundation

/// A bounded first-in first-out queue of batches from one producing thread to one consuming
/// thread: the producer blocks while `limit` batches wait, the consumer while none does, so
/// memory stays bounded whichever side is slower.
///
/// `@unchecked Sendable`: every field is guarded by `condition`.
final class BatchQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let limit: Int
    private var batches: [[Element]] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false

    /// Creates a queue that holds at most `limit` batches.
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Producer: adds a batch, waiting while the queue is full.
    /// - Returns: `false` when the consumer has stopped (the batch is dropped).
    func put(_ batch: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= limit, !stopped { condition.wait() }
        guard !stopped else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Producer: no more batches; with an error, the consumer gets it after the batches queued.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next batch, waiting while the queue is empty; `nil` once the producer has
    /// finished and everything was taken.
    /// - Throws: the error the producer finished with.
    func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, !finished { condition.wait() }
        guard batches.isEmpty else {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer: takes nothing more; the producer's ``put(_:)`` returns `false` from now on.
    func stop() {
        condition.lock()
        stopped = true
        batches = []
        condition.broadcast()
        condition.unlock()
    }
}
