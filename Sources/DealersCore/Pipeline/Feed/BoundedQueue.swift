import Foundation

/// A first-in first-out queue between one producing and one consuming thread that holds at
/// most `capacity` items: the producer waits while it is full, the consumer while it is empty,
/// so the memory between the two stays flat whatever their speeds.
///
/// The producer ends the queue with ``finish(throwing:)`` (the consumer gets the items before
/// the end, then `nil` or the error); the consumer ends it early with ``cancel()``, after which
/// ``put(_:)`` returns `false` at once.
final class BoundedQueue<Item: Sendable>: @unchecked Sendable {
    // Every stored property is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private let capacity: Int
    private var finished = false
    private var failure: Error?
    private var cancelled = false

    /// Creates a queue that holds up to `capacity` (≥ 1) items.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds an item, waiting while the queue is full. Returns `false` (dropping the item) once
    /// the consumer has cancelled.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Marks the end of the items (with the producer's error, when it failed).
    func finish(throwing error: Error? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, waiting while the queue is empty; `nil` after the last one.
    /// - Throws: the producer's error, after every item it put before failing.
    func take() throws -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !finished { condition.wait() }
        guard head < items.count else {
            if let failure { throw failure }
            return nil
        }
        let item = items[head]
        head += 1
        // Taken items leave the array in bulk, so it never holds more than twice the capacity
        // (a producer that keeps the queue full would otherwise grow it without end).
        if head >= capacity || head == items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// Items waiting to be taken.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count - head
    }

    /// Items the storage holds, taken ones included (for tests of the bound).
    var storageCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count
    }

    /// Tells the producer to stop: pending and later ``put(_:)`` calls return `false`.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }
}
