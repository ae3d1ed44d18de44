import DealersSupport
import DealersTestSupport
import Foundation
import Testing

@Suite("BoundedWorkPool: own threads, bounded queue")
struct BoundedWorkPoolTests {
    @Test func runsWorkOnItsThreadsAndReturnsTheResult() async {
        let pool = BoundedWorkPool(threads: 2, queueLimit: 2)
        defer { pool.stop() }
        // The kernel's name of the thread the work ran on (what `top -H` shows an operator),
        // not Foundation's `Thread.name`, whose answer depends on which `Thread` object it asks.
        let name = await pool.submit {
            (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        #expect(name?.hasPrefix("dealers-pool-") == true, "\(name ?? "nil")")
        #expect(await pool.submit { 6 * 7 } == 42)
    }

    @Test func refusesAtOnceWhenEveryThreadIsBusyAndTheQueueIsFull() async {
        let pool = BoundedWorkPool(threads: 1, queueLimit: 1)
        defer { pool.stop() }
        let gate = DispatchSemaphore(value: 0)
        let running = Task { await pool.submit { gate.wait(); return 1 } }
        #expect(await eventuallyAsync { pool.load == 1 })
        let waiting = Task { await pool.submit { 2 } }
        #expect(await eventuallyAsync { pool.load == 2 })
        // Full: answered nil without waiting for the thread.
        #expect(await pool.submit { 3 } == nil)
        gate.signal()
        #expect(await running.value == 1)
        #expect(await waiting.value == 2)
        #expect(await pool.submit { 4 } == 4)
    }

    @Test func aStoppedPoolAnswersNil() async {
        let pool = BoundedWorkPool(threads: 1, queueLimit: 4)
        pool.stop()
        #expect(await pool.submit { 1 } == nil)
    }
}
