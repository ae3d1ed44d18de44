import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A few threads of its own that run slow, CPU-bound pieces of work (password hashes) for async
/// callers, behind a bounded queue: a caller never waits for a thread it shares with anything
/// else, and when the threads are busy and `queueLimit` pieces already wait, a new piece is
/// refused at once (``submit(_:)`` returns `nil`) instead of making everyone wait longer.
///
/// The threads run at a lower priority (``ThreadPriority``), so that on a machine with few cores
/// the threads answering other requests get the CPU first. They live until ``stop()`` (or the
/// pool's last reference goes away).
///
/// `@unchecked Sendable`: every field is guarded by `condition`.
package final class BoundedWorkPool: @unchecked Sendable {
    /// The number of threads.
    package let threads: Int
    /// How many pieces may wait for a thread beyond those running.
    package let queueLimit: Int

    private let state: State

    /// Starts `threads` threads (at least 1) behind a queue of `queueLimit` (at least 0).
    package init(threads: Int, queueLimit: Int, lowPriority: Bool = true) {
        self.threads = max(1, threads)
        self.queueLimit = max(0, queueLimit)
        state = State(capacity: self.threads + self.queueLimit)
        for index in 0..<self.threads {
            let state = self.state
            Thread {
                // The kernel's name too, set here and now: Foundation's setter may leave the thread
                // with its creator's name (Linux threads inherit it), which `top -H` then shows.
                let name = "dealers-pool-\(index)"   // 14 characters: within Linux's 15 for a thread name
                Thread.current.name = name
                Self.setKernelName(name)
                if lowPriority { ThreadPriority.lowerCallingThread() }
                state.work()
            }.start()
        }
    }

    deinit { state.stop() }

    /// Names the calling thread for the kernel (`/proc/thread-self/comm`, what `top -H` shows).
    private static func setKernelName(_ name: String) {
        #if canImport(Glibc)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        _ = name.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        #endif
    }

    /// Runs `work` on one of the pool's threads and returns its result; `nil` at once, without
    /// running it, when the pool is full (every thread busy and the queue at its limit) or stopped.
    package func submit<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let accepted = state.enqueue { run in
                continuation.resume(returning: run ? work() : nil)
            }
            if !accepted { continuation.resume(returning: nil) }
        }
    }

    /// Pieces running or waiting now.
    package var load: Int { state.load }

    /// Stops the threads once the piece in hand is done; pieces still waiting are answered `nil`.
    package func stop() { state.stop() }

    /// The queue and its threads' loop, apart from the pool so that the threads do not keep the
    /// pool alive.
    private final class State: @unchecked Sendable {
        typealias Job = @Sendable (_ run: Bool) -> Void
        private let condition = NSCondition()
        private let capacity: Int
        private var waiting: [Job] = []
        private var running = 0
        private var stopped = false

        init(capacity: Int) { self.capacity = capacity }

        var load: Int {
            condition.lock()
            defer { condition.unlock() }
            return waiting.count + running
        }

        func enqueue(_ job: @escaping Job) -> Bool {
            condition.lock()
            guard !stopped, waiting.count + running < capacity else {
                condition.unlock()
                return false
            }
            waiting.append(job)
            condition.signal()
            condition.unlock()
            return true
        }

        func work() {
            while true {
                condition.lock()
                while waiting.isEmpty, !stopped { condition.wait() }
                if stopped {
                    let dropped = waiting
                    waiting = []
                    condition.unlock()
                    for job in dropped { job(false) }
                    return
                }
                let job = waiting.removeFirst()
                running += 1
                condition.unlock()
                job(true)
                condition.lock()
                running -= 1
                condition.unlock()
            }
        }

        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
