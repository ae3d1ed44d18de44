import Foundation

/// A bounded first-in first-out queue of batches from one producing thread to one consuming
/// thread: the producer blocks while `limit` batches wait, the consumer while none does, so
/// memory stays bounded whichever side is slower.
///
/// `@unchecked Sendable`: every field is guarded by `condition`.
package final class BatchQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let limit: Int
    private var batches: [[Element]] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    /// Batches the consumer is done with, for the producer's thread to free (see ``giveBack(_:)``).
    private var spent: [[Element]] = []
    /// How often and how long each side waited for the other, counted where it waits.
    private var counted = HandOverWaits()

    /// Creates a queue that holds at most `limit` batches.
    package init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Producer: adds a batch, waiting while the queue is full.
    /// - Returns: `false` when the consumer has stopped (the batch is dropped).
    package func put(_ batch: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if batches.count >= limit, !stopped {
            let start = counted.producer.begin()
            while batches.count >= limit, !stopped { condition.wait() }
            counted.producer.end(since: start)
        }
        guard !stopped else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Producer: no more batches; with an error, the consumer gets it after the batches queued.
    package func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next batch, waiting while the queue is empty; `nil` once the producer has
    /// finished and everything was taken.
    /// - Throws: the error the producer finished with.
    package func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        if batches.isEmpty, !finished {
            let start = counted.consumer.begin()
            while batches.isEmpty, !finished { condition.wait() }
            counted.consumer.end(since: start)
        }
        guard batches.isEmpty else {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer: hands back a batch it is done with, so that its elements are freed on the
    /// producer's thread (``takeBack()``), where they were allocated: a thread freeing another
    /// thread's allocations waits on that thread's `malloc` arena lock (measured: 4 % of a
    /// validation's samples in lock waits before batches went back). Never blocks.
    package func giveBack(_ batch: [Element]) {
        condition.lock()
        if !stopped { spent.append(batch) }
        condition.unlock()
    }

    /// Producer: the batches handed back since the last call; dropping them frees them here.
    package func takeBack() -> [[Element]] {
        condition.lock()
        defer { condition.unlock() }
        guard !spent.isEmpty else { return [] }
        let batches = spent
        spent = []
        return batches
    }

    /// How often and how long each side has waited for the other so far (issue 30, item 3): the
    /// producer on a full queue, the consumer on an empty one.
    package var waits: HandOverWaits {
        condition.lock()
        defer { condition.unlock() }
        return counted
    }

    /// Consumer: takes nothing more; the producer's ``put(_:)`` returns `false` from now on.
    package func stop() {
        condition.lock()
        stopped = true
        batches = []
        condition.broadcast()
        condition.unlock()
    }
}
